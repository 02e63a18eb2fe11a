package io.ringbot.io.outbound;

import io.ringbot.bot.OutboundMethod;
import io.ringbot.store.status.CountersFile;
import org.agrona.concurrent.status.AtomicCounter;

import java.util.HashMap;
import java.util.Map;

/**
 * Outbound calls by method and result, in the counters file ({@code ringbot_sends_total{method,result}}).
 * Allocated on the sender's thread as each pair first occurs; methods beyond the ones ringbot names are
 * counted as "other", so a bot calling many methods cannot exhaust the counters file.
 */
final class SendCounters
{
    static final String OK = "ok";
    static final String ERROR = "error";
    static final String TOO_MANY_REQUESTS = "429";
    static final String RETRY = "retry";
    static final String UNKNOWN = "unknown";

    private final CountersFile counters;
    private final Map<String, AtomicCounter> byKey = new HashMap<>();

    SendCounters(final CountersFile counters)
    {
        this.counters = counters;
    }

    void increment(final String method, final String result)
    {
        final String name = known(method) ? method : "other";
        final String key = name + ' ' + result;
        AtomicCounter counter = byKey.get(key);
        if (counter == null)
        {
            counter = counters.newCounter("send method=" + name + " result=" + result, CountersFile.SEND_TYPE_ID);
            byKey.put(key, counter);
        }
        counter.increment();
    }

    private static boolean known(final String method)
    {
        for (final OutboundMethod m : OutboundMethod.values())
        {
            if (m.apiName().equals(method))
            {
                return true;
            }
        }
        return false;
    }
}

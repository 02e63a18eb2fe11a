package io.ringbot.io.ops;

import io.ringbot.io.outbound.AnswerAnomaly;
import io.ringbot.io.outbound.AnswerKind;
import io.ringbot.store.status.CountersFile;
import io.ringbot.store.status.RingbotCounter;
import org.agrona.concurrent.status.CountersReader;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the live counters: the fixed ones by their stable id, the per-update-kind ones by type and label
 * (they are allocated by the engine after the fixed ones, so they are found by scanning, not assumed).
 */
final class CountersView
{
    static final String KIND_LABEL_PREFIX = "updates kind=";
    static final String SEND_LABEL_PREFIX = "send method=";

    private final CountersReader reader;

    CountersView(final CountersReader reader)
    {
        this.reader = reader;
    }

    long value(final RingbotCounter counter)
    {
        return reader.getCounterValue(counter.id());
    }

    /**
     * @return each update kind's count, by kind name (e.g. "message"), in counter order; empty before the
     * engine has allocated them.
     */
    Map<String, Long> kinds()
    {
        final Map<String, Long> kinds = new LinkedHashMap<>();
        reader.forEach((counterId, typeId, keyBuffer, label) ->
        {
            if (typeId == CountersFile.KIND_TYPE_ID && label.startsWith(KIND_LABEL_PREFIX))
            {
                kinds.merge(label.substring(KIND_LABEL_PREFIX.length()), reader.getCounterValue(counterId), Long::sum);
            }
        });
        return kinds;
    }

    /**
     * @return outbound calls by "method result" (counters the sender allocates as methods first occur).
     */
    Map<String, Long> sends()
    {
        final Map<String, Long> sends = new LinkedHashMap<>();
        reader.forEach((counterId, typeId, keyBuffer, label) ->
        {
            if (typeId == CountersFile.SEND_TYPE_ID && label.startsWith(SEND_LABEL_PREFIX))
            {
                sends.merge(label.substring(SEND_LABEL_PREFIX.length()).replace(" result=", " "),
                    reader.getCounterValue(counterId), Long::sum);
            }
        });
        return sends;
    }

    /**
     * @param prefix {@link AnswerKind#LABEL_PREFIX} or {@link AnswerAnomaly#LABEL_PREFIX}.
     * @return the Bot API's answers (or anomalies) by kind; empty without the sender.
     */
    Map<String, Long> botApi(final String prefix)
    {
        final Map<String, Long> kinds = new LinkedHashMap<>();
        reader.forEach((counterId, typeId, keyBuffer, label) ->
        {
            if (typeId == CountersFile.SEND_TYPE_ID && label.startsWith(prefix))
            {
                kinds.merge(label.substring(prefix.length()), reader.getCounterValue(counterId), Long::sum);
            }
        });
        return kinds;
    }
}

package io.ringbot.io.outbound;

import io.ringbot.store.status.CountersFile;
import org.agrona.concurrent.status.AtomicCounter;
import org.slf4j.Logger;

import java.util.Arrays;

/**
 * The Bot API's answers by kind and the anomalies inside them, in the counters file
 * ({@code ringbot_botapi_answers_total{kind}}, {@code ringbot_botapi_anomalies_total{kind}}; all allocated at
 * start, so a kind that never happened reads 0), and their log: one line per kind per interval, whatever the
 * number of calls (a broken server answering hundreds of calls a second writes a line a minute). Sender's
 * thread only; the interval is measured on the sender's clock.
 */
final class AnswerCounters
{
    /** A kind is logged at most once in this long; the next line says how many went unlogged. */
    static final long LOG_INTERVAL_MILLIS = 60_000;
    /** Log keys beyond the kinds and anomalies. */
    static final int GLOBAL_PAUSE = AnswerKind.values().length + AnswerAnomaly.VALUES.length;
    private static final int KEYS = GLOBAL_PAUSE + 1;

    private final AtomicCounter[] kinds = new AtomicCounter[AnswerKind.values().length];
    private final AtomicCounter[] anomalies = new AtomicCounter[AnswerAnomaly.VALUES.length];
    private final long[] loggedAtMillis = new long[KEYS];
    private final long[] unlogged = new long[KEYS];
    private final Logger log;
    private long lines;

    AnswerCounters(final CountersFile counters, final Logger log)
    {
        this.log = log;
        for (final AnswerKind kind : AnswerKind.values())
        {
            kinds[kind.ordinal()] = counters.newCounter(AnswerKind.LABEL_PREFIX + kind.label(), CountersFile.SEND_TYPE_ID);
        }
        for (final AnswerAnomaly anomaly : AnswerAnomaly.VALUES)
        {
            anomalies[anomaly.ordinal()] = counters.newCounter(AnswerAnomaly.LABEL_PREFIX + anomaly.label(),
                CountersFile.SEND_TYPE_ID);
        }
        Arrays.fill(loggedAtMillis, -LOG_INTERVAL_MILLIS); // the first of each kind is due at once
    }

    /**
     * Counts an answer's kind and the anomalies it carries, logging each anomaly once per interval.
     */
    void count(final ApiAnswer answer, final long nowMillis)
    {
        kinds[answer.kind().ordinal()].increment();
        if (answer.anomalies == 0)
        {
            return;
        }
        for (final AnswerAnomaly anomaly : AnswerAnomaly.VALUES)
        {
            if (answer.has(anomaly) && anomaly != AnswerAnomaly.RETRY_AFTER_UNREADABLE)
            {
                anomaly(anomaly, nowMillis, anomaly == AnswerAnomaly.ILL_FORMED_UTF8 ?
                    "the Bot API answered bytes that are not well-formed UTF-8: they read as U+FFFD, the rest of " +
                    "the answer is used" : "the Bot API answered an error_code that is not a status (" +
                    answer.description() + "): the HTTP status " + answer.httpStatus() + " stands for it");
            }
        }
    }

    /**
     * Counts an anomaly and logs it, once per interval.
     */
    void anomaly(final AnswerAnomaly anomaly, final long nowMillis, final String message)
    {
        anomalies[anomaly.ordinal()].increment();
        warn(AnswerKind.values().length + anomaly.ordinal(), nowMillis, message);
    }

    /**
     * @return whether a line for this kind is due; when it is, the caller logs it with {@link #more}; when not,
     * the call is counted for the next line.
     */
    boolean due(final AnswerKind kind, final long nowMillis)
    {
        return due(kind.ordinal(), nowMillis);
    }

    /**
     * @return how many went unlogged since the last line of the kind, as a suffix for the line being logged.
     */
    String more(final AnswerKind kind)
    {
        return more(kind.ordinal());
    }

    /**
     * Logs a line for the key unless one was logged within the interval (then counts it for the next line).
     */
    void warn(final int key, final long nowMillis, final String message)
    {
        if (due(key, nowMillis))
        {
            log.warn("{}{}", message, more(key));
        }
    }

    private boolean due(final int key, final long nowMillis)
    {
        if (nowMillis - loggedAtMillis[key] < LOG_INTERVAL_MILLIS)
        {
            unlogged[key]++;
            return false;
        }
        loggedAtMillis[key] = nowMillis;
        lines++;
        return true;
    }

    private String more(final int key)
    {
        final long more = unlogged[key];
        unlogged[key] = 0;
        return more > 0 ? " (" + more + " more like it since the last line; one line a minute)" : " (logged once a minute)";
    }

    /**
     * @return lines logged so far (tests).
     */
    long lines()
    {
        return lines;
    }

    /**
     * @return the count of a kind (tests).
     */
    long count(final AnswerKind kind)
    {
        return kinds[kind.ordinal()].get();
    }

    /**
     * @return the count of an anomaly (tests).
     */
    long count(final AnswerAnomaly anomaly)
    {
        return anomalies[anomaly.ordinal()].get();
    }
}

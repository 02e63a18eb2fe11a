package io.ringbot.store.status;

import org.agrona.concurrent.errors.DistinctErrorLog;
import org.agrona.concurrent.status.AtomicCounter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts every error, records it in the distinct error log (count and last-seen time, readable by the
 * inspection tool) and logs it once per kind: a flood of one bad update does not flood the log.
 * Thread safe; only the error path allocates.
 */
public final class ErrorRecorder
{
    private static final Logger LOG = LoggerFactory.getLogger(ErrorRecorder.class);

    private final AtomicCounter errors;
    private final DistinctErrorLog log;
    private final Set<String> logged = ConcurrentHashMap.newKeySet();

    public ErrorRecorder(final AtomicCounter errors, final DistinctErrorLog log)
    {
        this.errors = errors;
        this.log = log;
    }

    /**
     * @param where what was being done, e.g. "engine handler".
     * @param error what went wrong.
     */
    public void onError(final String where, final Throwable error)
    {
        errors.increment();
        if (log != null)
        {
            log.record(error);
        }
        final StackTraceElement[] trace = error.getStackTrace();
        final String kind = where + '|' + error.getClass().getName() + '|' + (trace.length > 0 ? trace[0] : "");
        if (logged.add(kind))
        {
            LOG.error("{} failed (logged once per kind, counted always): {}", where, error.toString(), error);
        }
    }

    /**
     * Counts and logs once a condition that is not an exception (e.g. "store full").
     *
     * @param kind    a stable name for the condition.
     * @param message what it means and what to change.
     */
    public void onCondition(final String kind, final String message)
    {
        if (logged.add(kind))
        {
            LOG.warn("{} (logged once, counted always)", message);
        }
    }
}

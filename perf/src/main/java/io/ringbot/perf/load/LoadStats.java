package io.ringbot.perf.load;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the workers observed, written from their event loops and read by the reporting thread.
 * <p>
 * One instance per phase of a run (warm-up, measurement), so that an answer is counted wholly in one.
 * Two latencies per answer: {@code latency} from the intended send time (corrected for coordinated
 * omission; equal to service time in a closed loop) and {@code serviceTime} from the actual write.
 */
public final class LoadStats
{
    private static final int STATUSES = 600;
    private static final int SIGNIFICANT_DIGITS = 3;

    private final Recorder latency = new Recorder(SIGNIFICANT_DIGITS);
    private final Recorder serviceTime = new Recorder(SIGNIFICANT_DIGITS);
    private final LongAdder sent = new LongAdder();
    private final LongAdder answered = new LongAdder();
    private final LongAdder checked = new LongAdder();
    private final LongAdder connectFailures = new LongAdder();
    private final LongAdder connectionLosses = new LongAdder();
    private final LongAdder timeouts = new LongAdder();
    private final LongAdder noIdleUser = new LongAdder();
    private final AtomicLongArray statuses = new AtomicLongArray(STATUSES);
    private final AtomicLongArray checkFailures = new AtomicLongArray(CheckFailure.values().length);

    /**
     * Records one answer.
     *
     * @param intendedNanos when it was due (the send time in a closed loop).
     * @param sentNanos     when it was written.
     * @param doneNanos     when its answer was read.
     * @param status        the HTTP status.
     */
    public void recordAnswer(final long intendedNanos, final long sentNanos, final long doneNanos, final int status)
    {
        latency.recordValue(Math.max(0, doneNanos - intendedNanos));
        serviceTime.recordValue(Math.max(0, doneNanos - sentNanos));
        answered.increment();
        statuses.incrementAndGet(status >= 0 && status < STATUSES ? status : 0);
    }

    /**
     * Counts a request written to a connection.
     */
    public void recordSent()
    {
        sent.increment();
    }

    /**
     * @param failure why a reply check failed, or null when it passed.
     */
    public void recordCheck(final CheckFailure failure)
    {
        checked.increment();
        if (failure != null)
        {
            checkFailures.incrementAndGet(failure.ordinal());
        }
    }

    /**
     * Counts a connection attempt that failed.
     */
    public void recordConnectFailure()
    {
        connectFailures.increment();
    }

    /**
     * Counts a connection that closed with a request in flight.
     */
    public void recordConnectionLoss()
    {
        connectionLosses.increment();
    }

    /**
     * Counts a request not answered in time.
     */
    public void recordTimeout()
    {
        timeouts.increment();
    }

    /**
     * Counts an open-loop slot skipped because every user had a request in flight.
     */
    public void recordNoIdleUser()
    {
        noIdleUser.increment();
    }

    /**
     * @param recycle a histogram from an earlier call to reuse, or null.
     * @return the latencies recorded since the previous call; one reading thread only.
     */
    public Histogram takeLatencyInterval(final Histogram recycle)
    {
        return latency.getIntervalHistogram(recycle);
    }

    /**
     * @param recycle a histogram from an earlier call to reuse, or null.
     * @return the service times recorded since the previous call; one reading thread only.
     */
    public Histogram takeServiceTimeInterval(final Histogram recycle)
    {
        return serviceTime.getIntervalHistogram(recycle);
    }

    /**
     * @return requests written.
     */
    public long sent()
    {
        return sent.sum();
    }

    /**
     * @return answers read.
     */
    public long answered()
    {
        return answered.sum();
    }

    /**
     * @return answers whose body was checked.
     */
    public long checked()
    {
        return checked.sum();
    }

    /**
     * @return failed connection attempts.
     */
    public long connectFailures()
    {
        return connectFailures.sum();
    }

    /**
     * @return connections closed with a request in flight.
     */
    public long connectionLosses()
    {
        return connectionLosses.sum();
    }

    /**
     * @return requests given up on.
     */
    public long timeouts()
    {
        return timeouts.sum();
    }

    /**
     * @return open-loop slots skipped because every user was busy.
     */
    public long noIdleUser()
    {
        return noIdleUser.sum();
    }

    /**
     * @param status an HTTP status.
     * @return answers with that status.
     */
    public long status(final int status)
    {
        return statuses.get(status);
    }

    /**
     * @param failure a reply check failure.
     * @return how often it occurred.
     */
    public long checkFailures(final CheckFailure failure)
    {
        return checkFailures.get(failure.ordinal());
    }

    /**
     * @return answers whose status was not 200, plus connection failures, losses and time-outs.
     */
    public long errors()
    {
        long errors = connectFailures() + connectionLosses() + timeouts();
        for (int i = 0; i < STATUSES; i++)
        {
            if (i != 200)
            {
                errors += statuses.get(i);
            }
        }
        return errors;
    }

    /**
     * @return failed reply checks of every kind.
     */
    public long checkFailures()
    {
        long failures = 0;
        for (int i = 0; i < checkFailures.length(); i++)
        {
            failures += checkFailures.get(i);
        }
        return failures;
    }
}

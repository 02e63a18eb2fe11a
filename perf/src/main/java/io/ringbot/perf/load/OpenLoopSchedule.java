package io.ringbot.perf.load;

/**
 * The intended send times of an open-loop run: request {@code seq} of this worker is due at a fixed point
 * in time whatever the server did before. Latency is measured from these times, not from when a request
 * could actually be written, so a stalled server cannot hide its stall (coordinated omission).
 * <p>
 * With several workers the global schedule is interleaved: worker {@code w} of {@code n} owns the global
 * slots {@code w, w + n, w + 2n, ...}.
 */
public final class OpenLoopSchedule
{
    private final long startNanos;
    private final double periodNanos;
    private final int stride;
    private final int phase;

    /**
     * @param startNanos  when global slot 0 is due, on the {@link System#nanoTime()} scale.
     * @param ratePerSecond the global rate, requests per second.
     * @param stride      the number of workers sharing the rate.
     * @param phase       this worker's index.
     */
    public OpenLoopSchedule(final long startNanos, final double ratePerSecond, final int stride, final int phase)
    {
        if (!(ratePerSecond > 0))
        {
            throw new IllegalArgumentException("rate must be positive: " + ratePerSecond);
        }
        if (stride < 1 || phase < 0 || phase >= stride)
        {
            throw new IllegalArgumentException("phase " + phase + " outside stride " + stride);
        }
        this.startNanos = startNanos;
        this.periodNanos = 1e9 / ratePerSecond;
        this.stride = stride;
        this.phase = phase;
    }

    /**
     * @param seq this worker's request number, from 0.
     * @return when it is due.
     */
    public long intendedNanos(final long seq)
    {
        return startNanos + (long)((seq * (double)stride + phase) * periodNanos);
    }

    /**
     * @param nowNanos the current time.
     * @return how many of this worker's requests are due at or before {@code nowNanos}.
     */
    public long dueCount(final long nowNanos)
    {
        final double slots = (nowNanos - startNanos) / periodNanos;
        if (slots < phase)
        {
            return 0;
        }
        long count = (long)((slots - phase) / stride) + 1;
        // floating point can land one either side of an exact boundary: settle it against intendedNanos
        while (count > 0 && intendedNanos(count - 1) > nowNanos)
        {
            count--;
        }
        while (intendedNanos(count) <= nowNanos)
        {
            count++;
        }
        return count;
    }
}

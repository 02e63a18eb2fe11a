package io.ringbot.io.outbound;

/**
 * At most {@code limit} events in any {@code windowMillis}: the times of the last {@code limit}
 * events in a ring; one more may pass once the oldest of them left the window. Exact, so a limit is
 * never exceeded in any window, however the events bunch.
 */
final class SlidingWindow
{
    private final long[] times;
    private final long windowMillis;
    private int next;
    private int count;

    SlidingWindow(final int limit, final long windowMillis)
    {
        times = new long[limit];
        this.windowMillis = windowMillis;
    }

    boolean mayPass(final long nowMillis)
    {
        return count < times.length || times[next] <= nowMillis - windowMillis;
    }

    void record(final long nowMillis)
    {
        times[next] = nowMillis;
        next = next + 1 == times.length ? 0 : next + 1;
        if (count < times.length)
        {
            count++;
        }
    }

    /**
     * @return whether nothing recorded is still in the window.
     */
    boolean isEmpty(final long nowMillis)
    {
        if (count == 0)
        {
            return true;
        }
        final int last = next == 0 ? times.length - 1 : next - 1;
        return times[last] <= nowMillis - windowMillis;
    }
}

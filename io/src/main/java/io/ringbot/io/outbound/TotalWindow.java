package io.ringbot.io.outbound;

/**
 * The total limit, kept where it is measured: at Telegram, on arrival. A call arrives somewhere between
 * its dispatch and its answer, so a call counts from its dispatch until a window after its answer; one
 * more may go when fewer than {@code limit} count. Then no window of arrivals ever holds more than
 * {@code limit}, however the calls were delayed on the way (a window after the dispatch could not
 * promise that: calls sent a second apart can arrive together).
 */
final class TotalWindow
{
    private final long[] answered;
    private final long windowMillis;
    private int next;
    private int count;
    private int inFlight;

    TotalWindow(final int limit, final long windowMillis)
    {
        answered = new long[limit];
        this.windowMillis = windowMillis;
    }

    boolean mayPass(final long nowMillis)
    {
        final int k = answered.length - inFlight; // the k-th latest answer must have left the window
        if (k <= 0)
        {
            return false;
        }
        if (count < k)
        {
            return true;
        }
        final int index = Math.floorMod(next - k, answered.length);
        return answered[index] <= nowMillis - windowMillis;
    }

    void onDispatch()
    {
        inFlight++;
    }

    void onAnswer(final long nowMillis)
    {
        inFlight--;
        answered[next] = nowMillis;
        next = next + 1 == answered.length ? 0 : next + 1;
        if (count < answered.length)
        {
            count++;
        }
    }
}

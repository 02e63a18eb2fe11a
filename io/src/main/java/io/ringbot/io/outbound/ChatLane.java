package io.ringbot.io.outbound;

import java.util.ArrayDeque;

/**
 * One chat's calls, in order, and its flood state: a token bucket (one message a second, bursts of
 * three by default), for a group also a per-minute window, a pause set by a 429's retry_after, and a
 * retry time after a 5xx or network error. One call of a chat is in flight at a time, so a chat's
 * messages arrive in the order they were made. Replies to live updates go before broadcast traffic.
 */
final class ChatLane
{
    /** Lanes of calls for no chat are keyed from here: far below any group's id. */
    static final long CHATLESS_BASE = Long.MIN_VALUE;
    static final long CHATLESS_MASK = 0xFFFF;

    final long chatId;
    final ArrayDeque<PendingCall> live = new ArrayDeque<>(4);
    final ArrayDeque<PendingCall> bulk = new ArrayDeque<>(1);
    final SlidingWindow group;
    double tokens;
    long refilledMillis;
    long pausedUntilMillis;
    long retryAtMillis;
    long lastUsedMillis;
    boolean inFlight;
    boolean active;

    ChatLane(final long chatId, final int burst, final int groupPerMinute, final long marginMillis, final long nowMillis)
    {
        this.chatId = chatId;
        this.tokens = burst;
        this.refilledMillis = nowMillis;
        this.lastUsedMillis = nowMillis;
        group = chatId < 0 && chatId > CHATLESS_BASE + CHATLESS_MASK ? new SlidingWindow(groupPerMinute, 60_000 + marginMillis) : null;
    }

    PendingCall head()
    {
        final PendingCall next = live.peekFirst();
        return next != null ? next : bulk.peekFirst();
    }

    boolean isEmpty()
    {
        return live.isEmpty() && bulk.isEmpty();
    }

    void remove(final PendingCall call)
    {
        if (call.live())
        {
            live.remove(call);
        }
        else
        {
            bulk.remove(call);
        }
    }
}

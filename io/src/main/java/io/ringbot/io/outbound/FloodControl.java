package io.ringbot.io.outbound;

/**
 * Telegram's sending limits, kept on the sender's side so that they are never broken: per chat a
 * token bucket ({@code chatPerSecond}, bursts of {@code chatBurst}), per group a sliding minute
 * ({@code groupPerMinute}), in total a sliding second ({@code totalPerSecond}), each window longer by a
 * margin for the jitter on the way. Messages count against all three; other methods
 * (answerCallbackQuery, editMessageText, ...) against the total only.
 */
final class FloodControl
{
    private final double chatPerMilli;
    private final int chatBurst;
    private final TotalWindow total;

    FloodControl(final OutboundContext ctx)
    {
        chatPerMilli = ctx.chatPerSecond() / (1000.0 + ctx.marginMillis());
        chatBurst = ctx.chatBurst();
        total = new TotalWindow(ctx.effectiveTotalPerSecond(), 1000 + ctx.marginMillis());
    }

    /**
     * @return whether the total limit lets one more call pass now.
     */
    boolean totalMayPass(final long nowMillis)
    {
        return total.mayPass(nowMillis);
    }

    /**
     * @return whether the chat's and its group's limits let this call pass now.
     */
    boolean chatMayPass(final ChatLane lane, final PendingCall call, final long nowMillis)
    {
        if (!call.message)
        {
            return true;
        }
        refill(lane, nowMillis);
        return lane.tokens >= 1 && (lane.group == null || lane.group.mayPass(nowMillis));
    }

    /**
     * Takes what a call uses of the limits, as it is sent.
     */
    void onSend(final ChatLane lane, final PendingCall call, final long nowMillis)
    {
        total.onDispatch();
        lane.lastUsedMillis = nowMillis;
        if (call.message)
        {
            refill(lane, nowMillis);
            lane.tokens -= 1;
        }
    }

    /**
     * Moves a call's use of the limits to its answer: it arrived at Telegram no later than that.
     */
    void onAnswer(final ChatLane lane, final PendingCall call, final long nowMillis)
    {
        total.onAnswer(nowMillis);
        lane.lastUsedMillis = nowMillis;
        if (call.message)
        {
            // the refill between dispatch and answer is dropped: the next call is spaced from the arrival
            lane.refilledMillis = Math.max(lane.refilledMillis, nowMillis);
            if (lane.group != null)
            {
                lane.group.record(nowMillis);
            }
        }
    }

    /**
     * @return whether the lane's limits are back to rest (full bucket, empty group window): it can be forgotten.
     */
    boolean atRest(final ChatLane lane, final long nowMillis)
    {
        refill(lane, nowMillis);
        return lane.tokens >= chatBurst && (lane.group == null || lane.group.isEmpty(nowMillis)) &&
            lane.pausedUntilMillis <= nowMillis;
    }

    private void refill(final ChatLane lane, final long nowMillis)
    {
        final long elapsed = nowMillis - lane.refilledMillis;
        if (elapsed > 0)
        {
            lane.tokens = Math.min(chatBurst, lane.tokens + elapsed * chatPerMilli);
            lane.refilledMillis = nowMillis;
        }
    }
}

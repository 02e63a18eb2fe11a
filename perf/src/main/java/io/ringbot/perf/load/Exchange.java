package io.ringbot.perf.load;

/**
 * One update on its way: who sends it, what it is, and the times latency is measured between.
 */
final class Exchange
{
    final int userSlot;
    final long userId;
    final UpdateTemplate template;
    final long intendedNanos;
    long updateId;
    long sentNanos;

    Exchange(final int userSlot, final long userId, final UpdateTemplate template, final long intendedNanos)
    {
        this.userSlot = userSlot;
        this.userId = userId;
        this.template = template;
        this.intendedNanos = intendedNanos;
    }

    /**
     * @return the callback query id this update carries (derived from the update id, so it is unique).
     */
    long callbackQueryId()
    {
        return updateId;
    }

    /**
     * Fills the per-request template values.
     *
     * @param values one value per {@link UpdateTemplate.Slot}; reused by the caller.
     * @param epochSecond the message date.
     */
    void fill(final long[] values, final long epochSecond)
    {
        values[UpdateTemplate.Slot.UPDATE_ID.ordinal()] = updateId;
        values[UpdateTemplate.Slot.USER_ID.ordinal()] = userId;
        values[UpdateTemplate.Slot.MESSAGE_ID.ordinal()] = 1 + updateId % 2_000_000_000L;
        values[UpdateTemplate.Slot.DATE.ordinal()] = epochSecond;
        values[UpdateTemplate.Slot.CALLBACK_ID.ordinal()] = callbackQueryId();
    }
}

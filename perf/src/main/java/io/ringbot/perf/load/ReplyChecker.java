package io.ringbot.perf.load;

import java.io.IOException;

/**
 * Checks 200 answers against what their updates call for. Each user's counter is followed: the first count
 * seen for a user is its base (the server may hold state from earlier runs) and every later count must be
 * exactly one more. After any answer that leaves the server's count unknown (an error status, a lost
 * connection, a time-out) the user's base is forgotten.
 */
public final class ReplyChecker
{
    private static final long UNKNOWN = 0; // counts start at 1

    private final long[] lastCount;

    /**
     * @param users the number of user slots followed.
     */
    public ReplyChecker(final int users)
    {
        this.lastCount = new long[users];
    }

    /**
     * @param expectation what the answer must carry.
     * @param userSlot    the sender's slot.
     * @param chatId      the update's chat.
     * @param callbackId  the callback query's id (used by {@link Expectation#CALLBACK_ID} only).
     * @param body        the answer's body, possibly empty.
     * @return null when the answer passes, else why it failed.
     */
    public CheckFailure check(
        final Expectation expectation, final int userSlot, final long chatId, final long callbackId, final byte[] body)
    {
        if (expectation == Expectation.STATUS)
        {
            return null;
        }
        if (body == null || body.length == 0)
        {
            forget(userSlot);
            return CheckFailure.MISSING_REPLY;
        }
        final BotReply reply;
        try
        {
            reply = BotReply.parse(body);
        }
        catch (final IOException ex)
        {
            forget(userSlot);
            return CheckFailure.BAD_JSON;
        }
        return switch (expectation)
        {
            case COUNT -> checkCount(reply, userSlot, chatId);
            case SEND_MESSAGE -> "sendMessage".equals(reply.method()) ? null : CheckFailure.WRONG_METHOD;
            case CALLBACK_ID ->
                Long.toString(callbackId).equals(reply.callbackQueryId()) ? null : CheckFailure.WRONG_CALLBACK_ID;
            case STATUS -> null;
        };
    }

    private CheckFailure checkCount(final BotReply reply, final int userSlot, final long chatId)
    {
        final Long replyChat = reply.chatId();
        if (replyChat == null || replyChat != chatId)
        {
            forget(userSlot);
            return CheckFailure.WRONG_CHAT;
        }
        final long count = reply.count();
        if (count < 1)
        {
            forget(userSlot);
            return CheckFailure.MISSING_COUNT;
        }
        final long previous = lastCount[userSlot];
        lastCount[userSlot] = count; // re-base after a miss so that one fault is counted once
        return previous == UNKNOWN || count == previous + 1 ? null : CheckFailure.WRONG_COUNT;
    }

    /**
     * Forgets a user's count, so that its next count is taken as a new base.
     *
     * @param userSlot the user's slot.
     */
    public void forget(final int userSlot)
    {
        lastCount[userSlot] = UNKNOWN;
    }
}

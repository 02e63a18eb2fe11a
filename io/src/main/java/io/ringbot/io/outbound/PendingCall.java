package io.ringbot.io.outbound;

/**
 * One call the sender holds: a handler's (live, its state kept in the queue file at {@code index}), or
 * one recipient of a broadcast or the admin's confirmation of it (live), their state kept in the
 * broadcast's file.
 */
final class PendingCall
{
    final String method;
    /** The JSON body; null for a handler's call in the queue, encoded from its record when sent. */
    final byte[] body;
    final long correlation;
    final long chatId;
    final long originUserId;
    /** The call's offset in the queue's buffer, or -1 when it is not in the queue. */
    final int index;
    final BroadcastJob job;
    /** The call's slot in the broadcast's state: a recipient's index, or the job's confirmation. */
    final int recipient;
    final boolean message;
    int attempts;
    /** When it was last sent (the sender's clock). */
    long sentAtMillis;

    PendingCall(final String method, final byte[] body, final long correlation, final long chatId,
        final long originUserId, final int index, final BroadcastJob job, final int recipient)
    {
        this.method = method;
        this.body = body;
        this.correlation = correlation;
        this.chatId = chatId;
        this.originUserId = originUserId;
        this.index = index;
        this.job = job;
        this.recipient = recipient;
        this.message = isMessage(method);
    }

    /**
     * @return whether the call goes ahead of broadcast traffic (a handler's call, a broadcast's confirmation).
     */
    boolean live()
    {
        return job == null || recipient == job.confirmation;
    }

    /**
     * @return whether the method sends a message (the per-chat and per-group limits apply to those).
     */
    static boolean isMessage(final String method)
    {
        return (method.startsWith("send") && !"sendChatAction".equals(method)) ||
            method.startsWith("copyMessage") || method.startsWith("forwardMessage");
    }
}

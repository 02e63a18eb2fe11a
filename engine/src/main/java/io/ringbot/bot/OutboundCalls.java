package io.ringbot.bot;

/**
 * A handler's Bot API calls beyond the webhook reply: {@code ctx.outbound()}. Each method starts the one
 * reused {@link OutboundCall}; {@link OutboundCall#send(long)} queues it in the persisted outbound queue,
 * from where the sender calls the Bot API under flood control and returns the result to the bot as an
 * event ({@code Bot.onSendResult}). Engine thread only; allocates nothing.
 */
public interface OutboundCalls
{
    /**
     * @return whether calls can be queued (a BOT_TOKEN is configured).
     */
    boolean enabled();

    OutboundCall sendMessage(long chatId);

    OutboundCall editMessageText(long chatId, long messageId);

    OutboundCall answerCallbackQuery(CharSequence callbackQueryId);

    OutboundCall deleteMessage(long chatId, long messageId);

    /**
     * @param chatId the chat.
     * @param photo  a file_id Telegram knows, or an HTTP URL it fetches.
     * @return the call; its {@link OutboundCall#text()} is the caption.
     */
    OutboundCall sendPhoto(long chatId, CharSequence photo);

    /**
     * @param chatId   the chat.
     * @param document a file_id Telegram knows, or an HTTP URL it fetches.
     * @return the call; its {@link OutboundCall#text()} is the caption.
     */
    OutboundCall sendDocument(long chatId, CharSequence document);

    /**
     * @param chatId the chat.
     * @param action typing, upload_photo, record_video, upload_document, ...
     * @return the call.
     */
    OutboundCall sendChatAction(long chatId, CharSequence action);

    /**
     * Any other Bot API method: its parameters are the call's {@code field(...)}s.
     *
     * @param method the method name, e.g. "setMessageReaction" (ASCII, at most 64 characters).
     * @param chatId the chat it concerns, for flood control (0 for none).
     * @return the call.
     */
    OutboundCall call(CharSequence method, long chatId);

    /**
     * @return the call being built.
     */
    OutboundCall call();

    /**
     * Queues, with the current update, a broadcast of a text to every user in the store who has not
     * blocked the bot, at the total limit and behind live replies; it resumes after a restart and never
     * sends one user the same broadcast twice. {@link BroadcastCommand} is the admin command that calls it.
     *
     * @param notifyChatId the chat told the number of recipients once they are counted.
     * @param text         the text.
     * @return true when accepted; false when the queue is full or there is no {@code BOT_TOKEN}.
     */
    boolean broadcast(long notifyChatId, CharSequence text);
}

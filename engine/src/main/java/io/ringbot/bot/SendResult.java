package io.ringbot.bot;

/**
 * The outcome of one outbound call, as the bot's {@link SendResultHandler} sees it on the engine
 * thread: ok with the sent message's id, or Telegram's error_code and description. A reused view,
 * valid during the handler only.
 */
public interface SendResult
{
    /**
     * @return the number the handler gave {@link OutboundCall#send(long)}.
     */
    long correlation();

    /**
     * @return the call's target chat (0 for none).
     */
    long chatId();

    /**
     * @return the sender of the update whose handler made the call (its record is bound as ctx.user()).
     */
    long originUserId();

    /**
     * @return whether Telegram answered ok.
     */
    boolean ok();

    /**
     * @return the id of the message sent or edited, 0 when the method returns none.
     */
    long messageId();

    /**
     * @return Telegram's error_code (400, 403, ...), or 0 when ok; -1 when it never answered (network, after
     * every attempt), -2 when the outcome is unknown (in flight at a crash), -3 when the answer was unreadable.
     */
    int errorCode();

    /**
     * @return Telegram's description of an error (empty when ok).
     */
    CharSequence description();

    /**
     * @return the Bot API method called.
     */
    CharSequence method();

    /**
     * @return whether the target user has blocked the bot or is deactivated (the engine marked the record).
     */
    boolean blocked();
}

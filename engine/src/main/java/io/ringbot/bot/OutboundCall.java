package io.ringbot.bot;

/**
 * One Bot API call a handler is building, reused for every call: start it with a method of
 * {@link OutboundCalls}, fill it, then {@link #send(long)}. Nothing here allocates.
 * <pre>
 *   ctx.outbound().sendMessage(chatId).parseMode("HTML").button("👍", "like").text().append("&lt;b&gt;hi&lt;/b&gt;");
 *   boolean accepted = ctx.outbound().call().send(42L);
 * </pre>
 * Texts are cut to Telegram's limits as the webhook reply's are (a caption to {@link #MAX_CAPTION_CHARS});
 * the JSON body is written by the sender thread, not by the engine.
 */
public interface OutboundCall
{
    /** sendPhoto and sendDocument: a caption of 0-1024 characters (UTF-16 code units); a longer one is cut. */
    int MAX_CAPTION_CHARS = 1024;

    /**
     * @return the method being built.
     */
    OutboundMethod method();

    /**
     * @return the target chat (0 for none).
     */
    long chatId();

    /**
     * @return the text (sendMessage, editMessageText, answerCallbackQuery) or caption (sendPhoto,
     * sendDocument) being built; append to it.
     */
    StringBuilder text();

    /**
     * @param text replaces the text or caption.
     * @return this.
     */
    OutboundCall text(CharSequence text);

    /**
     * Adds an inline keyboard button to the current row (sendMessage, editMessageText).
     *
     * @param label        what it shows.
     * @param callbackData what a press sends back (1-64 bytes).
     * @return this.
     */
    OutboundCall button(CharSequence label, CharSequence callbackData);

    /**
     * Starts a new keyboard row.
     *
     * @return this.
     */
    OutboundCall row();

    /**
     * @param showAlert answerCallbackQuery: show the text as an alert.
     * @return this.
     */
    OutboundCall showAlert(boolean showAlert);

    /**
     * @param parseMode "HTML", "MarkdownV2" or "Markdown".
     * @return this.
     */
    OutboundCall parseMode(CharSequence parseMode);

    /**
     * @param messageId the message this one replies to (reply_parameters).
     * @return this.
     */
    OutboundCall replyTo(long messageId);

    /**
     * Sets {@code allow_paid_broadcast}: Telegram then allows up to 1,000 messages a second, paid in Stars.
     *
     * @param paidBroadcast whether to.
     * @return this.
     */
    OutboundCall paidBroadcast(boolean paidBroadcast);

    /**
     * Adds a numeric field to the body (any method; the whole body of a generic call).
     *
     * @param name  the Bot API parameter.
     * @param value its value.
     * @return this.
     */
    OutboundCall field(String name, long value);

    /**
     * @param name  the Bot API parameter.
     * @param value its value.
     * @return this.
     */
    OutboundCall field(String name, boolean value);

    /**
     * Adds a string field, JSON-escaped.
     *
     * @param name  the Bot API parameter.
     * @param value its value.
     * @return this.
     */
    OutboundCall field(String name, CharSequence value);

    /**
     * Adds a field whose value is JSON already (an object or array such as a reply_markup).
     *
     * @param name the Bot API parameter.
     * @param json its value as JSON text (any char beyond ASCII is sent as its {@code \\uXXXX} escape).
     * @return this.
     */
    OutboundCall jsonField(String name, String json);

    /**
     * Queues the call with the update being handled: it becomes visible to the sender when the engine
     * has applied the update, and is dropped when the handler throws (a redelivered update queues it again,
     * so it is never sent twice).
     *
     * @param correlation a number of the handler's choice, given back with the result.
     * @return true when accepted (it will be sent, also after a restart, once the update is applied); false
     * when the outbound queue is full, the call too large or BOT_TOKEN unset (counted as {@code outbound_rejected_total}).
     */
    boolean send(long correlation);
}

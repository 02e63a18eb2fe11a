package io.ringbot.engine.outbound;

import com.dslplatform.json.DslJson;
import com.dslplatform.json.JsonWriter;
import com.dslplatform.json.NumberConverter;
import io.ringbot.bot.Reply;
import io.ringbot.engine.dispatch.ReplyAccess;

/**
 * One Bot API call a handler is building, reused for every call (fill it, then {@link #send(long)}).
 * Text and inline keyboards go through the webhook reply's own {@link Reply}; further fields of any
 * method go through {@link #field(String, long)} and its kin. Nothing here allocates.
 * <pre>
 *   ctx.outbound().sendMessage(chatId).parseMode("HTML").button("👍", "like").text().append("&lt;b&gt;hi&lt;/b&gt;");
 *   boolean accepted = ctx.outbound().call().send(42L);
 * </pre>
 */
public final class OutboundCall
{
    final Reply reply = ReplyAccess.newReply();
    final StringBuilder genericName = new StringBuilder(OutboundDescriptor.MAX_METHOD_LENGTH);
    final StringBuilder parseMode = new StringBuilder(16);
    final StringBuilder file = new StringBuilder(256);
    final StringBuilder action = new StringBuilder(32);
    final JsonWriter extra = new DslJson<>().newWriter(1024);
    OutboundMethod method;
    long chatId;
    long messageId;
    long replyToMessageId;
    boolean paidBroadcast;
    private final OutboundCalls owner;

    OutboundCall(final OutboundCalls owner)
    {
        this.owner = owner;
    }

    void begin(final OutboundMethod method, final Reply.Method replyMethod, final long chatId, final long messageId,
        final CharSequence queryId)
    {
        this.method = method;
        this.chatId = chatId;
        this.messageId = messageId;
        ReplyAccess.begin(reply, replyMethod, chatId, messageId, queryId);
        genericName.setLength(0);
        parseMode.setLength(0);
        file.setLength(0);
        action.setLength(0);
        extra.reset();
        replyToMessageId = 0;
        paidBroadcast = false;
    }

    public OutboundMethod method()
    {
        return method;
    }

    public long chatId()
    {
        return chatId;
    }

    /**
     * @return the text (sendMessage, editMessageText, answerCallbackQuery) or caption (sendPhoto,
     * sendDocument) being built; append to it.
     */
    public StringBuilder text()
    {
        return reply.text();
    }

    public OutboundCall text(final CharSequence text)
    {
        reply.text(text);
        return this;
    }

    /**
     * Adds an inline keyboard button to the current row (sendMessage, editMessageText).
     *
     * @param label        what it shows.
     * @param callbackData what a press sends back (1-64 bytes).
     * @return this.
     */
    public OutboundCall button(final CharSequence label, final CharSequence callbackData)
    {
        reply.button(label, callbackData);
        return this;
    }

    public OutboundCall row()
    {
        reply.row();
        return this;
    }

    public OutboundCall showAlert(final boolean showAlert)
    {
        reply.showAlert(showAlert);
        return this;
    }

    /**
     * @param parseMode "HTML", "MarkdownV2" or "Markdown".
     * @return this.
     */
    public OutboundCall parseMode(final CharSequence parseMode)
    {
        this.parseMode.setLength(0);
        this.parseMode.append(parseMode);
        return this;
    }

    /**
     * @param messageId the message this one replies to (reply_parameters).
     * @return this.
     */
    public OutboundCall replyTo(final long messageId)
    {
        this.replyToMessageId = messageId;
        return this;
    }

    /**
     * Sets {@code allow_paid_broadcast}: Telegram then allows up to 1,000 messages a second, paid in Stars.
     *
     * @param paidBroadcast whether to.
     * @return this.
     */
    public OutboundCall paidBroadcast(final boolean paidBroadcast)
    {
        this.paidBroadcast = paidBroadcast;
        return this;
    }

    /**
     * Adds a numeric field to the body (any method; the whole body of a generic call).
     *
     * @param name  the Bot API parameter.
     * @param value its value.
     * @return this.
     */
    public OutboundCall field(final String name, final long value)
    {
        name(name);
        NumberConverter.serialize(value, extra);
        return this;
    }

    public OutboundCall field(final String name, final boolean value)
    {
        name(name);
        extra.writeAscii(value ? "true" : "false");
        return this;
    }

    /**
     * Adds a string field, JSON-escaped.
     *
     * @param name  the Bot API parameter.
     * @param value its value.
     * @return this.
     */
    public OutboundCall field(final String name, final CharSequence value)
    {
        name(name);
        extra.writeString(value);
        return this;
    }

    /**
     * Adds a field whose value is JSON already (an object or array such as a reply_markup).
     *
     * @param name the Bot API parameter.
     * @param json its value as JSON text (ASCII; escape anything else as \\uXXXX).
     * @return this.
     */
    public OutboundCall jsonField(final String name, final String json)
    {
        name(name);
        extra.writeAscii(json);
        return this;
    }

    /**
     * Queues the call.
     *
     * @param correlation a number of the handler's choice, given back with the result.
     * @return true when accepted (it will be sent, also after a restart); false when the outbound queue
     * is full or the call too large (counted as {@code outbound_rejected_total}).
     */
    public boolean send(final long correlation)
    {
        return owner.send(this, correlation);
    }

    private void name(final String name)
    {
        extra.writeByte(JsonWriter.COMMA);
        extra.writeByte(JsonWriter.QUOTE);
        extra.writeAscii(name);
        extra.writeByte(JsonWriter.QUOTE);
        extra.writeByte(JsonWriter.SEMI);
    }
}

package io.ringbot.engine.outbound;

import com.dslplatform.json.DslJson;
import com.dslplatform.json.JsonWriter;
import com.dslplatform.json.NumberConverter;
import io.ringbot.bot.Reply;
import io.ringbot.engine.dispatch.ReplyEncoder;

/**
 * A handler's Bot API calls beyond the webhook reply: {@code ctx.outbound()}. Each starts the one
 * reused {@link OutboundCall}; {@link OutboundCall#send(long)} encodes it and writes it into the
 * outbound queue, from where the sender calls the Bot API under flood control and returns the result
 * to the bot as an event ({@code Bot.onSendResult}). Engine thread only; allocates nothing.
 */
public final class OutboundCalls
{
    private static final byte[] METHOD_FIELD = "{\"method\":\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final OutboundCall call = new OutboundCall(this);
    private final ReplyEncoder replyEncoder = new ReplyEncoder();
    private final JsonWriter writer = new DslJson<>().newWriter(16 * 1024);
    private OutboundRing ring;
    private long originUserId;
    private long noQueue;

    /**
     * @param ring the queue calls go to; null: every send is refused (no BOT_TOKEN).
     */
    public void ring(final OutboundRing ring)
    {
        this.ring = ring;
    }

    /**
     * @return whether calls can be queued (a token is configured).
     */
    public boolean enabled()
    {
        return ring != null;
    }

    /**
     * @param originUserId the sender of the update being handled (0 for none); results come back with it bound.
     */
    public void originUser(final long originUserId)
    {
        this.originUserId = originUserId;
    }

    public OutboundCall sendMessage(final long chatId)
    {
        call.begin(OutboundMethod.SEND_MESSAGE, Reply.Method.SEND_MESSAGE, chatId, 0, "");
        return call;
    }

    public OutboundCall editMessageText(final long chatId, final long messageId)
    {
        call.begin(OutboundMethod.EDIT_MESSAGE_TEXT, Reply.Method.EDIT_MESSAGE_TEXT, chatId, messageId, "");
        return call;
    }

    public OutboundCall answerCallbackQuery(final CharSequence callbackQueryId)
    {
        call.begin(OutboundMethod.ANSWER_CALLBACK_QUERY, Reply.Method.ANSWER_CALLBACK_QUERY, 0, 0, callbackQueryId);
        return call;
    }

    public OutboundCall deleteMessage(final long chatId, final long messageId)
    {
        call.begin(OutboundMethod.DELETE_MESSAGE, Reply.Method.NONE, chatId, messageId, "");
        return call;
    }

    /**
     * @param chatId the chat.
     * @param photo  a file_id Telegram knows, or an HTTP URL it fetches.
     * @return the call; its {@link OutboundCall#text()} is the caption.
     */
    public OutboundCall sendPhoto(final long chatId, final CharSequence photo)
    {
        call.begin(OutboundMethod.SEND_PHOTO, Reply.Method.NONE, chatId, 0, "");
        call.file.append(photo);
        return call;
    }

    public OutboundCall sendDocument(final long chatId, final CharSequence document)
    {
        call.begin(OutboundMethod.SEND_DOCUMENT, Reply.Method.NONE, chatId, 0, "");
        call.file.append(document);
        return call;
    }

    /**
     * @param chatId the chat.
     * @param action typing, upload_photo, record_video, upload_document, ...
     * @return the call.
     */
    public OutboundCall sendChatAction(final long chatId, final CharSequence action)
    {
        call.begin(OutboundMethod.SEND_CHAT_ACTION, Reply.Method.NONE, chatId, 0, "");
        call.action.append(action);
        return call;
    }

    /**
     * Any other Bot API method: its parameters are the call's {@code field(...)}s.
     *
     * @param method the method name, e.g. "setMessageReaction".
     * @param chatId the chat it concerns, for flood control (0 for none).
     * @return the call.
     */
    public OutboundCall call(final CharSequence method, final long chatId)
    {
        call.begin(OutboundMethod.GENERIC, Reply.Method.NONE, chatId, 0, "");
        call.genericName.append(method);
        return call;
    }

    /**
     * @return the call being built.
     */
    public OutboundCall call()
    {
        return call;
    }

    /**
     * @return calls refused because no queue is configured (no BOT_TOKEN).
     */
    public long refusedWithoutQueue()
    {
        return noQueue;
    }

    boolean send(final OutboundCall call, final long correlation)
    {
        if (ring == null)
        {
            noQueue++;
            return false;
        }
        final int length = encode(call);
        final CharSequence method = call.method == OutboundMethod.GENERIC ? call.genericName : call.method.apiName();
        return ring.offer(OutboundDescriptor.CALL_TYPE, correlation, call.chatId, originUserId, method,
            writer.getByteBuffer(), length);
    }

    /**
     * Queues a call encoded already, such as the webhook reply of an update that came by long polling
     * (its JSON carries a "method" field, which the Bot API ignores in a body).
     *
     * @param method      the method name.
     * @param chatId      the target chat (flood control's key).
     * @param json        the JSON body.
     * @param length      its length.
     * @param correlation given back with the result.
     * @return true when accepted.
     */
    public boolean sendEncoded(final CharSequence method, final long chatId, final byte[] json, final int length,
        final long correlation)
    {
        if (ring == null)
        {
            noQueue++;
            return false;
        }
        return ring.offer(OutboundDescriptor.CALL_TYPE, correlation, chatId, originUserId, method, json, length);
    }

    /**
     * Queues a broadcast of a text to every user who has not blocked the bot; the sender answers
     * {@code adminChatId} with the number of recipients.
     *
     * @param adminChatId where the confirmation goes.
     * @param text        the text.
     * @return true when accepted.
     */
    public boolean broadcast(final long adminChatId, final CharSequence text)
    {
        if (ring == null)
        {
            noQueue++;
            return false;
        }
        final JsonWriter w = writer;
        w.reset();
        w.writeString(text);
        return ring.offer(OutboundDescriptor.BROADCAST_TYPE, 0, adminChatId, originUserId, "broadcast",
            w.getByteBuffer(), w.size());
    }

    int encode(final OutboundCall call)
    {
        final JsonWriter w = writer;
        w.reset();
        switch (call.method)
        {
            case SEND_MESSAGE:
            case EDIT_MESSAGE_TEXT:
            case ANSWER_CALLBACK_QUERY:
                // the webhook reply's encoding, without its closing brace: the extra fields follow
                w.writeAscii(replyEncoder.buffer(), replyEncoder.encode(call.reply) - 1);
                break;
            case DELETE_MESSAGE:
                start(w, call);
                chatId(w, call.chatId);
                w.writeAscii(",\"message_id\":");
                NumberConverter.serialize(call.messageId, w);
                break;
            case SEND_PHOTO:
            case SEND_DOCUMENT:
                start(w, call);
                chatId(w, call.chatId);
                w.writeAscii(call.method == OutboundMethod.SEND_PHOTO ? ",\"photo\":" : ",\"document\":");
                w.writeString(call.file);
                if (call.reply.text().length() > 0)
                {
                    w.writeAscii(",\"caption\":");
                    w.writeString(call.reply.text());
                }
                break;
            case SEND_CHAT_ACTION:
                start(w, call);
                chatId(w, call.chatId);
                w.writeAscii(",\"action\":");
                w.writeString(call.action);
                break;
            case GENERIC:
            default:
                w.writeAscii(METHOD_FIELD);
                for (int i = 0; i < call.genericName.length(); i++)
                {
                    w.writeByte((byte)call.genericName.charAt(i));
                }
                w.writeByte(JsonWriter.QUOTE);
                break;
        }
        if (call.parseMode.length() > 0)
        {
            w.writeAscii(",\"parse_mode\":");
            w.writeString(call.parseMode);
        }
        if (call.replyToMessageId != 0)
        {
            w.writeAscii(",\"reply_parameters\":{\"message_id\":");
            NumberConverter.serialize(call.replyToMessageId, w);
            w.writeByte(JsonWriter.OBJECT_END);
        }
        if (call.paidBroadcast)
        {
            w.writeAscii(",\"allow_paid_broadcast\":true");
        }
        if (call.extra.size() > 0)
        {
            w.writeAscii(call.extra.getByteBuffer(), call.extra.size());
        }
        w.writeByte(JsonWriter.OBJECT_END);
        return w.size();
    }

    /**
     * @return the encoded bytes of the last {@link #encode(OutboundCall)} (tests).
     */
    byte[] buffer()
    {
        return writer.getByteBuffer();
    }

    private static void start(final JsonWriter w, final OutboundCall call)
    {
        w.writeAscii(METHOD_FIELD);
        w.writeAscii(call.method.apiNameBytes());
        w.writeByte(JsonWriter.QUOTE);
    }

    private static void chatId(final JsonWriter w, final long chatId)
    {
        w.writeAscii(",\"chat_id\":");
        NumberConverter.serialize(chatId, w);
    }
}

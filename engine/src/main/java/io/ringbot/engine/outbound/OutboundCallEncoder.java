package io.ringbot.engine.outbound;

import com.dslplatform.json.DslJson;
import com.dslplatform.json.JsonWriter;
import com.dslplatform.json.NumberConverter;
import io.ringbot.bot.OutboundCall;
import io.ringbot.bot.OutboundMethod;
import io.ringbot.bot.Reply;
import io.ringbot.engine.dispatch.JsonText;
import io.ringbot.engine.dispatch.ReplyDraft;
import io.ringbot.engine.dispatch.ReplyEncoder;
import io.ringbot.engine.dispatch.Truncation;
import org.agrona.DirectBuffer;

import java.nio.charset.StandardCharsets;

/**
 * The sender's side of a handler's call: encodes the JSON body of a FIELDS record ({@link OutboundDescriptor})
 * just before the call is sent, off the engine thread. sendMessage, editMessageText and answerCallbackQuery
 * go through the webhook reply's own {@link ReplyEncoder} (one encoding of those methods, with its limits),
 * the others are written here. Reused; one thread.
 */
public final class OutboundCallEncoder
{
    private static final byte[] METHOD_FIELD = "{\"method\":".getBytes(StandardCharsets.US_ASCII);

    private final ReplyDraft reply = new ReplyDraft();
    private final ReplyEncoder replyEncoder = new ReplyEncoder();
    private final JsonWriter writer = new DslJson<>().newWriter(16 * 1024);
    private final JsonText json = new JsonText(OutboundCallBuilder.MAX_SUBJECT_CHARS);
    private final StringBuilder name = new StringBuilder(OutboundDescriptor.MAX_METHOD_LENGTH);
    private final StringBuilder subject = new StringBuilder(256);
    private final StringBuilder text = new StringBuilder(512);
    private final StringBuilder parseMode = new StringBuilder(16);
    private final StringBuilder label = new StringBuilder(64);
    private final StringBuilder data = new StringBuilder(64);
    private byte[] extra = new byte[1024];

    /**
     * @param buffer the queue's buffer.
     * @param index  a FIELDS record's index.
     * @return the Bot API method it calls.
     */
    public String methodName(final DirectBuffer buffer, final int index)
    {
        final OutboundMethod method = OutboundMethod.of(buffer.getInt(index + OutboundDescriptor.METHOD_ID_OFFSET));
        if (method != OutboundMethod.GENERIC)
        {
            return method.apiName();
        }
        final int at = index + OutboundDescriptor.FIELDS_OFFSET;
        name.setLength(0);
        OutboundDescriptor.getChars(buffer, at + Integer.BYTES, buffer.getInt(at), name);
        return name.toString();
    }

    /**
     * Encodes the JSON body of a FIELDS record.
     *
     * @param buffer the queue's buffer.
     * @param index  the record's index.
     * @return the body's length in {@link #buffer()}.
     */
    public int encode(final DirectBuffer buffer, final int index)
    {
        final OutboundMethod method = OutboundMethod.of(buffer.getInt(index + OutboundDescriptor.METHOD_ID_OFFSET));
        final long chatId = buffer.getLong(index + OutboundDescriptor.CHAT_ID_OFFSET);
        final long messageId = buffer.getLong(index + OutboundDescriptor.MESSAGE_ID_OFFSET);
        final long replyTo = buffer.getLong(index + OutboundDescriptor.REPLY_TO_OFFSET);
        final int flags = buffer.getInt(index + OutboundDescriptor.FLAGS_OFFSET);
        final int buttons = buffer.getInt(index + OutboundDescriptor.BUTTONS_OFFSET);
        int at = index + OutboundDescriptor.FIELDS_OFFSET;
        at = string(buffer, at, name);
        at = string(buffer, at, subject);
        at = string(buffer, at, text);
        at = string(buffer, at, parseMode);
        final int extraLength = buffer.getInt(at);
        if (extra.length < extraLength)
        {
            extra = new byte[extraLength];
        }
        buffer.getBytes(at + Integer.BYTES, extra, 0, extraLength);
        at += Integer.BYTES + extraLength;
        final int keyboardAt = at + Integer.BYTES;

        final JsonWriter w = writer;
        w.reset();
        switch (method)
        {
            case SEND_MESSAGE:
            case EDIT_MESSAGE_TEXT:
            case ANSWER_CALLBACK_QUERY:
                encodeReply(buffer, method, chatId, messageId, flags, buttons, keyboardAt);
                break;
            case DELETE_MESSAGE:
                start(w, method.apiName());
                chatId(w, chatId);
                w.writeAscii(",\"message_id\":");
                NumberConverter.serialize(messageId, w);
                break;
            case SEND_PHOTO:
            case SEND_DOCUMENT:
                start(w, method.apiName());
                chatId(w, chatId);
                w.writeAscii(method == OutboundMethod.SEND_PHOTO ? ",\"photo\":" : ",\"document\":");
                json.write(w, subject);
                if (text.length() > 0)
                {
                    text.setLength(Truncation.prefixOfChars(text, OutboundCall.MAX_CAPTION_CHARS));
                    w.writeAscii(",\"caption\":");
                    json.write(w, text);
                }
                break;
            case SEND_CHAT_ACTION:
                start(w, method.apiName());
                chatId(w, chatId);
                w.writeAscii(",\"action\":");
                json.write(w, subject);
                break;
            case GENERIC:
            default:
                start(w, name);
                break;
        }
        if (parseMode.length() > 0)
        {
            w.writeAscii(",\"parse_mode\":");
            json.write(w, parseMode);
        }
        if (replyTo != 0)
        {
            w.writeAscii(",\"reply_parameters\":{\"message_id\":");
            NumberConverter.serialize(replyTo, w);
            w.writeByte(JsonWriter.OBJECT_END);
        }
        if ((flags & OutboundDescriptor.FLAG_PAID_BROADCAST) != 0)
        {
            w.writeAscii(",\"allow_paid_broadcast\":true");
        }
        if (extraLength > 0)
        {
            w.writeAscii(extra, extraLength);
        }
        w.writeByte(JsonWriter.OBJECT_END);
        return w.size();
    }

    /**
     * @return the bytes of the last {@link #encode}.
     */
    public byte[] buffer()
    {
        return writer.getByteBuffer();
    }

    private void encodeReply(
        final DirectBuffer buffer,
        final OutboundMethod method,
        final long chatId,
        final long messageId,
        final int flags,
        final int buttons,
        final int keyboardAt)
    {
        final Reply.Method replyMethod = method == OutboundMethod.SEND_MESSAGE ? Reply.Method.SEND_MESSAGE :
            method == OutboundMethod.EDIT_MESSAGE_TEXT ? Reply.Method.EDIT_MESSAGE_TEXT : Reply.Method.ANSWER_CALLBACK_QUERY;
        reply.begin(replyMethod, chatId, messageId, subject);
        reply.text(text);
        reply.showAlert((flags & OutboundDescriptor.FLAG_SHOW_ALERT) != 0);
        int at = keyboardAt;
        int row = 0;
        for (int i = 0; i < buttons; i++)
        {
            final int buttonRow = buffer.getInt(at);
            at = string(buffer, at + Integer.BYTES, label);
            at = string(buffer, at, data);
            if (i > 0 && buttonRow != row)
            {
                reply.row();
            }
            row = buttonRow;
            reply.button(label, data);
        }
        final int length = replyEncoder.encode(reply);
        final JsonWriter w = writer;
        if (length > 0)
        {
            // the webhook reply's encoding without its closing brace: the common fields follow
            w.writeAscii(replyEncoder.buffer(), length - 1);
            return;
        }
        // an empty text or no chat: sent as it is, so Telegram's 400 comes back to the handler as the result
        start(w, method.apiName());
        chatId(w, chatId);
        if (method == OutboundMethod.EDIT_MESSAGE_TEXT)
        {
            w.writeAscii(",\"message_id\":");
            NumberConverter.serialize(messageId, w);
        }
        w.writeAscii(",\"text\":\"\"");
    }

    private static int string(final DirectBuffer buffer, final int at, final StringBuilder into)
    {
        final int length = buffer.getInt(at);
        into.setLength(0);
        OutboundDescriptor.getChars(buffer, at + Integer.BYTES, length, into);
        return at + Integer.BYTES + length;
    }

    private void start(final JsonWriter w, final CharSequence method)
    {
        w.writeAscii(METHOD_FIELD);
        json.write(w, method);
    }

    private static void chatId(final JsonWriter w, final long chatId)
    {
        w.writeAscii(",\"chat_id\":");
        NumberConverter.serialize(chatId, w);
    }
}

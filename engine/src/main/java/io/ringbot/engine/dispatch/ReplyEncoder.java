package io.ringbot.engine.dispatch;

import io.ringbot.bot.Reply;
import com.dslplatform.json.JsonWriter;
import com.dslplatform.json.NumberConverter;
import com.dslplatform.json.DslJson;
import io.ringbot.bot.Update;

/**
 * Encodes a {@link Reply} as the JSON of its Bot API call, with DSL-JSON's writer (reused, so no
 * allocation; it escapes quotes, control characters and writes any Unicode as UTF-8).
 * <p>
 * Every reply is one Telegram accepts, and its size is bounded whatever a handler appended: texts are
 * cut to Telegram's limits ({@link Reply#MAX_TEXT_CHARS} for messages, {@link Reply#MAX_CALLBACK_TEXT_CHARS}
 * for callback answers, counted in UTF-16 code units as Telegram counts, cut at a code point boundary),
 * button labels to {@link Reply#MAX_BUTTON_LABEL_CHARS} and callback data to
 * {@link Reply#MAX_CALLBACK_DATA_BYTES} UTF-8 bytes; a lone surrogate becomes U+FFFD (DSL-JSON would throw
 * on it). A message with an empty text or without a chat is a call Telegram refuses, so none is sent.
 */
public final class ReplyEncoder
{
    /** An id Telegram generates is short; a longer one is not echoed whole. */
    static final int MAX_QUERY_ID_CHARS = 256;
    private static final String SEND_MESSAGE_HEAD = "{\"method\":\"sendMessage\",\"chat_id\":";
    private static final String EDIT_MESSAGE_HEAD = "{\"method\":\"editMessageText\",\"chat_id\":";

    private final JsonWriter writer = new DslJson<>().newWriter(8 * 1024);
    private final JsonText json = new JsonText(Reply.MAX_TEXT_CHARS);

    /**
     * @param handlerReply the reply (a {@link ReplyDraft}: a context's, or the outbound sender's).
     * @return the number of bytes in {@link #buffer()}, 0 when the reply is empty.
     */
    public int encode(final Reply handlerReply)
    {
        final ReplyDraft reply = (ReplyDraft)handlerReply;
        final JsonWriter w = writer;
        w.reset();
        switch (reply.method)
        {
            case NONE:
                return 0;
            case SEND_MESSAGE:
            case EDIT_MESSAGE_TEXT:
                final boolean edit = reply.method == Reply.Method.EDIT_MESSAGE_TEXT;
                if (!hasTextAndChat(reply) || (edit && reply.messageId == Update.NONE))
                {
                    return 0;
                }
                w.writeAscii(edit ? EDIT_MESSAGE_HEAD : SEND_MESSAGE_HEAD);
                NumberConverter.serialize(reply.chatId, w);
                if (edit)
                {
                    w.writeAscii(",\"message_id\":");
                    NumberConverter.serialize(reply.messageId, w);
                }
                w.writeAscii(",\"text\":");
                writeText(w, reply.text, Reply.MAX_TEXT_CHARS);
                keyboard(reply, w);
                break;
            case ANSWER_CALLBACK_QUERY:
                w.writeAscii("{\"method\":\"answerCallbackQuery\",\"callback_query_id\":");
                writeText(w, reply.callbackQueryId, MAX_QUERY_ID_CHARS);
                if (reply.text.length() > 0)
                {
                    w.writeAscii(",\"text\":");
                    writeText(w, reply.text, Reply.MAX_CALLBACK_TEXT_CHARS);
                }
                if (reply.showAlert)
                {
                    w.writeAscii(",\"show_alert\":true");
                }
                break;
            default:
                throw new IllegalStateException("unknown reply method " + reply.method);
        }
        w.writeByte(JsonWriter.OBJECT_END);
        return w.size();
    }

    /**
     * @return the encoded bytes of the last {@link #encode(Reply)}.
     */
    public byte[] buffer()
    {
        return writer.getByteBuffer();
    }

    private static boolean hasTextAndChat(final ReplyDraft reply)
    {
        return reply.text.length() > 0 && reply.chatId != Update.NONE && reply.chatId != 0;
    }

    /** Writes at most {@code maxChars} of a text (never half a pair), lone surrogates as U+FFFD. */
    private void writeText(final JsonWriter w, final CharSequence text, final int maxChars)
    {
        json.write(w, text, Truncation.prefixOfChars(text, maxChars));
    }

    /** Callback data: at most 64 bytes of UTF-8 (a pair is 4, a lone surrogate's U+FFFD 3). */
    private void writeCallbackData(final JsonWriter w, final CharSequence data)
    {
        final int length = data.length();
        int bytes = 0;
        int i = 0;
        while (i < length)
        {
            final char c = data.charAt(i);
            final boolean pair = Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(data.charAt(i + 1));
            final int size = pair ? 4 : c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
            if (bytes + size > Reply.MAX_CALLBACK_DATA_BYTES)
            {
                break;
            }
            bytes += size;
            i += pair ? 2 : 1;
        }
        json.write(w, data, i);
    }

    private void keyboard(final ReplyDraft reply, final JsonWriter w)
    {
        final int buttons = reply.buttons;
        if (buttons == 0)
        {
            return;
        }
        w.writeAscii(",\"reply_markup\":{\"inline_keyboard\":[[");
        for (int i = 0; i < buttons; i++)
        {
            if (i > 0)
            {
                w.writeAscii(reply.buttonRow[i] != reply.buttonRow[i - 1] ? "],[" : ",");
            }
            w.writeAscii("{\"text\":");
            writeText(w, reply.buttonLabels[i], Reply.MAX_BUTTON_LABEL_CHARS);
            w.writeAscii(",\"callback_data\":");
            writeCallbackData(w, reply.buttonData[i]);
            w.writeByte(JsonWriter.OBJECT_END);
        }
        w.writeAscii("]]}");
    }
}

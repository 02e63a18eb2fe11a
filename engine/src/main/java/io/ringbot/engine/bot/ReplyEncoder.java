package io.ringbot.engine.bot;

import com.dslplatform.json.JsonWriter;
import com.dslplatform.json.NumberConverter;
import com.dslplatform.json.DslJson;

/**
 * Encodes a {@link Reply} as the JSON of its Bot API call, with DSL-JSON's writer (reused, so no
 * allocation; it escapes quotes, control characters and writes any Unicode as UTF-8).
 */
public final class ReplyEncoder
{
    private final JsonWriter writer = new DslJson<>().newWriter(8 * 1024);

    /**
     * @param reply the reply.
     * @return the number of bytes in {@link #buffer()}, 0 when the reply is empty.
     */
    public int encode(final Reply reply)
    {
        final JsonWriter w = writer;
        w.reset();
        switch (reply.method)
        {
            case NONE:
                return 0;
            case SEND_MESSAGE:
                w.writeAscii("{\"method\":\"sendMessage\",\"chat_id\":");
                NumberConverter.serialize(reply.chatId, w);
                w.writeAscii(",\"text\":");
                w.writeString(reply.text);
                keyboard(reply, w);
                break;
            case EDIT_MESSAGE_TEXT:
                w.writeAscii("{\"method\":\"editMessageText\",\"chat_id\":");
                NumberConverter.serialize(reply.chatId, w);
                w.writeAscii(",\"message_id\":");
                NumberConverter.serialize(reply.messageId, w);
                w.writeAscii(",\"text\":");
                w.writeString(reply.text);
                keyboard(reply, w);
                break;
            case ANSWER_CALLBACK_QUERY:
                w.writeAscii("{\"method\":\"answerCallbackQuery\",\"callback_query_id\":");
                w.writeString(reply.callbackQueryId);
                if (reply.text.length() > 0)
                {
                    w.writeAscii(",\"text\":");
                    w.writeString(reply.text);
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

    private static void keyboard(final Reply reply, final JsonWriter w)
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
            w.writeString(reply.buttonLabels[i]);
            w.writeAscii(",\"callback_data\":");
            w.writeString(reply.buttonData[i]);
            w.writeByte(JsonWriter.OBJECT_END);
        }
        w.writeAscii("]]}");
    }
}

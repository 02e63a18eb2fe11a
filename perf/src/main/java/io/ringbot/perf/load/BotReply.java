package io.ringbot.perf.load;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;

/**
 * The fields of a webhook answer's Bot API call that the reply check looks at, read with Jackson's
 * streaming parser (nested values are skipped).
 */
record BotReply(String method, Long chatId, String text, String callbackQueryId)
{
    private static final JsonFactory JSON = new JsonFactory();

    /**
     * @param body the answer's body, not empty.
     * @return the fields found.
     * @throws IOException when the body is not exactly one JSON object.
     */
    static BotReply parse(final byte[] body) throws IOException
    {
        String method = null;
        Long chatId = null;
        String text = null;
        String callbackQueryId = null;
        try (JsonParser parser = JSON.createParser(body))
        {
            if (parser.nextToken() != JsonToken.START_OBJECT)
            {
                throw new IOException("reply is not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME)
            {
                final String field = parser.currentName();
                final JsonToken value = parser.nextToken();
                switch (field)
                {
                    case "method" -> method = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                    case "chat_id" -> chatId = chatIdOf(parser, value);
                    case "text" -> text = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                    case "callback_query_id" -> callbackQueryId = value.isScalarValue() ? parser.getText() : null;
                    default -> parser.skipChildren();
                }
            }
            if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null)
            {
                throw new IOException("reply has content after its object");
            }
        }
        return new BotReply(method, chatId, text, callbackQueryId);
    }

    private static Long chatIdOf(final JsonParser parser, final JsonToken value) throws IOException
    {
        if (value == JsonToken.VALUE_NUMBER_INT)
        {
            return parser.getLongValue();
        }
        if (value == JsonToken.VALUE_STRING) // the Bot API also takes a chat id as a string
        {
            try
            {
                return Long.parseLong(parser.getText());
            }
            catch (final NumberFormatException ex)
            {
                return null;
            }
        }
        parser.skipChildren();
        return null;
    }

    /**
     * @return N of the first {@code count=N} in the text, or -1 when there is none.
     */
    long count()
    {
        if (text == null)
        {
            return -1;
        }
        final int at = text.indexOf("count=");
        if (at < 0)
        {
            return -1;
        }
        final int from = at + "count=".length();
        int to = from;
        while (to < text.length() && to - from < 18 && text.charAt(to) >= '0' && text.charAt(to) <= '9')
        {
            to++;
        }
        return to == from ? -1 : Long.parseLong(text, from, to, 10);
    }
}

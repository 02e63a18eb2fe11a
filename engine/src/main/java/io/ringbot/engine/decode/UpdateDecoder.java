package io.ringbot.engine.decode;

import io.ringbot.bot.UpdateKind;
import com.dslplatform.json.DslJson;
import com.dslplatform.json.JsonReader;

import java.io.IOException;

/**
 * Decodes a Telegram Update from JSON bytes into a reused {@link DecodedUpdate}, allocating nothing for a
 * well-formed update: DSL-JSON's reader is reused, names are matched by hash, strings are appended
 * into reused builders, and every field ringbot does not use is skipped.
 * <p>
 * Lenient where Telegram's own samples are (a numeric inline query id, a chat without a type); strict
 * where it matters: the body must be one JSON object with a numeric {@code update_id}, and every number
 * read must be a plain integer in its field's range ({@link IntegerField}), never wrapped or rounded.
 * Strings are decoded by {@link JsonStringDecoder}: ill-formed UTF-8 and lone surrogates become U+FFFD. An object with
 * several payload fields is not a valid Update: the first known one wins and the others are skipped.
 * <p>
 * Each {@code read*} method starts at the first token of a value and returns the token after it.
 * Chosen over Jackson because Jackson allocates a parser per document while DSL-JSON's reader
 * processes each body in place ({@code DecoderBenchmark} in perf compares the two).
 */
public final class UpdateDecoder
{
    /** Decoded: the {@link DecodedUpdate} holds the update. */
    public static final int OK = 0;
    /** The body is not well-formed JSON. */
    public static final int BAD_JSON = 1;
    /** Well-formed JSON, but not an object with a numeric {@code update_id}. */
    public static final int NO_UPDATE_ID = 2;
    /** A number ringbot reads is not an integer in its field's range: {@link #badNumberField()} says which. */
    public static final int BAD_NUMBER = 3;

    /** Thrown (pre-allocated, no stack trace) when a number is refused, so that refusing allocates nothing. */
    private static final RuntimeException BAD_NUMBER_SIGNAL = new RuntimeException("bad number", null, false, false)
    {
        private static final long serialVersionUID = 1L;
    };

    private static final byte[] EMPTY = new byte[0];
    /** More digits than this cannot be in any field's range (and could overflow a long). */
    private static final int MAX_DIGITS = 17;

    private static final FieldNames TOP = new FieldNames(topFields());
    private static final int TOP_UPDATE_ID = UpdateKind.count() - 1;

    private static final FieldNames USER = new FieldNames(
        "id", "is_bot", "first_name", "last_name", "username", "language_code");
    private static final FieldNames CHAT = new FieldNames("id", "type", "title");
    private static final FieldNames MESSAGE = new FieldNames(
        "message_id", "from", "chat", "date", "text", "caption", "reply_to_message");
    private static final FieldNames PAYLOAD = new FieldNames(
        "id", "result_id", "from", "user", "chat", "message", "data", "query", "message_id", "date");

    private final JsonReader<Object> reader = new DslJson<>(
        new DslJson.Settings<>().errorInfo(JsonReader.ErrorInfo.MINIMAL)).newReader(EMPTY);
    private byte[] bytes = EMPTY;
    private int length;
    private IntegerField badNumberField = IntegerField.UPDATE_ID;

    /**
     * @param body   the JSON bytes.
     * @param length how many of them.
     * @param update where the result goes (reset first).
     * @return {@link #OK}, {@link #BAD_JSON}, {@link #NO_UPDATE_ID} or {@link #BAD_NUMBER}.
     */
    public int decode(final byte[] body, final int length, final DecodedUpdate update)
    {
        update.reset();
        update.body = body;
        update.bodyLength = length;
        if (length <= 0)
        {
            return BAD_JSON;
        }
        try
        {
            bytes = body;
            this.length = length;
            reader.process(body, length);
            final byte first = reader.getNextToken();
            final boolean numericId;
            if (first == '{')
            {
                numericId = readTop(update);
            }
            else
            {
                return first == '[' || first == '"' ? NO_UPDATE_ID : BAD_JSON;
            }
            if (!onlyWhitespaceAfter(body, reader.getCurrentIndex(), length))
            {
                return BAD_JSON;
            }
            return numericId ? OK : NO_UPDATE_ID;
        }
        catch (final IOException | RuntimeException | StackOverflowError ex)
        {
            return ex == BAD_NUMBER_SIGNAL ? BAD_NUMBER : BAD_JSON; // NOT_A_JSON_STRING too
        }
        finally
        {
            bytes = EMPTY;
        }
    }

    /**
     * @return after {@link #BAD_NUMBER}: the field whose number was refused.
     */
    public IntegerField badNumberField()
    {
        return badNumberField;
    }

    private boolean readTop(final DecodedUpdate update) throws IOException
    {
        boolean numericId = false;
        boolean payloadSeen = false;
        byte t = reader.getNextToken();
        if (t == '}')
        {
            return false;
        }
        while (true)
        {
            final int field = TOP.match(reader, name(t));
            final byte v = reader.getNextToken();
            if (field == TOP_UPDATE_ID && isNumberStart(v))
            {
                update.updateId = readInteger(v, IntegerField.UPDATE_ID);
                numericId = true;
                t = reader.getNextToken();
            }
            else if (field >= 0 && field < TOP_UPDATE_ID && v == '{')
            {
                if (payloadSeen)
                {
                    update.extraPayloads = true;
                    t = reader.skip();
                }
                else
                {
                    payloadSeen = true;
                    final UpdateKind kind = UpdateKind.of(field);
                    update.kind = kind;
                    t = kind.isMessage() ? readMessage(update) : readPayload(update);
                }
            }
            else
            {
                t = reader.skip();
            }
            if (t == '}')
            {
                return numericId;
            }
            t = afterComma(t);
        }
    }

    private byte readMessage(final DecodedUpdate update) throws IOException
    {
        byte t = reader.getNextToken();
        while (t != '}')
        {
            final int field = MESSAGE.match(reader, name(t));
            final byte v = reader.getNextToken();
            switch (field)
            {
                case 0: // message_id
                    update.messageId = readInteger(v, IntegerField.MESSAGE_ID);
                    t = reader.getNextToken();
                    break;
                case 1: // from
                    t = readUser(update, v);
                    break;
                case 2: // chat
                    t = readChat(update, v);
                    break;
                case 3: // date
                    update.date = readInteger(v, IntegerField.DATE);
                    t = reader.getNextToken();
                    break;
                case 4: // text
                case 5: // caption
                    if (v == '"' && !update.hasText)
                    {
                        t = readString(update.text, v);
                        update.hasText = true;
                        update.textIsCaption = field == 5;
                    }
                    else
                    {
                        t = reader.skip();
                    }
                    break;
                case 6: // reply_to_message: only its author's id
                    t = readReplyTo(update, v);
                    break;
                default:
                    t = reader.skip();
            }
            t = t == '}' ? t : afterComma(t);
        }
        return reader.getNextToken();
    }

    /** The message a message replies to: only its author's id is kept. */
    private byte readReplyTo(final DecodedUpdate update, final byte v) throws IOException
    {
        if (v != '{')
        {
            return reader.skip();
        }
        byte t = reader.getNextToken();
        while (t != '}')
        {
            final int field = MESSAGE.match(reader, name(t));
            final byte vv = reader.getNextToken();
            if (field == 1 && vv == '{')
            {
                t = readReplyToAuthor(update);
            }
            else
            {
                t = reader.skip();
            }
            t = t == '}' ? t : afterComma(t);
        }
        return reader.getNextToken();
    }

    private byte readReplyToAuthor(final DecodedUpdate update) throws IOException
    {
        byte t = reader.getNextToken();
        while (t != '}')
        {
            final int field = USER.match(reader, name(t));
            final byte vv = reader.getNextToken();
            if (field == 0)
            {
                update.replyToFromId = readInteger(vv, IntegerField.USER_ID);
                t = reader.getNextToken();
            }
            else
            {
                t = reader.skip();
            }
            t = t == '}' ? t : afterComma(t);
        }
        return reader.getNextToken();
    }

    /** A non-message payload: picks the sender, the chat, ids and texts wherever a kind puts them. */
    private byte readPayload(final DecodedUpdate update) throws IOException
    {
        byte t = reader.getNextToken();
        while (t != '}')
        {
            final int field = PAYLOAD.match(reader, name(t));
            final byte v = reader.getNextToken();
            switch (field)
            {
                case 0: // id
                case 1: // result_id
                    t = readStringOrNumber(update.queryId, v);
                    break;
                case 2: // from
                case 3: // user
                    t = readUser(update, v);
                    break;
                case 4: // chat
                    t = readChat(update, v);
                    break;
                case 5: // message: the one a callback button belongs to
                    t = readOrigin(update, v);
                    break;
                case 6: // data
                    t = readString(update.data, v);
                    break;
                case 7: // query
                    t = readString(update.query, v);
                    break;
                case 8: // message_id
                    update.messageId = readInteger(v, IntegerField.MESSAGE_ID);
                    t = reader.getNextToken();
                    break;
                case 9: // date
                    update.date = readInteger(v, IntegerField.DATE);
                    t = reader.getNextToken();
                    break;
                default:
                    t = reader.skip();
            }
            t = t == '}' ? t : afterComma(t);
        }
        return reader.getNextToken();
    }

    /** The message under a callback query: only its id and chat matter, its sender is the bot. */
    private byte readOrigin(final DecodedUpdate update, final byte v) throws IOException
    {
        if (v != '{')
        {
            return reader.skip();
        }
        byte t = reader.getNextToken();
        while (t != '}')
        {
            final int field = MESSAGE.match(reader, name(t));
            final byte vv = reader.getNextToken();
            if (field == 0)
            {
                update.messageId = readInteger(vv, IntegerField.MESSAGE_ID);
                t = reader.getNextToken();
            }
            else if (field == 2)
            {
                t = readChat(update, vv);
            }
            else
            {
                t = reader.skip();
            }
            t = t == '}' ? t : afterComma(t);
        }
        return reader.getNextToken();
    }

    private byte readUser(final DecodedUpdate update, final byte v) throws IOException
    {
        if (v != '{' || update.hasFrom())
        {
            return reader.skip();
        }
        byte t = reader.getNextToken();
        while (t != '}')
        {
            final int field = USER.match(reader, name(t));
            final byte vv = reader.getNextToken();
            switch (field)
            {
                case 0:
                    update.fromId = readInteger(vv, IntegerField.USER_ID);
                    t = reader.getNextToken();
                    break;
                case 1:
                    update.fromIsBot = vv == 't';
                    t = reader.skip();
                    break;
                case 2:
                    t = readString(update.firstName, vv);
                    break;
                case 3:
                    t = readString(update.lastName, vv);
                    break;
                case 4:
                    t = readString(update.username, vv);
                    break;
                case 5:
                    t = readString(update.languageCode, vv);
                    break;
                default:
                    t = reader.skip();
            }
            t = t == '}' ? t : afterComma(t);
        }
        return reader.getNextToken();
    }

    private byte readChat(final DecodedUpdate update, final byte v) throws IOException
    {
        if (v != '{' || update.hasChat())
        {
            return reader.skip();
        }
        byte t = reader.getNextToken();
        while (t != '}')
        {
            final int field = CHAT.match(reader, name(t));
            final byte vv = reader.getNextToken();
            switch (field)
            {
                case 0:
                    update.chatId = readInteger(vv, IntegerField.CHAT_ID);
                    t = reader.getNextToken();
                    break;
                case 1:
                    t = readString(update.chatType, vv);
                    break;
                case 2:
                    t = readString(update.chatTitle, vv);
                    break;
                default:
                    t = reader.skip();
            }
            t = t == '}' ? t : afterComma(t);
        }
        return reader.getNextToken();
    }

    private int name(final byte token) throws IOException
    {
        if (token != '"')
        {
            throw reader.newParseError("expecting a field name");
        }
        return reader.fillName();
    }

    private byte afterComma(final byte token) throws IOException
    {
        if (token != ',')
        {
            throw reader.newParseError("expecting ',' or '}'");
        }
        return reader.getNextToken();
    }

    /**
     * Reads a JSON integer strictly, from the bytes themselves: DSL-JSON's long reader wraps past 64 bits
     * and takes {@code 7e0} or {@code 7.0} as 7. Leaves the reader after the number.
     */
    private long readInteger(final byte v, final IntegerField field) throws IOException
    {
        if (!isNumberStart(v))
        {
            throw reader.newParseError("expecting a number");
        }
        final int start = reader.scanNumber();
        final int end = reader.getCurrentIndex();
        final byte[] bytes = this.bytes;
        int i = start;
        final boolean negative = bytes[i] == '-';
        if (negative)
        {
            i++;
        }
        final int firstDigit = i;
        long value = 0;
        while (i < end && bytes[i] >= '0' && bytes[i] <= '9')
        {
            if (i - firstDigit >= MAX_DIGITS)
            {
                return refuse(field);
            }
            value = value * 10 + (bytes[i] - '0');
            i++;
        }
        final int digits = i - firstDigit;
        if (i < end && (bytes[i] == '.' || bytes[i] == 'e' || bytes[i] == 'E'))
        {
            return refuse(field);
        }
        while (i < end && isWhitespace(bytes[i]))
        {
            i++;
        }
        if (digits == 0 || i != end)
        {
            throw reader.newParseError("expecting a number");
        }
        if ((digits > 1 && bytes[firstDigit] == '0') || (negative && value == 0))
        {
            return refuse(field);
        }
        value = negative ? -value : value;
        if (!field.accepts(value))
        {
            return refuse(field);
        }
        return value;
    }

    private long refuse(final IntegerField field)
    {
        badNumberField = field;
        throw BAD_NUMBER_SIGNAL;
    }

    private byte readString(final StringBuilder into, final byte v) throws IOException
    {
        if (v != '"')
        {
            return reader.skip();
        }
        into.setLength(0);
        JsonStringDecoder.decode(bytes, reader.getCurrentIndex(), length, into);
        return reader.skip();
    }

    private byte readStringOrNumber(final StringBuilder into, final byte v) throws IOException
    {
        if (isNumberStart(v))
        {
            into.setLength(0);
            into.append(readInteger(v, IntegerField.QUERY_ID));
            return reader.getNextToken();
        }
        return readString(into, v);
    }

    private static boolean onlyWhitespaceAfter(final byte[] body, final int from, final int length)
    {
        for (int i = from; i < length; i++)
        {
            final byte b = body[i];
            if (!isWhitespace(b))
            {
                return false;
            }
        }
        return true;
    }

    private static boolean isWhitespace(final byte b)
    {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }

    private static boolean isNumberStart(final byte v)
    {
        return v == '-' || (v >= '0' && v <= '9');
    }

    /** The payload fields of every known kind, by ordinal, then {@code update_id} in UNKNOWN's place. */
    private static String[] topFields()
    {
        final String[] names = new String[UpdateKind.count()];
        for (int i = 0; i < names.length - 1; i++)
        {
            names[i] = UpdateKind.of(i).fieldName();
        }
        names[names.length - 1] = "update_id";
        return names;
    }
}

package io.ringbot.engine.outbound;

import com.dslplatform.json.DslJson;
import com.dslplatform.json.JsonWriter;
import com.dslplatform.json.NumberConverter;
import io.ringbot.bot.OutboundCall;
import io.ringbot.bot.OutboundMethod;
import io.ringbot.bot.Reply;
import io.ringbot.engine.dispatch.JsonText;
import io.ringbot.engine.dispatch.Truncation;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The engine's {@link OutboundCall}: keeps what the handler set and, on {@code send}, writes it in place
 * into a record claimed in the queue, in the compact FIELDS layout ({@link OutboundDescriptor}): numbers,
 * and texts as UTF-16 chars copied in bulk (no per-char work), no JSON. The sender encodes the JSON
 * ({@link OutboundCallEncoder}). Buttons are copied out the moment they are added. Engine thread.
 */
final class OutboundCallBuilder implements OutboundCall
{
    /** A text is cut here on the engine already (the sender cuts it to the method's limit). */
    static final int MAX_TEXT_CHARS = Reply.MAX_TEXT_CHARS;
    static final int MAX_SUBJECT_CHARS = 2048;
    static final int MAX_CALLBACK_DATA_CHARS = Reply.MAX_CALLBACK_DATA_BYTES;

    private static final int NAME = 0;
    private static final int SUBJECT = 1;
    private static final int TEXT = 2;
    private static final int PARSE_MODE = 3;

    final StringBuilder text = new StringBuilder(512);
    final StringBuilder genericName = new StringBuilder(OutboundDescriptor.MAX_METHOD_LENGTH);
    final StringBuilder subject = new StringBuilder(256);
    final StringBuilder parseMode = new StringBuilder(16);
    final JsonWriter extra = new DslJson<>().newWriter(1024);
    private final JsonText json = new JsonText(256);
    /** Room for the largest keyboard: every button with its longest label and data, 2 bytes a char. */
    private final UnsafeBuffer keyboard = new UnsafeBuffer(new byte[Reply.MAX_BUTTONS *
        (3 * Integer.BYTES + Character.BYTES * (Reply.MAX_BUTTON_LABEL_CHARS + MAX_CALLBACK_DATA_CHARS))]);
    private final char[] chars = new char[MAX_TEXT_CHARS];
    private final OutboundProxy owner;
    /** Each text's chars kept (cut to its limit), measured by {@link #encodedLength()} for {@link #writeTo}. */
    private final int[] kept = new int[4];
    private int keyboardLength;
    private int buttons;
    private int row;
    private int lastButtonRow;
    OutboundMethod method = OutboundMethod.GENERIC;
    long chatId;
    long messageId;
    long replyToMessageId;
    int flags;

    OutboundCallBuilder(final OutboundProxy owner)
    {
        this.owner = owner;
    }

    OutboundCallBuilder begin(final OutboundMethod method, final long chatId, final long messageId)
    {
        this.method = method;
        this.chatId = chatId;
        this.messageId = messageId;
        text.setLength(0);
        genericName.setLength(0);
        subject.setLength(0);
        parseMode.setLength(0);
        extra.reset();
        keyboardLength = 0;
        buttons = 0;
        row = 0;
        lastButtonRow = -1;
        replyToMessageId = 0;
        flags = 0;
        return this;
    }

    public OutboundMethod method()
    {
        return method;
    }

    public long chatId()
    {
        return chatId;
    }

    public StringBuilder text()
    {
        return text;
    }

    public OutboundCall text(final CharSequence text)
    {
        this.text.setLength(0);
        this.text.append(text);
        return this;
    }

    public OutboundCall button(final CharSequence label, final CharSequence callbackData)
    {
        if (buttons == Reply.MAX_BUTTONS)
        {
            throw new IllegalStateException("an inline keyboard holds at most " + Reply.MAX_BUTTONS + " buttons");
        }
        keyboard.putInt(keyboardLength, row);
        int at = putText(keyboardLength + Integer.BYTES, label, Reply.MAX_BUTTON_LABEL_CHARS);
        at = putText(at, callbackData, MAX_CALLBACK_DATA_CHARS);
        keyboardLength = at;
        lastButtonRow = row;
        buttons++;
        return this;
    }

    public OutboundCall row()
    {
        if (buttons > 0 && lastButtonRow == row)
        {
            row++;
        }
        return this;
    }

    public OutboundCall showAlert(final boolean showAlert)
    {
        flag(OutboundDescriptor.FLAG_SHOW_ALERT, showAlert);
        return this;
    }

    public OutboundCall parseMode(final CharSequence parseMode)
    {
        this.parseMode.setLength(0);
        this.parseMode.append(parseMode);
        return this;
    }

    public OutboundCall replyTo(final long messageId)
    {
        this.replyToMessageId = messageId;
        return this;
    }

    public OutboundCall paidBroadcast(final boolean paidBroadcast)
    {
        flag(OutboundDescriptor.FLAG_PAID_BROADCAST, paidBroadcast);
        return this;
    }

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

    public OutboundCall field(final String name, final CharSequence value)
    {
        name(name);
        json.write(extra, value);
        return this;
    }

    public OutboundCall jsonField(final String name, final String json)
    {
        name(name);
        JsonText.writeRaw(extra, json);
        return this;
    }

    public boolean send(final long correlation)
    {
        return owner.send(this, correlation);
    }

    /**
     * Measures the record (and keeps each text's measure for {@link #writeTo}).
     *
     * @return the record's length in the FIELDS layout, or -1 when the generic method's name is too long.
     */
    int encodedLength()
    {
        if (genericName.length() > OutboundDescriptor.MAX_METHOD_LENGTH)
        {
            return -1;
        }
        kept[NAME] = genericName.length(); // within its limit, checked above
        final int chars = kept[NAME] + measure(SUBJECT, subject, MAX_SUBJECT_CHARS) +
            measure(TEXT, text, MAX_TEXT_CHARS) +
            measure(PARSE_MODE, parseMode, MAX_SUBJECT_CHARS);
        return OutboundDescriptor.FIELDS_OFFSET + 6 * Integer.BYTES + Character.BYTES * chars +
            extra.size() + keyboardLength;
    }

    /**
     * Writes the call in the FIELDS layout at a claimed record's index, right after {@link #encodedLength()}.
     */
    void writeTo(final UnsafeBuffer b, final int index, final long correlation, final long originUserId)
    {
        b.putInt(index + OutboundDescriptor.STATE_OFFSET, OutboundDescriptor.ACCEPTED);
        b.putInt(index + OutboundDescriptor.METHOD_ID_OFFSET, method.ordinal());
        b.putLong(index + OutboundDescriptor.CORRELATION_OFFSET, correlation);
        b.putLong(index + OutboundDescriptor.CHAT_ID_OFFSET, chatId);
        b.putLong(index + OutboundDescriptor.ORIGIN_USER_OFFSET, originUserId);
        b.putLong(index + OutboundDescriptor.MESSAGE_ID_OFFSET, messageId);
        b.putLong(index + OutboundDescriptor.REPLY_TO_OFFSET, replyToMessageId);
        b.putInt(index + OutboundDescriptor.FLAGS_OFFSET, flags);
        b.putInt(index + OutboundDescriptor.BUTTONS_OFFSET, buttons);
        int at = index + OutboundDescriptor.FIELDS_OFFSET;
        at = put(b, at, NAME, genericName);
        at = put(b, at, SUBJECT, subject);
        at = put(b, at, TEXT, text);
        at = put(b, at, PARSE_MODE, parseMode);
        final int extraLength = extra.size();
        b.putInt(at, extraLength);
        if (extraLength > 0)
        {
            b.putBytes(at + Integer.BYTES, extra.getByteBuffer(), 0, extraLength);
        }
        at += Integer.BYTES + extraLength;
        b.putInt(at, keyboardLength);
        if (keyboardLength > 0)
        {
            b.putBytes(at + Integer.BYTES, keyboard, 0, keyboardLength);
        }
    }

    /** A text's chars, cut to its limit (never inside a surrogate pair). */
    private int measure(final int which, final CharSequence text, final int maxChars)
    {
        final int count = Truncation.prefixOfChars(text, maxChars);
        kept[which] = count;
        return count;
    }

    /** Writes a text's length in bytes and the chars {@link #encodedLength()} kept. */
    private int put(final UnsafeBuffer b, final int index, final int which, final CharSequence text)
    {
        final int count = kept[which];
        final int bytes = Character.BYTES * count;
        b.putInt(index, bytes);
        if (count > 0)
        {
            OutboundDescriptor.putChars(text, count, chars, b, index + Integer.BYTES);
        }
        return index + Integer.BYTES + bytes;
    }

    /** A button's label or data into the keyboard: length in bytes, chars. */
    private int putText(final int index, final CharSequence text, final int maxChars)
    {
        final int count = Truncation.prefixOfChars(text, maxChars);
        OutboundDescriptor.putChars(text, count, chars, keyboard, index + Integer.BYTES);
        keyboard.putInt(index, Character.BYTES * count);
        return index + Integer.BYTES + Character.BYTES * count;
    }

    private void flag(final int flag, final boolean set)
    {
        flags = set ? flags | flag : flags & ~flag;
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

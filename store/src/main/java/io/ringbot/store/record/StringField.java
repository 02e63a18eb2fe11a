package io.ringbot.store.record;

/**
 * UTF-8 text of at most {@link #maxBytes()} bytes, stored in place as a 2-byte length and the bytes.
 * Longer text is cut at the last whole character that fits (never inside one); an unpaired surrogate is
 * stored as '?'. Reading decodes into a caller's {@link StringBuilder}: no allocation.
 */
public final class StringField extends RecordField
{
    /** The most bytes a string field may hold. */
    public static final int MAX_BYTES = 65_535;

    private final int maxBytes;
    private String defaultValue = "";

    StringField(final RecordSchema schema, final String name, final int maxBytes)
    {
        super(schema, name, FieldType.STRING, 2 + checkMax(name, maxBytes));
        this.maxBytes = maxBytes;
    }

    /**
     * @param value what a new record (and a document without the field) holds; cut to fit.
     * @return this field.
     */
    public StringField defaultValue(final String value)
    {
        schema.checkOpen();
        defaultValue = value;
        return this;
    }

    /**
     * @param documentName the Firestore field's name, when it differs from the field's.
     * @return this field.
     */
    public StringField storedAs(final String documentName)
    {
        schema.rename(this, documentName);
        return this;
    }

    public String defaultValue()
    {
        return defaultValue;
    }

    public int maxBytes()
    {
        return maxBytes;
    }

    /**
     * @param record the record.
     * @return the stored length in bytes.
     */
    public int byteLength(final Record record)
    {
        return record.buffer.getShort(offset) & 0xFFFF;
    }

    /**
     * Decodes the text into a builder.
     *
     * @param record the record.
     * @param into   cleared, then filled.
     * @return {@code into}.
     */
    public StringBuilder get(final Record record, final StringBuilder into)
    {
        into.setLength(0);
        final int length = Math.min(byteLength(record), maxBytes);
        final int start = offset + 2;
        int i = 0;
        while (i < length)
        {
            final int b = record.buffer.getByte(start + i) & 0xFF;
            if (b < 0x80)
            {
                into.append((char)b);
                i++;
            }
            else if (b < 0xE0 && i + 1 < length)
            {
                into.append((char)(((b & 0x1F) << 6) | (record.buffer.getByte(start + i + 1) & 0x3F)));
                i += 2;
            }
            else if (b < 0xF0 && i + 2 < length)
            {
                into.append((char)(((b & 0x0F) << 12) | ((record.buffer.getByte(start + i + 1) & 0x3F) << 6) |
                    (record.buffer.getByte(start + i + 2) & 0x3F)));
                i += 3;
            }
            else if (i + 3 < length)
            {
                final int cp = ((b & 0x07) << 18) | ((record.buffer.getByte(start + i + 1) & 0x3F) << 12) |
                    ((record.buffer.getByte(start + i + 2) & 0x3F) << 6) | (record.buffer.getByte(start + i + 3) & 0x3F);
                into.append(Character.highSurrogate(cp)).append(Character.lowSurrogate(cp));
                i += 4;
            }
            else
            {
                break;
            }
        }
        return into;
    }

    /**
     * Stores text, cut at the last whole character that fits in {@link #maxBytes()}.
     *
     * @param record the record.
     * @param text   the text (null stores empty).
     * @return true when all of it fit.
     */
    public boolean set(final Record record, final CharSequence text)
    {
        final int start = offset + 2;
        int bytes = 0;
        boolean whole = true;
        final int length = text == null ? 0 : text.length();
        for (int i = 0; i < length; i++)
        {
            int cp = text.charAt(i);
            if (Character.isHighSurrogate((char)cp) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1)))
            {
                cp = Character.toCodePoint((char)cp, text.charAt(i + 1));
            }
            else if (Character.isSurrogate((char)cp))
            {
                cp = '?';
            }
            final int n = utf8Length(cp);
            if (bytes + n > maxBytes)
            {
                whole = false;
                break;
            }
            encode(record, start + bytes, cp, n);
            bytes += n;
            if (cp > 0xFFFF)
            {
                i++;
            }
        }
        record.buffer.putShort(offset, (short)bytes);
        return whole;
    }

    /**
     * @param text some text.
     * @return how many bytes of it this field keeps: its UTF-8 length cut as {@link #set} cuts it.
     */
    public int fittedLength(final CharSequence text)
    {
        return fittedLength(text, maxBytes);
    }

    /**
     * @param text     some text.
     * @param maxBytes the limit.
     * @return the UTF-8 length of the longest prefix of whole characters within the limit.
     */
    public static int fittedLength(final CharSequence text, final int maxBytes)
    {
        int bytes = 0;
        for (int i = 0, length = text.length(); i < length; i++)
        {
            final char c = text.charAt(i);
            int n = utf8Length(c);
            if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1)))
            {
                n = 4;
            }
            else if (Character.isSurrogate(c))
            {
                n = 1;
            }
            if (bytes + n > maxBytes)
            {
                break;
            }
            bytes += n;
            if (n == 4)
            {
                i++;
            }
        }
        return bytes;
    }

    public void writeDefault(final Record record)
    {
        set(record, defaultValue);
    }

    public Object toDocument(final Record record)
    {
        return get(record, new StringBuilder(byteLength(record))).toString();
    }

    public void appendJson(final Record record, final StringBuilder out)
    {
        appendQuoted(get(record, new StringBuilder(byteLength(record))), out);
    }

    void load(final Object value, final Record record)
    {
        if (!(value instanceof String) || !set(record, (String)value))
        {
            throw new IllegalArgumentException();
        }
    }

    public Object value(final Record record)
    {
        return get(record, new StringBuilder(byteLength(record))).toString();
    }

    /**
     * @param text some text.
     * @return its length in UTF-8 (an unpaired surrogate counts 1, as stored).
     */
    public static int utf8Length(final CharSequence text)
    {
        return fittedLength(text, Integer.MAX_VALUE);
    }

    private static int utf8Length(final int cp)
    {
        return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    }

    private static void encode(final Record record, final int at, final int cp, final int n)
    {
        switch (n)
        {
            case 1 -> record.buffer.putByte(at, (byte)cp);
            case 2 ->
            {
                record.buffer.putByte(at, (byte)(0xC0 | (cp >> 6)));
                record.buffer.putByte(at + 1, (byte)(0x80 | (cp & 0x3F)));
            }
            case 3 ->
            {
                record.buffer.putByte(at, (byte)(0xE0 | (cp >> 12)));
                record.buffer.putByte(at + 1, (byte)(0x80 | ((cp >> 6) & 0x3F)));
                record.buffer.putByte(at + 2, (byte)(0x80 | (cp & 0x3F)));
            }
            default ->
            {
                record.buffer.putByte(at, (byte)(0xF0 | (cp >> 18)));
                record.buffer.putByte(at + 1, (byte)(0x80 | ((cp >> 12) & 0x3F)));
                record.buffer.putByte(at + 2, (byte)(0x80 | ((cp >> 6) & 0x3F)));
                record.buffer.putByte(at + 3, (byte)(0x80 | (cp & 0x3F)));
            }
        }
    }

    private static int checkMax(final String name, final int maxBytes)
    {
        if (maxBytes < 1 || maxBytes > MAX_BYTES)
        {
            throw new IllegalArgumentException("string field '" + name + "' needs a maximum of 1 to " + MAX_BYTES +
                " bytes, was " + maxBytes);
        }
        return maxBytes;
    }
}

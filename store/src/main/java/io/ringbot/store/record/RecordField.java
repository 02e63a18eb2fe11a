package io.ringbot.store.record;

import com.google.cloud.Timestamp;

import java.util.Date;

/**
 * One field a {@link RecordSchema} declares: its name, its place in the record's fixed layout, its
 * Firestore document field and its default. The typed subclasses ({@link LongField}, {@link StringField},
 * ...) are what a handler reads and writes with; this base class is how the store, the journal and the
 * inspection tool handle any field without knowing its type at compile time.
 */
public abstract class RecordField
{
    /** {@link #fromDocument}: the document held a usable value. */
    public static final int LOADED = 0;
    /** {@link #fromDocument}: the document has no such field (or null): the default was taken. */
    public static final int MISSING = 1;
    /** {@link #fromDocument}: wrong type or out of range: the default was taken. */
    public static final int REJECTED = 2;

    final RecordSchema schema;
    final String name;
    final FieldType type;
    final int width;
    int offset = -1;
    String documentName;

    RecordField(final RecordSchema schema, final String name, final FieldType type, final int width)
    {
        this.schema = schema;
        this.name = name;
        this.type = type;
        this.width = width;
        this.documentName = name;
    }

    public final RecordSchema schema()
    {
        return schema;
    }

    public final String name()
    {
        return name;
    }

    public final FieldType type()
    {
        return type;
    }

    /**
     * @return the field's name in Firestore documents ({@link #name()} unless renamed).
     */
    public final String documentName()
    {
        return documentName;
    }

    /**
     * @return the byte offset in the record.
     */
    public final int offset()
    {
        return offset;
    }

    /**
     * @return bytes the field takes in the record.
     */
    public final int width()
    {
        return width;
    }

    /**
     * @return the maximum UTF-8 bytes of a string field, 0 for other types.
     */
    public int maxBytes()
    {
        return 0;
    }

    /**
     * Writes the field's default into a record.
     *
     * @param record the record.
     */
    public abstract void writeDefault(Record record);

    /**
     * @param record the record.
     * @return the value as written to Firestore (Long, Double, Boolean, String, Timestamp, or null for an unset time).
     */
    public abstract Object toDocument(Record record);

    /**
     * Sets the field from a Firestore document's value; a value of the wrong type or out of range takes
     * the default. Numbers are accepted as any Java number that converts without loss.
     *
     * @param value  the document's value, null when absent.
     * @param record the record.
     * @return {@link #LOADED}, {@link #MISSING} or {@link #REJECTED}.
     */
    public final int fromDocument(final Object value, final Record record)
    {
        if (value == null)
        {
            writeDefault(record);
            return MISSING;
        }
        try
        {
            load(value, record);
            return LOADED;
        }
        catch (final IllegalArgumentException | ArithmeticException ex)
        {
            writeDefault(record);
            return REJECTED;
        }
    }

    /**
     * Sets the field from a value of its kind (a document's, or one the inspection tool parsed).
     *
     * @param value  Long, Double, Boolean, String or a Firestore timestamp.
     * @param record the record.
     * @throws IllegalArgumentException when the value is of another type or does not fit.
     */
    abstract void load(Object value, Record record);

    /**
     * Appends the value as JSON (number, boolean or quoted string) for the inspection tool.
     *
     * @param record the record.
     * @param out    where to append.
     */
    public abstract void appendJson(Record record, StringBuilder out);

    /**
     * Sets the field from a value the inspection tool parsed (Long, Double, Boolean or String).
     *
     * @param value  the value.
     * @param record the record.
     * @throws IllegalArgumentException naming the field when the value does not fit.
     */
    public final void setParsed(final Object value, final Record record)
    {
        try
        {
            load(value, record);
        }
        catch (final IllegalArgumentException | ArithmeticException ex)
        {
            throw mismatch(value);
        }
    }

    /**
     * @param record the record.
     * @return the value as a comparable Java object (Long, Double, Boolean or String), for filters.
     */
    public abstract Object value(Record record);

    final void checkSchema(final Record record)
    {
        if (record.schema != schema)
        {
            throw new IllegalArgumentException("field '" + name + "' of " + schema.name() + " used on a record of " +
                record.schema.name());
        }
    }

    IllegalArgumentException mismatch(final Object value)
    {
        return new IllegalArgumentException("field '" + name + "' (" + type.jsonName() +
            (maxBytes() > 0 ? ", at most " + maxBytes() + " bytes" : "") + ") cannot take " + value);
    }

    static long integral(final Object value)
    {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte)
        {
            return ((Number)value).longValue();
        }
        if (value instanceof Double || value instanceof Float)
        {
            final double d = ((Number)value).doubleValue();
            if (d == Math.rint(d) && d >= -0x1p63 && d < 0x1p63)
            {
                return (long)d;
            }
        }
        throw new IllegalArgumentException();
    }

    static long millis(final Object value)
    {
        if (value instanceof Timestamp)
        {
            final Timestamp ts = (Timestamp)value;
            return Math.addExact(Math.multiplyExact(ts.getSeconds(), 1000L), ts.getNanos() / 1_000_000);
        }
        if (value instanceof Date)
        {
            return ((Date)value).getTime();
        }
        return integral(value);
    }

    static void appendQuoted(final CharSequence text, final StringBuilder out)
    {
        out.append('"');
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            switch (c)
            {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default ->
                {
                    if (c < 0x20)
                    {
                        out.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
                    }
                    else
                    {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}

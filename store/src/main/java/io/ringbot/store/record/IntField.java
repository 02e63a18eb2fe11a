package io.ringbot.store.record;

/**
 * A 32-bit integer field; a document value outside the int range is rejected (the default is taken).
 */
public final class IntField extends RecordField
{
    private int defaultValue;

    IntField(final RecordSchema schema, final String name)
    {
        super(schema, name, FieldType.INT, 4);
    }

    /**
     * @param value what a new record (and a document without the field) holds.
     * @return this field.
     */
    public IntField defaultValue(final int value)
    {
        schema.checkOpen();
        defaultValue = value;
        return this;
    }

    /**
     * @param documentName the Firestore field's name, when it differs from the field's.
     * @return this field.
     */
    public IntField storedAs(final String documentName)
    {
        schema.rename(this, documentName);
        return this;
    }

    public int defaultValue()
    {
        return defaultValue;
    }

    public int get(final Record record)
    {
        return record.buffer.getInt(offset);
    }

    public void set(final Record record, final int value)
    {
        record.buffer.putInt(offset, value);
    }

    public void writeDefault(final Record record)
    {
        set(record, defaultValue);
    }

    public Object toDocument(final Record record)
    {
        return (long)get(record);
    }

    public void appendJson(final Record record, final StringBuilder out)
    {
        out.append(get(record));
    }

    void load(final Object value, final Record record)
    {
        set(record, toInt(value));
    }

    public Object value(final Record record)
    {
        return (long)get(record);
    }

    private static int toInt(final Object value)
    {
        final long v = integral(value);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE)
        {
            throw new IllegalArgumentException();
        }
        return (int)v;
    }
}

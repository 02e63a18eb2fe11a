package io.ringbot.store.record;

/**
 * A true/false field (one byte in the record).
 */
public final class BooleanField extends RecordField
{
    private boolean defaultValue;

    BooleanField(final RecordSchema schema, final String name)
    {
        super(schema, name, FieldType.BOOLEAN, 1);
    }

    /**
     * @param value what a new record (and a document without the field) holds.
     * @return this field.
     */
    public BooleanField defaultValue(final boolean value)
    {
        schema.checkOpen();
        defaultValue = value;
        return this;
    }

    /**
     * @param documentName the Firestore field's name, when it differs from the field's.
     * @return this field.
     */
    public BooleanField storedAs(final String documentName)
    {
        schema.rename(this, documentName);
        return this;
    }

    public boolean defaultValue()
    {
        return defaultValue;
    }

    public boolean get(final Record record)
    {
        return record.buffer.getByte(offset) != 0;
    }

    public void set(final Record record, final boolean value)
    {
        record.buffer.putByte(offset, value ? (byte)1 : (byte)0);
    }

    public void writeDefault(final Record record)
    {
        set(record, defaultValue);
    }

    public Object toDocument(final Record record)
    {
        return get(record);
    }

    public void appendJson(final Record record, final StringBuilder out)
    {
        out.append(get(record));
    }

    void load(final Object value, final Record record)
    {
        if (!(value instanceof Boolean))
        {
            throw new IllegalArgumentException();
        }
        set(record, (Boolean)value);
    }

    public Object value(final Record record)
    {
        return get(record);
    }
}

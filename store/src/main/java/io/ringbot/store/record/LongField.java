package io.ringbot.store.record;

/**
 * A 64-bit integer field: {@code static final LongField BALANCE = USERS.longField("balance").defaultValue(100);}
 */
public final class LongField extends RecordField
{
    private long defaultValue;

    LongField(final RecordSchema schema, final String name)
    {
        super(schema, name, FieldType.LONG, 8);
    }

    /**
     * @param value what a new record (and a document without the field) holds.
     * @return this field.
     */
    public LongField defaultValue(final long value)
    {
        schema.checkOpen();
        defaultValue = value;
        return this;
    }

    /**
     * @param documentName the Firestore field's name, when it differs from the field's.
     * @return this field.
     */
    public LongField storedAs(final String documentName)
    {
        schema.rename(this, documentName);
        return this;
    }

    public long defaultValue()
    {
        return defaultValue;
    }

    public long get(final Record record)
    {
        return record.buffer.getLong(offset);
    }

    public void set(final Record record, final long value)
    {
        record.buffer.putLong(offset, value);
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
        set(record, integral(value));
    }

    public Object value(final Record record)
    {
        return get(record);
    }
}

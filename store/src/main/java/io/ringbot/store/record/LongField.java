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

    public int fromDocument(final Object value, final Record record)
    {
        if (value == null)
        {
            writeDefault(record);
            return MISSING;
        }
        try
        {
            set(record, integral(value));
            return LOADED;
        }
        catch (final IllegalArgumentException ex)
        {
            writeDefault(record);
            return REJECTED;
        }
    }

    public void appendJson(final Record record, final StringBuilder out)
    {
        out.append(get(record));
    }

    public void setParsed(final Object value, final Record record)
    {
        try
        {
            set(record, integral(value));
        }
        catch (final IllegalArgumentException ex)
        {
            throw mismatch(value);
        }
    }

    public Object value(final Record record)
    {
        return get(record);
    }
}

package io.ringbot.store.record;

/**
 * A 64-bit floating point field.
 */
public final class DoubleField extends RecordField
{
    private double defaultValue;

    DoubleField(final RecordSchema schema, final String name)
    {
        super(schema, name, FieldType.DOUBLE, 8);
    }

    /**
     * @param value what a new record (and a document without the field) holds.
     * @return this field.
     */
    public DoubleField defaultValue(final double value)
    {
        schema.checkOpen();
        defaultValue = value;
        return this;
    }

    /**
     * @param documentName the Firestore field's name, when it differs from the field's.
     * @return this field.
     */
    public DoubleField storedAs(final String documentName)
    {
        schema.rename(this, documentName);
        return this;
    }

    public double defaultValue()
    {
        return defaultValue;
    }

    public double get(final Record record)
    {
        return record.buffer.getDouble(offset);
    }

    public void set(final Record record, final double value)
    {
        record.buffer.putDouble(offset, value);
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
        final double v = get(record);
        if (Double.isFinite(v))
        {
            out.append(v);
        }
        else
        {
            appendQuoted(Double.toString(v), out);
        }
    }

    void load(final Object value, final Record record)
    {
        if (!(value instanceof Number))
        {
            throw new IllegalArgumentException();
        }
        set(record, ((Number)value).doubleValue());
    }

    public Object value(final Record record)
    {
        return get(record);
    }
}

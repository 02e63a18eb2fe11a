package io.ringbot.store.record;

import com.google.cloud.Timestamp;

/**
 * A point in time as epoch milliseconds, 0 for unset; a Firestore timestamp in documents (null when unset).
 */
public final class TimestampField extends RecordField
{
    private long defaultValue;

    TimestampField(final RecordSchema schema, final String name)
    {
        super(schema, name, FieldType.TIMESTAMP, 8);
    }

    /**
     * @param millis what a new record (and a document without the field) holds, epoch milliseconds; 0, the
     *               default, is unset. A field with another default that a handler sets to 0 is written to
     *               Firestore as null and so reads back, after an eviction, as this default.
     * @return this field.
     */
    public TimestampField defaultValue(final long millis)
    {
        schema.checkOpen();
        defaultValue = millis;
        return this;
    }

    /**
     * @return the default, epoch milliseconds (0: unset).
     */
    public long defaultValue()
    {
        return defaultValue;
    }

    /**
     * @param documentName the Firestore field's name, when it differs from the field's.
     * @return this field.
     */
    public TimestampField storedAs(final String documentName)
    {
        schema.rename(this, documentName);
        return this;
    }

    /**
     * @param record the record.
     * @return epoch milliseconds, 0 for unset.
     */
    public long get(final Record record)
    {
        return record.buffer.getLong(offset);
    }

    public void set(final Record record, final long millis)
    {
        record.buffer.putLong(offset, millis);
    }

    public void writeDefault(final Record record)
    {
        set(record, defaultValue);
    }

    public Object toDocument(final Record record)
    {
        return timestamp(get(record));
    }

    /**
     * @param millis epoch milliseconds, 0 for unset.
     * @return the Firestore timestamp, or null for unset.
     */
    public static Timestamp timestamp(final long millis)
    {
        return millis == 0 ? null : Timestamp.ofTimeMicroseconds(Math.multiplyExact(millis, 1000L));
    }

    public void appendJson(final Record record, final StringBuilder out)
    {
        out.append(get(record));
    }

    void load(final Object value, final Record record)
    {
        set(record, millis(value));
    }

    public Object value(final Record record)
    {
        return get(record);
    }
}

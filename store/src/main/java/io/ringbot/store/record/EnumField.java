package io.ringbot.store.record;

import java.util.List;

/**
 * A small state code: one of a Java enum's constants, stored as its ordinal in one byte and written to
 * Firestore as the constant's name. Reordering or removing constants changes the stored codes: add new
 * constants at the end.
 * <pre>
 *   enum Step { NONE, AWAITING_NICKNAME }
 *   static final EnumField&lt;Step&gt; STEP = USERS.enumField("step", Step.class);
 * </pre>
 *
 * @param <E> the enum (a layout read from a data folder, without the bot's classes, uses names only).
 */
public final class EnumField<E extends Enum<E>> extends RecordField
{
    static final int MAX_CONSTANTS = 127;

    private final E[] constants;
    private final String[] names;
    private int defaultCode;

    EnumField(final RecordSchema schema, final String name, final E[] constants, final String[] names)
    {
        super(schema, name, FieldType.ENUM, 1);
        if (names.length == 0 || names.length > MAX_CONSTANTS)
        {
            throw new IllegalArgumentException("enum field '" + name + "' needs 1 to " + MAX_CONSTANTS + " constants");
        }
        this.constants = constants;
        this.names = names;
    }

    /**
     * @param value what a new record (and a document without the field) holds; the first constant unless set.
     * @return this field.
     */
    public EnumField<E> defaultValue(final E value)
    {
        schema.checkOpen();
        defaultCode = value.ordinal();
        return this;
    }

    /**
     * @param documentName the Firestore field's name, when it differs from the field's.
     * @return this field.
     */
    public EnumField<E> storedAs(final String documentName)
    {
        schema.rename(this, documentName);
        return this;
    }

    /**
     * @return the constants' names in code order.
     */
    public List<String> names()
    {
        return List.of(names);
    }

    public E get(final Record record)
    {
        return constants[code(record)];
    }

    public void set(final Record record, final E value)
    {
        record.buffer.putByte(offset, (byte)value.ordinal());
    }

    /**
     * @param record the record.
     * @return the stored code (the constant's ordinal); an out-of-range byte reads as the default.
     */
    public int code(final Record record)
    {
        final int code = record.buffer.getByte(offset);
        return code >= 0 && code < names.length ? code : defaultCode;
    }

    public int defaultCode()
    {
        return defaultCode;
    }

    public void writeDefault(final Record record)
    {
        record.buffer.putByte(offset, (byte)defaultCode);
    }

    public Object toDocument(final Record record)
    {
        return names[code(record)];
    }

    public void appendJson(final Record record, final StringBuilder out)
    {
        appendQuoted(names[code(record)], out);
    }

    void load(final Object value, final Record record)
    {
        final int code = value instanceof String ? codeOf((String)value) : -1;
        if (code < 0)
        {
            throw new IllegalArgumentException();
        }
        record.buffer.putByte(offset, (byte)code);
    }

    IllegalArgumentException mismatch(final Object value)
    {
        return new IllegalArgumentException("field '" + name + "' takes one of " + List.of(names) + ", not " + value);
    }

    public Object value(final Record record)
    {
        return names[code(record)];
    }

    private int codeOf(final String name)
    {
        for (int i = 0; i < names.length; i++)
        {
            if (names[i].equals(name))
            {
                return i;
            }
        }
        return -1;
    }
}

package io.ringbot.bot;

import io.ringbot.store.record.BooleanField;
import io.ringbot.store.record.DoubleField;
import io.ringbot.store.record.EnumField;
import io.ringbot.store.record.IntField;
import io.ringbot.store.record.LongField;
import io.ringbot.store.record.Record;
import io.ringbot.store.record.RecordSchema;
import io.ringbot.store.record.StringField;
import io.ringbot.store.record.TimestampField;

/**
 * A record the current update uses (its user, its chat, another user), read and changed in place in the
 * off-heap store through the schema's typed fields:
 * <pre>
 *   long balance = ctx.user().get(BALANCE);
 *   ctx.user().set(BALANCE, balance + 10).set(NICKNAME, text);
 * </pre>
 * The first change opens the record's seqlock; the engine closes it after the handler, so the record's
 * version rises once per update and the journal writes it. A field of another record type throws
 * {@link IllegalArgumentException}.
 */
public final class RecordState
{
    private final RecordSchema schema;
    private final Record record;
    private boolean writing;
    private boolean bound;
    private boolean cleanAtBind;

    public RecordState(final RecordSchema schema)
    {
        this.schema = schema;
        this.record = Record.flyweight(schema);
    }

    public void bind(final Record inPlace)
    {
        if (inPlace != null)
        {
            record.wrap(inPlace.buffer().addressOffset());
        }
        bound = inPlace != null;
        writing = false;
        cleanAtBind = bound && record.isSynced();
    }

    public void bindHeap(final Record heap)
    {
        record.buffer().wrap(heap.buffer());
        bound = true;
        writing = false;
        cleanAtBind = false;
    }

    public RecordSchema schema()
    {
        return schema;
    }

    public long id()
    {
        return record.id();
    }

    /**
     * @return the record's version: +1 per update that changed it.
     */
    public long version()
    {
        return record.version();
    }

    /**
     * @return when the engine first saw this id (epoch ms).
     */
    public long firstSeenMillis()
    {
        return record.firstSeenMillis();
    }

    /**
     * @return when the engine last saw this id in an update (epoch ms); it keeps this for every bot.
     */
    public long lastSeenMillis()
    {
        return record.lastSeenMillis();
    }

    /**
     * @return the engine's flags ({@link Record#FLAG_BLOCKED}).
     */
    public long flags()
    {
        return record.flags();
    }

    /**
     * Sets engine flags (e.g. {@link Record#FLAG_BLOCKED} after a Bot API call answered 403).
     *
     * @param flags the bits to set.
     * @return this.
     */
    public RecordState addFlags(final long flags)
    {
        if ((record.flags() & flags) != flags)
        {
            beginWrite();
            record.flags(record.flags() | flags);
        }
        return this;
    }

    /**
     * @param flags the bits to clear.
     * @return this.
     */
    public RecordState clearFlags(final long flags)
    {
        if ((record.flags() & flags) != 0)
        {
            beginWrite();
            record.flags(record.flags() & ~flags);
        }
        return this;
    }

    public long get(final LongField field)
    {
        check(field.schema());
        return field.get(record);
    }

    public RecordState set(final LongField field, final long value)
    {
        check(field.schema());
        beginWrite();
        field.set(record, value);
        return this;
    }

    /**
     * @param field a long field.
     * @param delta what to add.
     * @return the new value.
     */
    public long add(final LongField field, final long delta)
    {
        check(field.schema());
        beginWrite();
        final long value = field.get(record) + delta;
        field.set(record, value);
        return value;
    }

    public int get(final IntField field)
    {
        check(field.schema());
        return field.get(record);
    }

    public RecordState set(final IntField field, final int value)
    {
        check(field.schema());
        beginWrite();
        field.set(record, value);
        return this;
    }

    public boolean get(final BooleanField field)
    {
        check(field.schema());
        return field.get(record);
    }

    public RecordState set(final BooleanField field, final boolean value)
    {
        check(field.schema());
        beginWrite();
        field.set(record, value);
        return this;
    }

    public double get(final DoubleField field)
    {
        check(field.schema());
        return field.get(record);
    }

    public RecordState set(final DoubleField field, final double value)
    {
        check(field.schema());
        beginWrite();
        field.set(record, value);
        return this;
    }

    /**
     * @param field a timestamp field.
     * @return epoch ms, 0 for unset.
     */
    public long get(final TimestampField field)
    {
        check(field.schema());
        return field.get(record);
    }

    public RecordState set(final TimestampField field, final long millis)
    {
        check(field.schema());
        beginWrite();
        field.set(record, millis);
        return this;
    }

    public <E extends Enum<E>> E get(final EnumField<E> field)
    {
        check(field.schema());
        return field.get(record);
    }

    public <E extends Enum<E>> RecordState set(final EnumField<E> field, final E value)
    {
        check(field.schema());
        beginWrite();
        field.set(record, value);
        return this;
    }

    /**
     * @param field a string field.
     * @param into  cleared, then filled with the text.
     * @return {@code into}.
     */
    public StringBuilder get(final StringField field, final StringBuilder into)
    {
        check(field.schema());
        return field.get(record, into);
    }

    /**
     * Stores text, cut at the last whole character that fits the field's bytes.
     *
     * @param field a string field.
     * @param text  the text.
     * @return this.
     */
    public RecordState set(final StringField field, final CharSequence text)
    {
        check(field.schema());
        beginWrite();
        field.set(record, text);
        return this;
    }

    public boolean isBound()
    {
        return bound;
    }

    /**
     * @return true when the record had no change pending for the journal before this update.
     */
    public boolean cleanAtBind()
    {
        return cleanAtBind;
    }

    public boolean isWriting()
    {
        return writing;
    }

    public Record record()
    {
        return record;
    }

    /** Opens a change: readers on other threads retry until {@link #endWrite()}. */
    public void beginWrite()
    {
        if (!bound)
        {
            throw new IllegalStateException("this update has no " + schema.name() + " record");
        }
        if (!writing)
        {
            writing = true;
            record.beginWrite();
        }
    }

    /**
     * Closes a change, if one was opened.
     *
     * @return the new version, or -1 when the handler changed nothing.
     */
    public long endWrite()
    {
        if (!writing)
        {
            return -1;
        }
        writing = false;
        return record.endWrite();
    }

    private void check(final RecordSchema fieldSchema)
    {
        if (fieldSchema != schema)
        {
            throw new IllegalArgumentException("a field of " + fieldSchema.name() + " used on a " + schema.name() + " record");
        }
    }
}

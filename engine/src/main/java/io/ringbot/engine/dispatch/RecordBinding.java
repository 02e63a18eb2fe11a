package io.ringbot.engine.dispatch;

import io.ringbot.bot.RecordState;
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
 * The engine's {@link RecordState}: a flyweight bound in place to a record of the store for one update. The first change opens the record's seqlock;
 * {@link UpdateDispatcher} closes it after the handler.
 */
final class RecordBinding extends RecordState
{
    private final RecordSchema schema;
    private final Record record;
    private boolean writing;
    private boolean bound;
    private boolean cleanAtBind;
    private boolean created;

    RecordBinding(final RecordSchema schema)
    {
        this.schema = schema;
        this.record = Record.flyweight(schema);
    }

    void bind(final Record inPlace)
    {
        if (inPlace != null)
        {
            record.wrap(inPlace.buffer().addressOffset());
        }
        bound = inPlace != null;
        writing = false;
        created = false;
        cleanAtBind = bound && record.isSynced();
        if (bound && record.id() == 0)
        {
            created = true;
        }
    }

    /**
     * Claims a record created by this update (its id and first-seen time), when it is one.
     */
    void claimIfNew(final long id, final long nowMillis)
    {
        if (created)
        {
            beginWrite();
            record.id(id);
            record.firstSeenMillis(nowMillis);
        }
    }

    /**
     * @return true when this update created the record.
     */
    boolean isCreated()
    {
        return created;
    }

    @Override
    public RecordSchema schema()
    {
        return schema;
    }

    @Override
    public long id()
    {
        return record.id();
    }

    @Override
    public long version()
    {
        return record.version();
    }

    @Override
    public long firstSeenMillis()
    {
        return record.firstSeenMillis();
    }

    @Override
    public long lastSeenMillis()
    {
        return record.lastSeenMillis();
    }

    @Override
    public long flags()
    {
        return record.flags();
    }

    @Override
    public RecordState addFlags(final long flags)
    {
        if ((record.flags() & flags) != flags)
        {
            beginWrite();
            record.flags(record.flags() | flags);
        }
        return this;
    }

    @Override
    public RecordState clearFlags(final long flags)
    {
        if ((record.flags() & flags) != 0)
        {
            beginWrite();
            record.flags(record.flags() & ~flags);
        }
        return this;
    }

    @Override
    public long get(final LongField field)
    {
        check(field.schema());
        return field.get(record);
    }

    @Override
    public RecordState set(final LongField field, final long value)
    {
        check(field.schema());
        beginWrite();
        field.set(record, value);
        return this;
    }

    @Override
    public long add(final LongField field, final long delta)
    {
        check(field.schema());
        beginWrite();
        final long value = field.get(record) + delta;
        field.set(record, value);
        return value;
    }

    @Override
    public int get(final IntField field)
    {
        check(field.schema());
        return field.get(record);
    }

    @Override
    public RecordState set(final IntField field, final int value)
    {
        check(field.schema());
        beginWrite();
        field.set(record, value);
        return this;
    }

    @Override
    public boolean get(final BooleanField field)
    {
        check(field.schema());
        return field.get(record);
    }

    @Override
    public RecordState set(final BooleanField field, final boolean value)
    {
        check(field.schema());
        beginWrite();
        field.set(record, value);
        return this;
    }

    @Override
    public double get(final DoubleField field)
    {
        check(field.schema());
        return field.get(record);
    }

    @Override
    public RecordState set(final DoubleField field, final double value)
    {
        check(field.schema());
        beginWrite();
        field.set(record, value);
        return this;
    }

    @Override
    public long get(final TimestampField field)
    {
        check(field.schema());
        return field.get(record);
    }

    @Override
    public RecordState set(final TimestampField field, final long millis)
    {
        check(field.schema());
        beginWrite();
        field.set(record, millis);
        return this;
    }

    @Override
    public <E extends Enum<E>> E get(final EnumField<E> field)
    {
        check(field.schema());
        return field.get(record);
    }

    @Override
    public <E extends Enum<E>> RecordState set(final EnumField<E> field, final E value)
    {
        check(field.schema());
        beginWrite();
        field.set(record, value);
        return this;
    }

    @Override
    public StringBuilder get(final StringField field, final StringBuilder into)
    {
        check(field.schema());
        return field.get(record, into);
    }

    @Override
    public RecordState set(final StringField field, final CharSequence text)
    {
        check(field.schema());
        beginWrite();
        field.set(record, text);
        return this;
    }

    boolean isBound()
    {
        return bound;
    }

    /**
     * @return true when the record had no change pending for the journal before this update.
     */
    boolean cleanAtBind()
    {
        return cleanAtBind;
    }

    boolean isWriting()
    {
        return writing;
    }

    Record record()
    {
        return record;
    }

    /** Opens a change: readers on other threads retry until {@link #endWrite()}. */
    void beginWrite()
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
    long endWrite()
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

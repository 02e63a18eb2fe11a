package io.ringbot.store.record;

import org.agrona.concurrent.UnsafeBuffer;

import java.lang.invoke.VarHandle;

/**
 * A flyweight over one record's bytes: in place in the store (off-heap, bound by address) or a heap
 * copy. Every record starts with the engine's own header, the same for every record type and every bot;
 * the schema's fields follow.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |  seq (odd while the engine writes: a seqlock for readers)     |  0
 *  |  version (+1 per change)                                      |  8
 *  |  syncedVersion (last version Firestore acknowledged)          | 16
 *  |  id (0 until the engine first claims the record)              | 24
 *  |  firstSeen (epoch ms) | lastSeen (epoch ms)                   | 32, 40
 *  |  flags (the engine's: bit 0 = the user blocked the bot)       | 48
 *  |  the schema's fields, in declaration order, each aligned      | 56 ...
 *  +---------------------------------------------------------------+
 * </pre>
 * The write protocol lives here ({@link #beginWrite()}, {@link #endWrite()}); the read side is
 * {@link SeqlockCopy}. Not thread safe: one writer, the engine thread.
 */
public final class Record
{
    public static final int SEQ_OFFSET = 0;
    public static final int VERSION_OFFSET = 8;
    public static final int SYNCED_VERSION_OFFSET = 16;
    public static final int ID_OFFSET = 24;
    public static final int FIRST_SEEN_OFFSET = 32;
    public static final int LAST_SEEN_OFFSET = 40;
    public static final int FLAGS_OFFSET = 48;
    /** Bytes of the engine's header before the schema's fields. */
    public static final int HEADER_BYTES = 56;

    /**
     * An engine flag: the user blocked the bot. The engine keeps it: a Bot API call answered 403 or a
     * {@code my_chat_member} "kicked" in the user's private chat sets it; "member" there, or any other update
     * from the user, clears it before the handlers run.
     */
    public static final long FLAG_BLOCKED = 1;

    private static final byte[] UNBOUND = new byte[0];

    final RecordSchema schema;
    final UnsafeBuffer buffer;

    private Record(final RecordSchema schema, final UnsafeBuffer buffer)
    {
        this.schema = schema;
        this.buffer = buffer;
    }

    /**
     * @param schema the record's schema.
     * @return a flyweight to {@link #wrap(long)} around records in place.
     */
    public static Record flyweight(final RecordSchema schema)
    {
        return new Record(schema.seal(), new UnsafeBuffer(UNBOUND));
    }

    /**
     * @param schema the record's schema.
     * @return a record on the heap (all zero), e.g. to copy into.
     */
    public static Record heap(final RecordSchema schema)
    {
        return new Record(schema.seal(), new UnsafeBuffer(new byte[schema.size()]));
    }

    /**
     * Binds the flyweight to a record in place.
     *
     * @param address the record's first byte.
     * @return this.
     */
    public Record wrap(final long address)
    {
        buffer.wrap(address, schema.size());
        return this;
    }

    public RecordSchema schema()
    {
        return schema;
    }

    /**
     * @return the record's bytes (address or array), for copying.
     */
    public UnsafeBuffer buffer()
    {
        return buffer;
    }

    public long seq()
    {
        return buffer.getLong(SEQ_OFFSET);
    }

    public long volatileSeq()
    {
        return buffer.getLongVolatile(SEQ_OFFSET);
    }

    public void orderedSeq(final long seq)
    {
        buffer.putLongOrdered(SEQ_OFFSET, seq);
    }

    public long version()
    {
        return buffer.getLong(VERSION_OFFSET);
    }

    public long volatileVersion()
    {
        return buffer.getLongVolatile(VERSION_OFFSET);
    }

    public void orderedVersion(final long version)
    {
        buffer.putLongOrdered(VERSION_OFFSET, version);
    }

    public long syncedVersion()
    {
        return buffer.getLong(SYNCED_VERSION_OFFSET);
    }

    public void orderedSyncedVersion(final long version)
    {
        buffer.putLongOrdered(SYNCED_VERSION_OFFSET, version);
    }

    /**
     * @return true when Firestore holds this record's latest change.
     */
    public boolean isSynced()
    {
        return version() == syncedVersion();
    }

    public long id()
    {
        return buffer.getLong(ID_OFFSET);
    }

    public void id(final long id)
    {
        buffer.putLong(ID_OFFSET, id);
    }

    public long firstSeenMillis()
    {
        return buffer.getLong(FIRST_SEEN_OFFSET);
    }

    public void firstSeenMillis(final long millis)
    {
        buffer.putLong(FIRST_SEEN_OFFSET, millis);
    }

    public long lastSeenMillis()
    {
        return buffer.getLong(LAST_SEEN_OFFSET);
    }

    public void lastSeenMillis(final long millis)
    {
        buffer.putLong(LAST_SEEN_OFFSET, millis);
    }

    public long flags()
    {
        return buffer.getLong(FLAGS_OFFSET);
    }

    public void flags(final long flags)
    {
        buffer.putLong(FLAGS_OFFSET, flags);
    }

    /**
     * Opens a change: readers on other threads retry until {@link #endWrite()}.
     */
    public void beginWrite()
    {
        orderedSeq(seq() + 1);
        // the odd seq must be visible before any field write that follows (a release store only orders
        // what came before it)
        VarHandle.storeStoreFence();
    }

    /**
     * Closes a change: the version rises by one, the seqlock is even again.
     *
     * @return the new version.
     */
    public long endWrite()
    {
        final long version = version() + 1;
        orderedVersion(version);
        orderedSeq(seq() + 1);
        return version;
    }

    /**
     * Closes a change without a new version (a record loaded from Firestore is as Firestore holds it).
     */
    public void endWriteUnversioned()
    {
        orderedSeq(seq() + 1);
    }

    /**
     * Writes every field's default, leaving the header alone.
     */
    public void writeDefaults()
    {
        final RecordField[] fields = schema.fieldArray();
        for (int i = 0; i < fields.length; i++)
        {
            fields[i].writeDefault(this);
        }
    }

    /**
     * Copies another record of the same schema, header included.
     *
     * @param from the record to copy.
     */
    public void copyFrom(final Record from)
    {
        buffer.putBytes(0, from.buffer, 0, schema.size());
    }
}

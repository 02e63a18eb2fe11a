package io.ringbot.store.journal;

import io.ringbot.store.record.Record;
import io.ringbot.store.record.RecordMaps;
import io.ringbot.store.record.RecordSchema;
import io.ringbot.store.record.SeqlockCopy;
import net.openhft.chronicle.core.values.LongValue;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.values.Values;

/**
 * Takes a consistent copy of one record while the engine thread may be writing it in place, using the
 * record's seqlock ({@link SeqlockCopy}). After a bounded number of attempts it gives up
 * ({@link Result#BUSY}) and the caller tries again in its next round. One instance per thread; no
 * allocation per read.
 */
public final class RecordSnapshot
{
    /**
     * The outcome of a {@link #read(long)}.
     */
    public enum Result
    {
        /** {@link #value()} holds a consistent copy. */
        COPIED,
        /** No record with that id. */
        ABSENT,
        /** The engine kept writing it: try again later. */
        BUSY
    }

    public static final int MAX_ATTEMPTS_DEFAULT = 100;

    private final ChronicleMap<LongValue, byte[]> map;
    private final LongValue key = Values.newHeapInstance(LongValue.class);
    private final Record live;
    private final Record copy;
    private final int maxAttempts;
    private long busy;

    /**
     * @param map         a record table's map ({@code StateStore.users().map()}).
     * @param schema      its record type.
     * @param maxAttempts reads tried before giving up on a record the engine keeps writing.
     */
    public RecordSnapshot(final ChronicleMap<LongValue, byte[]> map, final RecordSchema schema, final int maxAttempts)
    {
        if (maxAttempts < 1)
        {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        this.map = map;
        this.live = Record.flyweight(schema);
        this.copy = Record.heap(schema);
        this.maxAttempts = maxAttempts;
    }

    /**
     * Copies the record with this id into {@link #value()}.
     *
     * @param id the record's id.
     * @return whether a consistent copy was taken.
     */
    public Result read(final long id)
    {
        key.setValue(id);
        for (int attempt = 0; attempt < maxAttempts; attempt++)
        {
            // bound anew each attempt: the entry may have been removed meanwhile (/clearcache)
            if (!RecordMaps.bind(map, key, live))
            {
                return Result.ABSENT;
            }
            if (SeqlockCopy.tryCopy(live, copy) != SeqlockCopy.CHANGED)
            {
                return Result.COPIED;
            }
            Thread.onSpinWait();
        }
        busy++;
        return Result.BUSY;
    }

    /**
     * Reads only the record's current version, live (no copy, no seqlock: one field is read atomically).
     *
     * @param id the record's id.
     * @return the version, or -1 when there is no such record.
     */
    public long currentVersion(final long id)
    {
        key.setValue(id);
        return RecordMaps.bind(map, key, live) ? live.volatileVersion() : -1;
    }

    /**
     * @return the heap copy of the last {@link Result#COPIED} read; overwritten by the next read.
     */
    public Record value()
    {
        return copy;
    }

    /**
     * @return reads that gave up because the engine kept writing the record.
     */
    public long busy()
    {
        return busy;
    }
}

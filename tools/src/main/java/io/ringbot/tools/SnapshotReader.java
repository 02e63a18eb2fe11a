package io.ringbot.tools;

import io.ringbot.store.record.Record;
import io.ringbot.store.record.RecordMaps;
import io.ringbot.store.record.SeqlockCopy;
import net.openhft.chronicle.core.values.LongValue;
import net.openhft.chronicle.hash.impl.VanillaChronicleHash;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.MapSegmentContext;
import net.openhft.chronicle.values.Values;

import java.io.File;
import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Reads consistent copies of records from a map file that a server may be writing at the same time,
 * in this or another process.
 * <p>
 * The engine changes a record in place without Chronicle's locks, bracketed by its seqlock: {@code seq}
 * is odd while a change is under way. A read binds a native reference to the entry, then copies the
 * record to a heap instance between two reads of {@code seq}, and retries (bounded) while {@code seq}
 * was odd or moved. Nothing is written to the record; Chronicle's segment locks are taken only to look
 * up and to iterate keys, as any reader does.
 *
 * @param <V> the record's value interface
 */
final class SnapshotReader<V> implements AutoCloseable
{
    /**
     * What a read found.
     */
    enum Outcome
    {
        /** A consistent copy whose id equals the key. */
        COPIED,
        /** No entry for the key. */
        ABSENT,
        /** seq stayed odd or kept moving: a write under way, or one a crash interrupted. */
        BUSY,
        /** Consistent but all zero: created by the engine and not yet (or never, after a crash) written. */
        NEVER_WRITTEN,
        /** Consistent but its id differs from the key: a damaged file. */
        WRONG_ID
    }

    /**
     * Receives each record of an iteration.
     *
     * @param <V> the record's value interface
     */
    @FunctionalInterface
    interface Visitor<V>
    {
        /**
         * @param key     the entry's key.
         * @param outcome what the read found; {@code copy} is meaningful unless {@link Outcome#ABSENT}.
         * @param copy    the heap copy (reused: copy out what you keep).
         * @return false to stop the iteration.
         */
        boolean onRecord(long key, Outcome outcome, V copy);
    }

    // A write takes ~1 µs, but the OS can deschedule the engine in the middle of one for many ms on a
    // busy machine: spin, then yield, then park, until the budget is spent.
    private static final int SPIN_TRIES = 100;
    private static final int YIELD_TRIES = 200;
    private static final long PARK_NANOS = TimeUnit.MICROSECONDS.toNanos(100);
    private static final long LIVE_BUDGET_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    // With no server running nothing changes: an odd seq is a write a crash interrupted, no use waiting.
    private static final int STOPPED_TRIES = 2;

    private final RecordLayout<V> layout;
    private final ChronicleMap<LongValue, byte[]> map;
    private final LongValue key = Values.newHeapInstance(LongValue.class);
    private final V live;
    private final boolean serverRunning;
    private long lastSeq;

    private SnapshotReader(final RecordLayout<V> layout, final ChronicleMap<LongValue, byte[]> map, final boolean serverRunning)
    {
        this.layout = layout;
        this.map = map;
        this.serverRunning = serverRunning;
        this.live = layout.newNativeReference();
    }

    /**
     * Opens a layout's map file in a data folder, alongside a running server or after it stopped.
     *
     * @param layout which records.
     * @param folder the data folder.
     * @param <V>    the record type.
     * @return the reader; close it.
     * @throws IOException when the file is absent or cannot be opened.
     */
    static <V> SnapshotReader<V> open(final RecordLayout<V> layout, final DataFolder folder) throws IOException
    {
        final boolean serverRunning = folder.probe().lock() != DataFolder.LockState.FREE;
        layout.load(folder);
        final File file = folder.file(layout.fileName()).toFile();
        return new SnapshotReader<>(layout, RecordMaps.openExisting(layout.schema(), file), serverRunning);
    }

    /**
     * Copies one record.
     *
     * @param id   the key.
     * @param into the heap instance to copy to ({@link RecordLayout#newHeapInstance()}).
     * @return what was found; {@code into} holds the last copy unless {@link Outcome#ABSENT}.
     */
    Outcome read(final long id, final V into)
    {
        key.setValue(id);
        // Binds live to the entry in place, through the query context's shared pointer: valid until this
        // thread's next query on the map, and none comes before the copy below is done.
        if (!RecordMaps.bind(map, key, (Record)live))
        {
            return Outcome.ABSENT;
        }

        Outcome outcome = Outcome.BUSY;
        final long startNanos = serverRunning ? System.nanoTime() : 0;
        for (int attempt = 0; true; attempt++)
        {
            if (attempt > 0)
            {
                if (serverRunning ? System.nanoTime() - startNanos > LIVE_BUDGET_NANOS : attempt >= STOPPED_TRIES)
                {
                    return outcome;
                }
                backOff(attempt);
            }
            final long copied = SeqlockCopy.tryCopy((Record)live, (Record)into);
            lastSeq = copied == SeqlockCopy.CHANGED ? layout.volatileSeq(live) : copied;
            if (copied == SeqlockCopy.CHANGED)
            {
                outcome = Outcome.BUSY;
                continue;
            }
            final long copiedId = layout.id(into);
            if (copiedId == id)
            {
                return Outcome.COPIED;
            }
            // The engine creates a record zeroed and writes its id a moment later under the seqlock: retry.
            outcome = copiedId == 0 && layout.version(into) == 0 ? Outcome.NEVER_WRITTEN : Outcome.WRONG_ID;
        }
    }

    /**
     * Reads every record, segment by segment. Keys are collected under the segment's read lock, which is
     * released before the records are copied, so the server's lookups are held up only briefly.
     *
     * @param into    the heap instance to copy to.
     * @param visitor receives each record.
     */
    void forEach(final V into, final Visitor<V> visitor)
    {
        final KeyBuffer keys = new KeyBuffer();
        for (int segment = 0, segments = map.segments(); segment < segments; segment++)
        {
            keys.clear();
            try (MapSegmentContext<LongValue, byte[], ?> context = map.segmentContext(segment))
            {
                context.forEachSegmentEntry(entry -> keys.add(entry.key().get().getValue()));
            }
            for (int i = 0, n = keys.size(); i < n; i++)
            {
                final long id = keys.get(i);
                final Outcome outcome = read(id, into);
                if (outcome != Outcome.ABSENT && !visitor.onRecord(id, outcome, into))
                {
                    return;
                }
            }
        }
    }

    /**
     * Says in words why a record was not copied.
     *
     * @param id      the key read.
     * @param outcome what {@link #read} returned for it, just now.
     * @return one line for people.
     */
    String describe(final long id, final Outcome outcome)
    {
        final String record = layout.kind() + " " + id;
        return switch (outcome)
        {
            case COPIED -> record;
            case ABSENT -> "no " + record + " in " + layout.fileName();
            case BUSY -> (lastSeq & 1) != 0 ?
                record + " has an odd seq (" + lastSeq + "): a write under way, or one a crash interrupted (see verify)" :
                record + " kept changing while read: try again";
            case NEVER_WRITTEN -> record + " exists but was never written (created, then no change completed)";
            case WRONG_ID -> record + " holds the id of another record: the file is damaged (see verify)";
        };
    }

    /**
     * @return the seq seen by the last {@link #read}: odd after {@link Outcome#BUSY} means a write was open.
     */
    long lastSeq()
    {
        return lastSeq;
    }

    long size()
    {
        return map.longSize();
    }

    /**
     * The entries the file was sized for, from the configuration Chronicle keeps in the file's header:
     * segments x entries per segment tier. Chronicle sizes a little above the entries asked for, and may
     * add tiers when a segment fills.
     *
     * @return the capacity, or -1 when the map's implementation does not tell.
     */
    long capacity()
    {
        if (map instanceof VanillaChronicleHash)
        {
            final VanillaChronicleHash<?, ?, ?, ?> hash = (VanillaChronicleHash<?, ?, ?, ?>)map;
            final long perTier = Math.min(hash.actualChunksPerSegmentTier / Math.max(1, hash.maxChunksPerEntry),
                hash.maxEntriesPerHashLookup);
            return perTier * hash.actualSegments;
        }
        return -1;
    }

    int segments()
    {
        return map.segments();
    }

    /**
     * @return free space, in percent, as Chronicle counts it.
     */
    int percentageFreeSpace()
    {
        return map.percentageFreeSpace();
    }

    public void close()
    {
        map.close();
    }

    private static void backOff(final int attempt)
    {
        if (attempt < SPIN_TRIES)
        {
            Thread.onSpinWait();
        }
        else if (attempt < YIELD_TRIES)
        {
            Thread.yield();
        }
        else
        {
            LockSupport.parkNanos(PARK_NANOS);
        }
    }

    /** A growable array of one segment's keys, so no lock is held while records are copied. */
    private static final class KeyBuffer
    {
        private long[] keys = new long[1024];
        private int size;

        void add(final long key)
        {
            if (size == keys.length)
            {
                keys = Arrays.copyOf(keys, size * 2);
            }
            keys[size++] = key;
        }

        long get(final int index)
        {
            return keys[index];
        }

        int size()
        {
            return size;
        }

        void clear()
        {
            size = 0;
        }
    }
}

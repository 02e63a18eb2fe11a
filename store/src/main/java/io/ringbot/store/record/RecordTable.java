package io.ringbot.store.record;

import io.ringbot.store.undo.UndoLog;
import net.openhft.chronicle.core.values.LongValue;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.MapEntry;
import net.openhft.chronicle.map.MapSegmentContext;
import net.openhft.chronicle.values.Values;
import org.agrona.concurrent.status.AtomicCounter;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * A Chronicle Map of fixed-size records of one {@link RecordSchema}, keyed by a long id, used by one
 * writer thread.
 * <p>
 * {@link #acquire(long)} returns a {@link Record} flyweight bound to the entry's off-heap bytes, so the
 * caller reads and writes the record in place. A small direct-mapped cache remembers the last id bound
 * in each of its slots: a hot id costs an array lookup instead of a hash lookup. Entries of fixed size
 * never move in a persisted Chronicle Map (its memory is mapped once), so a binding stays valid until
 * the entry is removed, which only {@link #remove(long)} (on the same thread) does, and it clears the slot.
 * <p>
 * A new record that does not fit (the map is at its maximum) is told in one place, {@link #tryAcquire(long)}
 * returning null: the engine refuses the update then (or evicts synced records first when Firestore holds them).
 * So is a new record while the disk holding the table has no room for its growth ({@link #diskLow(AtomicCounter)}):
 * a write into a fresh page of a sparse file on a full disk would fault the engine thread.
 * <p>
 * Not thread safe: one writer. Other threads read through {@link RecordMaps} and the record's seqlock.
 */
public final class RecordTable implements AutoCloseable
{
    private static final long NO_ID = Long.MIN_VALUE;

    private final RecordSchema schema;
    private final ChronicleMap<LongValue, byte[]> map;
    private final LongValue key = Values.newHeapInstance(LongValue.class);
    private final long capacity;
    private final TableFullException full;
    /**
     * Records in the map, counted here (Chronicle's count walks every segment): every insert and remove goes
     * through this table; a remove through {@link #map()} would leave it high, so the table refuses early.
     */
    private long entries;
    private final long[] cachedIds;
    private final Record[] cachedRecords;
    private final int mask;
    private long bindingHits;
    private long bindingMisses;
    private long created;
    private UndoLog undo;
    private int undoTable;
    private AtomicCounter diskLow;
    private final LongValue walkKey = Values.newHeapInstance(LongValue.class);
    private final Record walkRecord;
    private final Consumer<MapEntry<LongValue, byte[]>> onWalkEntry = this::onWalkEntry;
    private RecordMaps.Visitor walkVisitor;

    RecordTable(final RecordSchema schema, final ChronicleMap<LongValue, byte[]> map, final long capacity, final int cacheSlots)
    {
        if (Integer.bitCount(cacheSlots) != 1)
        {
            throw new IllegalArgumentException("cacheSlots must be a power of two: " + cacheSlots);
        }
        this.schema = schema;
        this.map = map;
        this.capacity = capacity;
        this.entries = map.longSize();
        this.full = new TableFullException(this);
        this.mask = cacheSlots - 1;
        this.cachedIds = new long[cacheSlots];
        Arrays.fill(cachedIds, NO_ID);
        this.cachedRecords = new Record[cacheSlots];
        for (int i = 0; i < cacheSlots; i++)
        {
            cachedRecords[i] = Record.flyweight(schema);
        }
        this.walkRecord = Record.flyweight(schema);
    }

    public RecordSchema schema()
    {
        return schema;
    }

    /**
     * The record for an id, created with the fields' defaults when absent (a new record has
     * {@code id() == 0} until the engine claims it).
     *
     * @param id the record's id.
     * @return a flyweight bound to the record in place, valid until the next call that lands in the
     * same cache slot: use it within one update.
     * @throws TableFullException when the record is new and the table holds its {@link #capacity()}
     * (nothing is written: see {@link #full()}).
     */
    public Record acquire(final long id)
    {
        final Record record = bind(id, true);
        if (record == null)
        {
            throw full;
        }
        return record;
    }

    /**
     * The record for an id, created with the fields' defaults when absent, or null when it is absent and the
     * map has no room for it: the one place a full table is told (nothing is inserted then).
     *
     * @param id the record's id.
     * @return a flyweight bound in place (as {@link #acquire(long)}), or null when the table is full.
     */
    public Record tryAcquire(final long id)
    {
        return bind(id, true);
    }

    /**
     * The record for an id when it exists, without creating it.
     *
     * @param id the record's id.
     * @return a flyweight bound in place (as {@link #acquire(long)}), or null when absent.
     */
    public Record find(final long id)
    {
        return bind(id, false);
    }

    private Record bind(final long id, final boolean create)
    {
        final int slot = slot(id);
        final Record record = cachedRecords[slot];
        if (cachedIds[slot] == id)
        {
            bindingHits++;
            if (undo != null)
            {
                undo.onBind(undoTable, id, record, false);
            }
            return record;
        }
        cachedIds[slot] = NO_ID;
        key.setValue(id);
        long address;
        if (create && (entries >= capacity || diskLow()))
        {
            // at capacity, or no disk for growth: an id the table holds is bound as usual; a new one is refused
            // before anything is written
            address = RecordMaps.address(map, key, false);
            if (address == 0)
            {
                return null;
            }
        }
        else
        {
            try
            {
                address = RecordMaps.address(map, key, create);
            }
            catch (final IllegalStateException segmentFull)
            {
                // Chronicle Map's own signal that a segment has no room left: below our capacity only when the
                // ids hash unevenly, but a refusal all the same
                return null;
            }
        }
        if (address == 0)
        {
            return null;
        }
        bindingMisses++;
        final boolean fresh = address < 0;
        record.wrap(fresh ? -address : address);
        if (fresh)
        {
            record.writeDefaults();
            created++;
            entries++;
        }
        if (undo != null)
        {
            // a created record is logged absent: its defaults are not worth keeping
            undo.onBind(undoTable, id, record, fresh);
        }
        cachedIds[slot] = id;
        return record;
    }

    /**
     * @return true when the table holds its {@link #capacity()}: {@link #acquire(long)} of an id it does not
     * hold throws {@link TableFullException}.
     */
    public boolean full()
    {
        return entries >= capacity;
    }

    /**
     * Sets the flag of the disk guard: while it is non-zero the table takes no new record (as when full), and the
     * records it holds go on changing (their pages are on disk already). Set before the writer thread starts.
     *
     * @param flag {@code store_disk_low}, or null for no guard.
     */
    public void diskLow(final AtomicCounter flag)
    {
        this.diskLow = flag;
    }

    /**
     * @return true while the disk holding the table is under its reserve: a new record is refused (one volatile
     * read of a counter another thread samples: no syscall here).
     */
    public boolean diskLow()
    {
        return diskLow != null && diskLow.get() != 0;
    }

    /**
     * @return the one exception this table refuses a new record with (made at open, no stack trace), for code
     * that tells a full table with {@link #tryAcquire(long)} and unwinds a handler with it.
     */
    public TableFullException refusal()
    {
        return full;
    }

    /**
     * Whether a record for the id exists, without creating one.
     *
     * @param id the record's id.
     * @return true when present.
     */
    public boolean contains(final long id)
    {
        if (cachedIds[slot(id)] == id)
        {
            return true;
        }
        key.setValue(id);
        return map.containsKey(key);
    }

    /**
     * Removes a record and forgets its binding.
     *
     * @param id the record's id.
     */
    public void remove(final long id)
    {
        final int slot = slot(id);
        if (cachedIds[slot] == id)
        {
            cachedIds[slot] = NO_ID;
        }
        key.setValue(id);
        if (map.containsKey(key))
        {
            map.remove(key);
            entries--;
        }
    }

    /**
     * Forgets every cached binding: call before removing entries through {@link #map()}.
     */
    public void clearBindings()
    {
        Arrays.fill(cachedIds, NO_ID);
    }

    /**
     * @return lookups served by the binding cache (plain field: read it on the writer thread).
     */
    public long bindingHits()
    {
        return bindingHits;
    }

    /**
     * @return lookups that went to the map.
     */
    public long bindingMisses()
    {
        return bindingMisses;
    }

    /**
     * @return the map's segments: {@link #forEachInSegment} walks one at a time.
     */
    public int segments()
    {
        return map.segments();
    }

    /**
     * Visits the records of one segment in place, under its lock, without allocating: a bounded piece of
     * a walk over the whole table (the eviction's step). The visitor must not change the map; remove what it
     * picked after this returns.
     *
     * @param segment 0 .. {@link #segments()} - 1.
     * @param visitor told each record's key and the record, bound in place for the call only.
     */
    public void forEachInSegment(final int segment, final RecordMaps.Visitor visitor)
    {
        walkVisitor = visitor;
        try (MapSegmentContext<LongValue, byte[], ?> c = map.segmentContext(segment))
        {
            c.forEachSegmentEntry(onWalkEntry);
        }
        finally
        {
            walkVisitor = null;
        }
    }

    private void onWalkEntry(final MapEntry<LongValue, byte[]> entry)
    {
        walkRecord.wrap(RecordMaps.address(entry.value()));
        walkVisitor.visit(entry.key().getUsing(walkKey).getValue(), walkRecord);
    }

    /**
     * @return records this table created (plain field: the writer thread).
     */
    public long created()
    {
        return created;
    }

    /**
     * @return the records the table holds (any thread: Chronicle counts them per segment).
     */
    public long size()
    {
        return map.longSize();
    }

    /**
     * @return the records this table counts as it creates and removes them: {@link #size()} without the walk
     * over the map's segments, for the engine thread (the only one that creates or removes records).
     */
    public long count()
    {
        return entries;
    }

    /**
     * @return the records the table may hold ({@code USERS_CAPACITY}, at most what the folder's layout holds; a
     * start with a larger capacity resizes the folder first): it grows to it as records arrive.
     */
    public long capacity()
    {
        return capacity;
    }

    public long offHeapBytes()
    {
        return map.offHeapMemoryUsed();
    }

    /**
     * The underlying map, for readers on other threads ({@link RecordMaps}).
     *
     * @return the map.
     */
    public ChronicleMap<LongValue, byte[]> map()
    {
        return map;
    }

    public void close()
    {
        map.close();
    }

    private int slot(final long id)
    {
        final long h = id * 0x9E3779B97F4A7C15L;
        return (int)(h ^ (h >>> 32)) & mask;
    }

    /**
     * Copies each record into an undo log before an update uses it (the write side's one hook: a handler
     * reaches a record only through a binding).
     *
     * @param log   the log, or null for none.
     * @param index this table's index in the log's entries.
     */
    public void undoLog(final UndoLog log, final int index)
    {
        this.undo = log;
        this.undoTable = index;
    }
}

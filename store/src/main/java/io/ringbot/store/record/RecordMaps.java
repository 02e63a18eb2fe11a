package io.ringbot.store.record;

import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.core.values.LongValue;
import net.openhft.chronicle.hash.Data;
import net.openhft.chronicle.hash.impl.VanillaChronicleHash;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ChronicleMapBuilder;
import net.openhft.chronicle.map.ExternalMapQueryContext;
import net.openhft.chronicle.map.MapAbsentEntry;
import net.openhft.chronicle.map.MapEntry;

import java.io.File;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * Opens the persisted Chronicle Maps behind {@link RecordTable}s (the same way for the server, the
 * migration and the tools) and finds records in place. A record is a fixed-size {@code byte[]} value
 * ({@code constantValueSizeBySample}) that is never read as an array: its address in the mapped file
 * is taken once and a {@link Record} flyweight reads and writes it there.
 */
public final class RecordMaps
{
    private RecordMaps()
    {
    }

    /**
     * Opens or creates a persisted table.
     *
     * @param schema     the record type.
     * @param file       the map file.
     * @param capacity   records it may hold; a file that exists keeps the layout it was created with, so its
     *                   table holds at most what that layout does ({@link #room}); a start with a larger
     *                   capacity resizes the file before (SchemaMigration).
     * @param cacheSlots direct-mapped binding cache slots (a power of two).
     * @param recover    true after an unclean exit: clears segment locks a dead process held.
     * @return the table.
     * @throws IOException when the file cannot be opened.
     */
    public static RecordTable open(
        final RecordSchema schema, final File file, final long capacity, final int cacheSlots, final boolean recover)
        throws IOException
    {
        schema.seal();
        final ChronicleMapBuilder<LongValue, byte[]> builder = builder(schema, capacity);
        final ChronicleMap<LongValue, byte[]> map = recover && file.exists() ?
            builder.recoverPersistedTo(file, true) : builder.createPersistedTo(file);
        return new RecordTable(schema, map, Math.min(capacity, room(map)), cacheSlots);
    }

    /**
     * The records a map's layout holds in its segments' first tiers: at least the capacity it was created for
     * (Chronicle sizes each segment above the average). A folder made with a smaller {@code USERS_CAPACITY}
     * than the one configured now holds this many, and its table refuses past it as past its capacity,
     * before Chronicle would run out of extra tiers and fail in its own way.
     *
     * @param map a map.
     * @return its room, or {@link Long#MAX_VALUE} when the implementation does not tell.
     */
    static long room(final ChronicleMap<LongValue, byte[]> map)
    {
        if (map instanceof VanillaChronicleHash)
        {
            final VanillaChronicleHash<?, ?, ?, ?> hash = (VanillaChronicleHash<?, ?, ?, ?>)map;
            final long perTier = Math.min(hash.actualChunksPerSegmentTier / Math.max(1, hash.maxChunksPerEntry),
                hash.maxEntriesPerHashLookup);
            return perTier * hash.actualSegments;
        }
        return Long.MAX_VALUE;
    }

    /**
     * The records an existing map file's layout holds ({@link #room}), read from the file's header: what
     * decides at start whether a larger capacity needs a resize.
     *
     * @param schema the record type as the data folder records it.
     * @param file   the existing map file.
     * @return its room.
     * @throws IOException when the file cannot be opened.
     */
    public static long room(final RecordSchema schema, final File file) throws IOException
    {
        try (ChronicleMap<LongValue, byte[]> map = openExisting(schema, file))
        {
            return room(map);
        }
    }

    /**
     * Opens a map file for another process (the inspection tool) alongside a running server.
     *
     * @param schema the record type as the data folder records it.
     * @param file   the existing map file.
     * @return the map; writes through it are not allowed by convention.
     * @throws IOException when the file cannot be opened.
     */
    public static ChronicleMap<LongValue, byte[]> openExisting(final RecordSchema schema, final File file) throws IOException
    {
        if (!file.exists())
        {
            throw new IOException("no store file " + file + ": is DATA_DIR right?");
        }
        return builder(schema.seal(), 1).createPersistedTo(file);
    }

    /**
     * Finds a record's address, creating a zeroed entry when asked.
     *
     * @param map    the map.
     * @param key    the id (set by the caller).
     * @param create whether to insert a zeroed record when absent.
     * @return the address; negated when the record was created now; 0 when absent (and not created).
     * @throws IllegalStateException when the map is full.
     */
    public static long address(final ChronicleMap<LongValue, byte[]> map, final LongValue key, final boolean create)
    {
        try (ExternalMapQueryContext<LongValue, byte[], ?> c = map.queryContext(key))
        {
            MapEntry<LongValue, byte[]> entry = create ? null : c.entry();
            boolean fresh = false;
            if (create)
            {
                c.updateLock().lock();
                entry = c.entry();
                if (entry == null)
                {
                    final MapAbsentEntry<LongValue, byte[]> absent = c.absentEntry();
                    absent.doInsert(absent.defaultValue());
                    entry = c.entry();
                    fresh = true;
                }
            }
            if (entry == null)
            {
                return 0;
            }
            final long address = address(entry.value());
            return fresh ? -address : address;
        }
    }

    /**
     * Binds a flyweight to a record in place, for a reader on any thread (then copy it with
     * {@link SeqlockCopy}).
     *
     * @param map  the map.
     * @param key  the id (set by the caller).
     * @param into the flyweight.
     * @return false when there is no such record.
     */
    public static boolean bind(final ChronicleMap<LongValue, byte[]> map, final LongValue key, final Record into)
    {
        final long address = address(map, key, false);
        if (address == 0)
        {
            return false;
        }
        into.wrap(address);
        return true;
    }

    /**
     * Visits every record in place, holding each segment's read lock while walking it.
     *
     * @param map     the map.
     * @param record  a flyweight bound to each record in turn.
     * @param visitor told the id and the record.
     */
    public static void forEach(final ChronicleMap<LongValue, byte[]> map, final Record record, final Visitor visitor)
    {
        final Consumer<MapEntry<LongValue, byte[]>> each = entry ->
        {
            record.wrap(address(entry.value()));
            visitor.visit(entry.key().get().getValue(), record);
        };
        map.forEachEntry(each);
    }

    static long address(final Data<byte[]> value)
    {
        return ((BytesStore<?, ?>)value.bytes()).addressForWrite(value.offset());
    }

    /**
     * The builder of every table. How a table grows: its layout is laid out for {@code capacity} records (the
     * segments, each segment's hash lookup and entry space), as a sparse file. A record is written into its
     * segment's entry space from the start, so the file takes disk, and the process memory, page by page as
     * records arrive: a fresh folder holds a few KiB, a table of N records about what a preallocated one
     * of N records touches. The other way Chronicle grows, a small {@code entries()} with
     * {@code maxBloatFactor}, chains extra segment tiers that each lookup walks in turn (a miss walks them
     * all) and maps, zeroes and msyncs a bulk of tiers on the writer thread when a segment overflows;
     * a resize by migration copies the table while the engine waits. Both cost the engine per update
     * or per growth step. With this layout a lookup costs what it cost in a preallocated table (the same
     * layout); growth costs the kernel's first write to each fresh page, about one per five records
     * ({@code TableGrowthBenchmark}, {@code GrowthPairs}, {@code growth-run.sh}: BENCHMARKS.md, "The store
     * grows with the bot").
     * <p>
     * {@code sparseFile(true)} is what skips Chronicle's {@code posix_fallocate} of the whole file; it also
     * doubles the entry size Chronicle assumes (room for variable-size entries), so the chunk is set back to
     * the real entry (the 8-byte key and the record, both constant): the layout, and the bytes a record
     * takes, stay those of a preallocated table.
     */
    private static ChronicleMapBuilder<LongValue, byte[]> builder(final RecordSchema schema, final long capacity)
    {
        // No per-entry checksums: the engine writes records in place, which never updates a checksum, and
        // recovery after a crash would drop every such entry as corrupt. No Chronicle shutdown hook: it
        // would close the maps under the server's own ordered shutdown (drain the ring, flush the
        // journal, then close the store).
        return ChronicleMap.of(LongValue.class, byte[].class)
            .name(schema.name())
            .sparseFile(true)
            // before the sample: Chronicle refuses a chunk size once both sizes are known constant, but
            // would then take the doubled one (TableGrowthTest checks the layout equals the preallocated)
            .actualChunkSize(Long.BYTES + schema.size())
            .constantValueSizeBySample(new byte[schema.size()])
            .checksumEntries(false)
            .skipCloseOnExitHook(true)
            .entries(capacity)
            .putReturnsNull(true)
            .removeReturnsNull(true);
    }

    /** Told each record of a {@link #forEach} walk. */
    @FunctionalInterface
    public interface Visitor
    {
        void visit(long id, Record record);
    }
}

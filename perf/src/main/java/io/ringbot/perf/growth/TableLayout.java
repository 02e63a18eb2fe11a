package io.ringbot.perf.growth;

import io.ringbot.engine.reference.ReferenceBot;
import io.ringbot.store.record.RecordMaps;
import io.ringbot.store.record.RecordTable;
import net.openhft.chronicle.core.values.LongValue;
import net.openhft.chronicle.map.ChronicleMap;

import java.io.File;
import java.io.IOException;

/**
 * The ways a users table can be laid out for growth, compared by the growth benchmarks
 * ({@code StoreGrowthBenchmark}, {@code TableGrowthBenchmark}, {@link GrowthPairs}):
 * <ul>
 *   <li>{@code preallocated}: the table before issue 18, laid out for its capacity and posix_fallocate'd whole;</li>
 *   <li>{@code sparse}: what {@link RecordMaps#open} builds now, the same layout in a sparse file;</li>
 *   <li>{@code tiered}: Chronicle's other way, {@code entries(capacity / 16)} with {@code maxBloatFactor(16)}:
 *   a small file whose segments chain extra tiers as they fill.</li>
 * </ul>
 */
public enum TableLayout
{
    PREALLOCATED, SPARSE, TIERED;

    /** Chronicle's bloat factor of the tiered layout: its file starts at 1/16 of the capacity. */
    public static final int TIERED_BLOAT = 16;

    /**
     * @param name a benchmark's {@code layout} parameter: preallocated, sparse or tiered.
     * @return the layout.
     */
    public static TableLayout named(final String name)
    {
        return valueOf(name.toUpperCase(java.util.Locale.ROOT));
    }

    /**
     * @param file     the map file to create.
     * @param capacity the records the table is laid out for.
     * @return the opened table; close it with {@link Opened#close()}.
     * @throws IOException when the file cannot be created.
     */
    public Opened open(final File file, final long capacity) throws IOException
    {
        if (this == SPARSE)
        {
            final RecordTable table = RecordMaps.open(ReferenceBot.USERS, file, capacity, 16, false);
            return new Opened(table.map(), table);
        }
        // RecordMaps' builder as it was (preallocated), or with Chronicle's tier growth
        final boolean tiered = this == TIERED;
        return new Opened(ChronicleMap.of(LongValue.class, byte[].class)
            .constantValueSizeBySample(new byte[ReferenceBot.USERS.size()])
            .checksumEntries(false)
            .skipCloseOnExitHook(true)
            .entries(tiered ? capacity / TIERED_BLOAT : capacity)
            .maxBloatFactor(tiered ? TIERED_BLOAT : 1.0)
            .putReturnsNull(true)
            .removeReturnsNull(true)
            .createPersistedTo(file), null);
    }

    /**
     * A table opened in one layout: its map, and the {@link RecordTable} around it for the sparse one.
     *
     * @param map   the map, looked up through {@link RecordMaps#address}.
     * @param table the table that owns the map (sparse), or null.
     */
    public record Opened(ChronicleMap<LongValue, byte[]> map, RecordTable table) implements AutoCloseable
    {
        @Override
        public void close()
        {
            if (table != null)
            {
                table.close();
            }
            else
            {
                map.close();
            }
        }
    }
}

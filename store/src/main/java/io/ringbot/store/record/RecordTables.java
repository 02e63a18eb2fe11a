package io.ringbot.store.record;

import net.openhft.chronicle.core.values.LongValue;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ChronicleMapBuilder;

import java.io.File;
import java.io.IOException;

/**
 * Opens the persisted Chronicle Maps behind {@link RecordTable}s, the same way for the server and tools.
 */
public final class RecordTables
{
    private RecordTables()
    {
    }

    /**
     * Opens or creates a persisted table.
     *
     * @param valueType  the record's value interface.
     * @param name       the map's name, for Chronicle's messages.
     * @param file       the map file.
     * @param capacity   entries it is sized for; a file that exists keeps the capacity it was created with.
     * @param cacheSlots direct-mapped binding cache slots (a power of two).
     * @param recover    true after an unclean exit: clears segment locks a dead process held.
     * @param <V>        the record type.
     * @return the table.
     * @throws IOException when the file cannot be opened.
     */
    public static <V> RecordTable<V> open(
        final Class<V> valueType,
        final String name,
        final File file,
        final long capacity,
        final int cacheSlots,
        final boolean recover) throws IOException
    {
        final ChronicleMap<LongValue, V> map = openMap(valueType, name, file, capacity, recover);
        return new RecordTable<>(map, valueType, capacity, cacheSlots);
    }

    /**
     * Opens a map file for another process (the inspection tool) alongside a running server.
     *
     * @param valueType the record's value interface.
     * @param name      the map's name.
     * @param file      the existing map file.
     * @param <V>       the record type.
     * @return the map; writes through it are not allowed by convention.
     * @throws IOException when the file cannot be opened.
     */
    public static <V> ChronicleMap<LongValue, V> openExisting(final Class<V> valueType, final String name, final File file)
        throws IOException
    {
        if (!file.exists())
        {
            throw new IOException("no store file " + file + ": is DATA_DIR right?");
        }
        return builder(valueType, name, 1).createPersistedTo(file);
    }

    private static <V> ChronicleMap<LongValue, V> openMap(
        final Class<V> valueType, final String name, final File file, final long capacity, final boolean recover)
        throws IOException
    {
        final ChronicleMapBuilder<LongValue, V> builder = builder(valueType, name, capacity);
        if (recover && file.exists())
        {
            return builder.recoverPersistedTo(file, true);
        }
        return builder.createPersistedTo(file);
    }

    private static <V> ChronicleMapBuilder<LongValue, V> builder(final Class<V> valueType, final String name, final long capacity)
    {
        // No per-entry checksums: the engine writes records in place through bound references, which
        // never update a checksum, and recovery after a crash would drop every such entry as corrupt.
        // No Chronicle shutdown hook: it would close the maps under the server's own ordered shutdown
        // (drain the ring, flush the journal, then close the store).
        return ChronicleMap.of(LongValue.class, valueType)
            .name(name)
            .checksumEntries(false)
            .skipCloseOnExitHook(true)
            .entries(capacity)
            .putReturnsNull(true)
            .removeReturnsNull(true);
    }
}

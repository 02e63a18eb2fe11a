package io.ringbot.store.record;

import net.openhft.chronicle.bytes.Byteable;
import net.openhft.chronicle.bytes.PointerBytesStore;
import net.openhft.chronicle.core.values.LongValue;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.values.Values;

import java.util.Arrays;

/**
 * A Chronicle Map of fixed-layout records keyed by a Telegram id, used by one writer thread.
 * <p>
 * {@link #acquire(long)} returns a native reference bound to the entry's off-heap memory, so the caller
 * reads and writes the record in place. A small direct-mapped cache remembers the last id bound in each
 * of its slots: a hot id costs an array lookup instead of a hash lookup (~650 ns). Entries of fixed size
 * never move in a persisted Chronicle Map (its memory is mapped once), so a binding stays valid until
 * the entry is removed, which only {@link #remove(long)} (on the same thread) does, and it clears the slot.
 * <p>
 * Chronicle binds {@code acquireUsing}'s reference to the query context's shared pointer, which the
 * next query moves: each slot therefore re-binds its reference to a pointer store of its own, at the
 * entry's address.
 * <p>
 * Not thread safe: one writer. Other threads read through {@link ChronicleMap#getUsing} and the
 * record's seqlock.
 *
 * @param <V> the record's value interface
 */
public final class RecordTable<V> implements AutoCloseable
{
    private static final long NO_ID = Long.MIN_VALUE;

    private final ChronicleMap<LongValue, V> map;
    private final LongValue key = Values.newHeapInstance(LongValue.class);
    private final long capacity;
    private final long[] cachedIds;
    private final V[] cachedRefs;
    private final PointerBytesStore[] cachedPointers;
    private final int mask;
    private long bindingHits;
    private long bindingMisses;

    RecordTable(final ChronicleMap<LongValue, V> map, final Class<V> valueType, final long capacity, final int cacheSlots)
    {
        if (Integer.bitCount(cacheSlots) != 1)
        {
            throw new IllegalArgumentException("cacheSlots must be a power of two: " + cacheSlots);
        }
        this.map = map;
        this.capacity = capacity;
        this.mask = cacheSlots - 1;
        this.cachedIds = new long[cacheSlots];
        Arrays.fill(cachedIds, NO_ID);
        @SuppressWarnings("unchecked")
        final V[] refs = (V[])java.lang.reflect.Array.newInstance(valueType, cacheSlots);
        for (int i = 0; i < cacheSlots; i++)
        {
            refs[i] = Values.newNativeReference(valueType);
        }
        this.cachedRefs = refs;
        this.cachedPointers = new PointerBytesStore[cacheSlots];
        for (int i = 0; i < cacheSlots; i++)
        {
            cachedPointers[i] = new PointerBytesStore();
        }
    }

    /**
     * The record for an id, created zeroed when absent (a new record has {@code getId() == 0}).
     *
     * @param id the Telegram id.
     * @return a reference bound to the record in place, valid until the next call that lands in the
     * same cache slot: use it within one update.
     * @throws IllegalStateException when the map is full and the record is new.
     */
    public V acquire(final long id)
    {
        final int slot = slot(id);
        final V ref = cachedRefs[slot];
        if (cachedIds[slot] == id)
        {
            bindingHits++;
            return ref;
        }
        bindingMisses++;
        cachedIds[slot] = NO_ID;
        key.setValue(id);
        map.acquireUsing(key, ref);
        bindOwnPointer(slot, ref);
        cachedIds[slot] = id;
        return ref;
    }

    /**
     * The record for an id when it exists, without creating it.
     *
     * @param id the Telegram id.
     * @return a reference bound in place (as {@link #acquire(long)}), or null when absent.
     */
    public V find(final long id)
    {
        final int slot = slot(id);
        final V ref = cachedRefs[slot];
        if (cachedIds[slot] == id)
        {
            bindingHits++;
            return ref;
        }
        cachedIds[slot] = NO_ID;
        key.setValue(id);
        if (map.getUsing(key, ref) == null)
        {
            return null;
        }
        bindingMisses++;
        bindOwnPointer(slot, ref);
        cachedIds[slot] = id;
        return ref;
    }

    private void bindOwnPointer(final int slot, final V ref)
    {
        final Byteable bound = (Byteable)ref;
        final long size = bound.maxSize();
        final long address = bound.bytesStore().addressForWrite(bound.offset());
        final PointerBytesStore pointer = cachedPointers[slot];
        pointer.set(address, size);
        bound.bytesStore(pointer, 0, size);
    }

    /**
     * Whether a record for the id exists, without creating one.
     *
     * @param id the Telegram id.
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
     * @param id the Telegram id.
     */
    public void remove(final long id)
    {
        final int slot = slot(id);
        if (cachedIds[slot] == id)
        {
            cachedIds[slot] = NO_ID;
        }
        key.setValue(id);
        map.remove(key);
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

    public long size()
    {
        return map.longSize();
    }

    public long capacity()
    {
        return capacity;
    }

    public long offHeapBytes()
    {
        return map.offHeapMemoryUsed();
    }

    /**
     * The underlying map, for readers on other threads (iteration, {@code getUsing}).
     *
     * @return the map.
     */
    public ChronicleMap<LongValue, V> map()
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
}

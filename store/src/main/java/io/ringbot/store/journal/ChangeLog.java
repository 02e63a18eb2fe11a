package io.ringbot.store.journal;

import org.agrona.BitUtil;
import org.agrona.BufferUtil;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RecordDescriptor;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

/**
 * The bounded channel of changed record ids from the engine thread (the one producer) to the journal
 * thread (the one consumer): an Agrona {@link OneToOneRingBuffer} in direct memory.
 * <pre>
 *   one entry, 16 B, aligned:
 *  +---------------------------------------------------------------+
 *  |  length (int) = 16            |  type (int) = type index + 1  |
 *  +---------------------------------------------------------------+
 *  |  record id (long)                                             |
 *  +---------------------------------------------------------------+
 * </pre>
 * The engine offers an id when a record goes from clean ({@code version == syncedVersion}) to dirty, and
 * again when an acknowledgement arrives for a version older than the record's current one; so the
 * entries in the log never exceed the number of dirty records. Should it fill anyway, {@link #offer}
 * drops the id and raises the overflow flag: the journal then rescans every map for
 * {@code version > syncedVersion}, so nothing is lost, only found later.
 */
public final class ChangeLog
{
    /**
     * Receives the ids the journal drains.
     */
    @FunctionalInterface
    public interface ChangeHandler
    {
        /**
         * @param typeIndex the record's type ({@link RecordType#index()}).
         * @param id        the record's id.
         */
        void onChange(int typeIndex, long id);
    }

    public static final int CAPACITY_DEFAULT = 1 << 20;
    public static final int MIN_CAPACITY = 16;
    static final int ENTRY_LENGTH = BitUtil.align(RecordDescriptor.HEADER_LENGTH + Long.BYTES, RecordDescriptor.ALIGNMENT);

    private final OneToOneRingBuffer ring;
    private final UnsafeBuffer memory;
    private final int capacity;
    private final MessageHandler onMessage = this::onMessage;
    private ChangeHandler handler;
    private volatile boolean overflowed;
    private volatile long overflows;

    /**
     * @param capacity a power of two, at least {@link #MIN_CAPACITY}: it holds {@code capacity - 1}
     *                 entries (the ring keeps one header's room free) in {@code 16 * capacity} bytes.
     */
    public ChangeLog(final int capacity)
    {
        if (capacity < MIN_CAPACITY || !BitUtil.isPowerOfTwo(capacity) || capacity > (1 << 26))
        {
            throw new IllegalArgumentException(
                "change log capacity must be a power of two between 16 and 67108864, was " + capacity);
        }
        this.capacity = capacity;
        final int length = capacity * ENTRY_LENGTH + RingBufferDescriptor.TRAILER_LENGTH;
        memory = new UnsafeBuffer(BufferUtil.allocateDirectAligned(length, BitUtil.CACHE_LINE_LENGTH * 2));
        ring = new OneToOneRingBuffer(memory);
    }

    /**
     * Engine side: records that a record changed. Never blocks and never allocates.
     *
     * @param type the record's type.
     * @param id   the record's id.
     * @return false when the log is full: the id was dropped and the overflow flag raised, which makes
     * the journal rescan; the caller needs to do nothing more.
     */
    public boolean offer(final RecordType type, final long id)
    {
        final int index = ring.tryClaim(type.index() + 1, Long.BYTES);
        if (index > 0)
        {
            memory.putLong(index, id);
            ring.commit(index);
            return true;
        }
        overflows = overflows + 1; // single writer: the engine
        overflowed = true;
        return false;
    }

    /**
     * Journal side: hands up to {@code limit} ids to the handler, in the order offered.
     *
     * @param handler receives each id.
     * @param limit   the most to take in this call.
     * @return how many were taken.
     */
    public int drain(final ChangeHandler handler, final int limit)
    {
        this.handler = handler;
        try
        {
            return ring.read(onMessage, limit);
        }
        finally
        {
            this.handler = null;
        }
    }

    /**
     * Journal side: reads and clears the overflow flag. Clear it before rescanning: an overflow during
     * the rescan then raises it again and causes another.
     *
     * @return true when an offer was dropped since the last call.
     */
    public boolean takeOverflow()
    {
        if (overflowed)
        {
            overflowed = false;
            return true;
        }
        return false;
    }

    /**
     * @return true when an offer was dropped and the journal has not yet taken the flag.
     */
    public boolean overflowed()
    {
        return overflowed;
    }

    /**
     * @return offers dropped since creation.
     */
    public long overflows()
    {
        return overflows;
    }

    /**
     * @return entries waiting to be drained (approximate while the producer offers).
     */
    public int size()
    {
        return ring.size() / ENTRY_LENGTH;
    }

    /**
     * @return the capacity it was created with; it holds one entry fewer.
     */
    public int capacity()
    {
        return capacity;
    }

    private void onMessage(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        handler.onChange(msgTypeId - 1, buffer.getLong(index));
    }
}

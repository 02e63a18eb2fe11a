package io.ringbot.engine.outbound;

import io.ringbot.store.status.CountersFile;
import io.ringbot.store.status.RingbotCounter;
import org.agrona.IoUtil;
import org.agrona.collections.IntArrayList;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RecordDescriptor;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.agrona.concurrent.status.AtomicCounter;

import java.io.File;
import java.nio.MappedByteBuffer;
import java.nio.file.Path;

/**
 * The outbound queue: an Agrona ring buffer over a memory-mapped file in the data folder, written by
 * the engine thread (one producer) and drained by the Bot API sender. A call the engine wrote is in the
 * file, so it survives a kill -9 of the process. Writing allocates nothing; a full queue refuses at once
 * (counted), it never blocks the engine.
 * <p>
 * A handler's calls are written in place into claimed records ({@link #claim}) that stay claimed, invisible
 * to the sender, until the engine has applied the update: {@link #commitUpdate()} publishes them all,
 * {@link #abortUpdate()} turns them into padding. A crash in between leaves claimed records in the file:
 * opening drops them (counted), as their update was not marked applied and comes again.
 */
public final class OutboundRing implements AutoCloseable
{
    public static final String FILE_NAME = "outbound-queue.dat";
    public static final int CAPACITY_DEFAULT = 16 * 1024 * 1024;

    private final MappedByteBuffer mapped;
    private final UnsafeBuffer buffer;
    private final OneToOneRingBuffer ring;
    private final AtomicCounter accepted;
    private final AtomicCounter rejected;
    private final AtomicCounter dropped;
    private final int droppedAtOpen;
    /** The records the current update claimed (grows past 64 calls in one update only once). */
    private final IntArrayList claimed = new IntArrayList(64, Integer.MIN_VALUE);

    /**
     * Opens the queue file, creating it when absent (an existing file keeps its size and content), and
     * drops the calls of an update a crash interrupted.
     *
     * @param dataDir  the data folder.
     * @param capacity bytes for calls, a power of two (for a new file).
     * @param accepted counts calls published.
     * @param rejected counts calls refused because the queue was full or the call too large.
     * @param dropped  counts calls dropped with their update (handler failed, or a crash before it was
     *                 applied); null: not counted.
     */
    public OutboundRing(final Path dataDir, final int capacity, final AtomicCounter accepted, final AtomicCounter rejected,
        final AtomicCounter dropped)
    {
        if (capacity < 4096 || Integer.bitCount(capacity) != 1)
        {
            throw new IllegalArgumentException("OUTBOUND_QUEUE_BYTES must be a power of two of at least 4096, was " + capacity);
        }
        final File file = dataDir.resolve(FILE_NAME).toFile();
        // a sparse file (not filled with zeros): it reads as zeros, which the ring needs, and takes disk as calls
        // pass through it, up to OUTBOUND_QUEUE_BYTES once the ring has wrapped
        mapped = file.exists() ? IoUtil.mapExistingFile(file, "outbound queue") :
            IoUtil.mapNewFile(file, capacity + RingBufferDescriptor.TRAILER_LENGTH, false);
        buffer = new UnsafeBuffer(mapped);
        ring = new OneToOneRingBuffer(buffer);
        this.accepted = accepted;
        this.rejected = rejected;
        this.dropped = dropped;
        droppedAtOpen = abandonUnfinishedWrites();
        if (dropped != null)
        {
            dropped.getAndAdd(droppedAtOpen);
        }
    }

    /**
     * Opens the queue file of a data folder (creating it when absent) with its counters: calls published,
     * refused, and dropped with their update.
     *
     * @param dataDir  the data folder.
     * @param capacity bytes for calls, a power of two (for a new file).
     * @param counters the counters file the three counters are in.
     * @return the queue.
     */
    public static OutboundRing open(final Path dataDir, final int capacity, final CountersFile counters)
    {
        return new OutboundRing(dataDir, capacity, counters.counter(RingbotCounter.OUTBOUND_ACCEPTED),
            counters.counter(RingbotCounter.OUTBOUND_REJECTED), counters.counter(RingbotCounter.OUTBOUND_DROPPED));
    }

    /**
     * Writes one call encoded already and publishes it at once (engine thread only).
     *
     * @param type         {@link OutboundDescriptor#CALL_TYPE} or {@link OutboundDescriptor#BROADCAST_TYPE}.
     * @param correlation  the handler's correlation.
     * @param chatId       the target chat.
     * @param originUserId the sender of the update that made the call (0 for none).
     * @param method       the method name (ASCII).
     * @param body         the JSON body.
     * @param bodyLength   its length.
     * @return true when accepted, false when the queue is full (counted).
     */
    public boolean offer(
        final int type,
        final long correlation,
        final long chatId,
        final long originUserId,
        final CharSequence method,
        final byte[] body,
        final int bodyLength)
    {
        final int index = claimAndWrite(type, correlation, chatId, originUserId, method, body, bodyLength);
        if (index < 0)
        {
            return false;
        }
        ring.commit(index);
        accepted.incrementRelease();
        return true;
    }

    /**
     * As {@link #offer}, but the record stays claimed with the current update ({@link #commitUpdate()}).
     *
     * @return true when accepted, false when the queue is full (counted).
     */
    public boolean offerWithUpdate(
        final int type,
        final long correlation,
        final long chatId,
        final long originUserId,
        final CharSequence method,
        final byte[] body,
        final int bodyLength)
    {
        final int index = claimAndWrite(type, correlation, chatId, originUserId, method, body, bodyLength);
        if (index < 0)
        {
            return false;
        }
        claimed.addInt(index);
        return true;
    }

    /**
     * Claims a record of the current update, to be written in place and published by {@link #commitUpdate()}.
     *
     * @param type   the record's type.
     * @param length its length (negative: refused as too large).
     * @return the record's index in {@link #buffer()}, or -1 when the queue is full or the record too large (counted).
     */
    public int claim(final int type, final int length)
    {
        final int index = tryClaim(type, length);
        if (index >= 0)
        {
            claimed.addInt(index);
        }
        return index;
    }

    /**
     * Publishes every record claimed since the last commit or abort (engine thread, once the update is applied).
     *
     * @return the number of records published.
     */
    public int commitUpdate()
    {
        final int count = finishUpdate(true);
        if (count > 0)
        {
            accepted.getAndAddRelease(count);
        }
        return count;
    }

    /**
     * Drops every record claimed since the last commit or abort (the handler failed: its update's calls go too).
     *
     * @return the number of records dropped.
     */
    public int abortUpdate()
    {
        final int count = finishUpdate(false);
        if (count > 0 && dropped != null)
        {
            dropped.getAndAddRelease(count);
        }
        return count;
    }

    /**
     * @return calls a crash left claimed and opening dropped.
     */
    public int droppedAtOpen()
    {
        return droppedAtOpen;
    }

    /**
     * Claims a record for a call encoded already and writes it (not yet published).
     *
     * @return the record's index, or -1 when refused (counted).
     */
    private int claimAndWrite(
        final int type,
        final long correlation,
        final long chatId,
        final long originUserId,
        final CharSequence method,
        final byte[] body,
        final int bodyLength)
    {
        final int methodLength = method.length();
        if (methodLength > OutboundDescriptor.MAX_METHOD_LENGTH)
        {
            rejected.increment();
            return -1;
        }
        final int index = tryClaim(type, OutboundDescriptor.METHOD_OFFSET + methodLength + bodyLength);
        if (index < 0)
        {
            return -1;
        }
        final UnsafeBuffer b = buffer;
        b.putInt(index + OutboundDescriptor.STATE_OFFSET, OutboundDescriptor.ACCEPTED);
        b.putInt(index + OutboundDescriptor.METHOD_LENGTH_OFFSET, methodLength);
        b.putLong(index + OutboundDescriptor.CORRELATION_OFFSET, correlation);
        b.putLong(index + OutboundDescriptor.CHAT_ID_OFFSET, chatId);
        b.putLong(index + OutboundDescriptor.ORIGIN_USER_OFFSET, originUserId);
        final int methodIndex = index + OutboundDescriptor.METHOD_OFFSET;
        for (int i = 0; i < methodLength; i++)
        {
            b.putByte(methodIndex + i, (byte)method.charAt(i));
        }
        b.putBytes(methodIndex + methodLength, body, 0, bodyLength);
        return index;
    }

    private int tryClaim(final int type, final int length)
    {
        if (length < 0 || length > ring.maxMsgLength())
        {
            rejected.increment();
            return -1;
        }
        final int index = ring.tryClaim(type, length);
        if (index < 0)
        {
            rejected.increment();
        }
        return index;
    }

    private int finishUpdate(final boolean commit)
    {
        // by index, not by walking the ring: once the first is committed the sender may consume (and zero)
        // what lies between them
        final IntArrayList claimed = this.claimed;
        final int count = claimed.size();
        for (int i = 0; i < count; i++)
        {
            if (commit)
            {
                ring.commit(claimed.getInt(i));
            }
            else
            {
                ring.abort(claimed.getInt(i));
            }
        }
        claimed.clear();
        return count;
    }

    /**
     * A kill -9 during an update (or while a call was written) leaves records claimed but never committed
     * (negative length): their update was not marked applied and will be redelivered, so they become
     * padding, which the reader skips, instead of blocking the queue forever.
     *
     * @return the number of records dropped.
     */
    private int abandonUnfinishedWrites()
    {
        int count = 0;
        final int mask = ring.capacity() - 1;
        final long tail = ring.producerPosition();
        long position = ring.consumerPosition();
        while (position < tail)
        {
            final int index = (int)(position & mask);
            int length = buffer.getIntVolatile(RecordDescriptor.lengthOffset(index));
            if (length == 0)
            {
                break; // nothing was claimed here: nothing further can be either
            }
            if (length < 0)
            {
                length = -length;
                buffer.putInt(RecordDescriptor.typeOffset(index), RingBuffer.PADDING_MSG_TYPE_ID);
                buffer.putIntOrdered(RecordDescriptor.lengthOffset(index), length);
                count++;
            }
            position += (length + RecordDescriptor.ALIGNMENT - 1) & -RecordDescriptor.ALIGNMENT;
        }
        return count;
    }

    /**
     * @return the ring, for the sender that drains it.
     */
    public OneToOneRingBuffer ring()
    {
        return ring;
    }

    public UnsafeBuffer buffer()
    {
        return buffer;
    }

    /**
     * @return bytes of calls not yet done (accepted, or being sent).
     */
    public int sizeBytes()
    {
        return ring.size();
    }

    public void close()
    {
        IoUtil.unmap(mapped);
    }
}

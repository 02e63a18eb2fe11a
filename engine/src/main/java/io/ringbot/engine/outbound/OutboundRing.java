package io.ringbot.engine.outbound;

import org.agrona.IoUtil;
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
 * file, so it survives a kill -9 of the process. Writing copies the encoded call once and allocates
 * nothing; a full queue refuses at once (counted), it never blocks the engine.
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

    /**
     * Opens the queue file, creating it when absent (an existing file keeps its size and content).
     *
     * @param dataDir  the data folder.
     * @param capacity bytes for calls, a power of two (for a new file).
     * @param accepted counts calls written.
     * @param rejected counts calls refused because the queue was full or the call too large.
     */
    public OutboundRing(final Path dataDir, final int capacity, final AtomicCounter accepted, final AtomicCounter rejected)
    {
        if (capacity < 4096 || Integer.bitCount(capacity) != 1)
        {
            throw new IllegalArgumentException("OUTBOUND_QUEUE_BYTES must be a power of two of at least 4096, was " + capacity);
        }
        final File file = dataDir.resolve(FILE_NAME).toFile();
        mapped = file.exists() ? IoUtil.mapExistingFile(file, "outbound queue") :
            IoUtil.mapNewFile(file, capacity + RingBufferDescriptor.TRAILER_LENGTH);
        buffer = new UnsafeBuffer(mapped);
        ring = new OneToOneRingBuffer(buffer);
        abandonUnfinishedWrites();
        this.accepted = accepted;
        this.rejected = rejected;
    }

    /**
     * Writes one call (engine thread only).
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
        final int methodLength = method.length();
        final int length = OutboundDescriptor.METHOD_OFFSET + methodLength + bodyLength;
        if (methodLength > OutboundDescriptor.MAX_METHOD_LENGTH || length > ring.maxMsgLength())
        {
            rejected.increment();
            return false;
        }
        final int index = ring.tryClaim(type, length);
        if (index < 0)
        {
            rejected.increment();
            return false;
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
        ring.commit(index);
        accepted.incrementRelease();
        return true;
    }

    /**
     * A kill -9 while the engine wrote a call leaves its record claimed but never committed (negative
     * length): such a call was never accepted (send() had not returned), so it becomes padding, which
     * the reader skips, instead of blocking the queue forever.
     */
    private void abandonUnfinishedWrites()
    {
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
            }
            position += (length + RecordDescriptor.ALIGNMENT - 1) & -RecordDescriptor.ALIGNMENT;
        }
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

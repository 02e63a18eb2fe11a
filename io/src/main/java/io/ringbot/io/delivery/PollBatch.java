package io.ringbot.io.delivery;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One getUpdates answer on its way through the ring: which update_ids it holds, which the engine answered
 * (and whether for good or "busy, try again"), so the poller can advance the offset over the contiguous
 * run the engine applied. Reused from batch to batch; an entry is the slot's {@code connection}.
 */
final class PollBatch
{
    /** A slot's handle back to its batch (allocated once). */
    static final class Entry
    {
        final PollBatch batch;
        final int index;

        Entry(final PollBatch batch, final int index)
        {
            this.batch = batch;
            this.index = index;
        }
    }

    final Entry[] entries;
    final long[] updateIds;
    private final boolean[] applied;
    private int size;
    private CountDownLatch answered;

    PollBatch(final int capacity)
    {
        entries = new Entry[capacity];
        updateIds = new long[capacity];
        applied = new boolean[capacity];
        for (int i = 0; i < capacity; i++)
        {
            entries[i] = new Entry(this, i);
        }
    }

    void begin(final int size)
    {
        this.size = size;
        answered = new CountDownLatch(size);
        for (int i = 0; i < size; i++)
        {
            applied[i] = false;
        }
    }

    int size()
    {
        return size;
    }

    /**
     * Engine thread: the update's slot was answered.
     *
     * @param index   its index in the batch.
     * @param applied false when the engine could not take it now (503) and it must come again.
     */
    void answered(final int index, final boolean applied)
    {
        this.applied[index] = applied;
        answered.countDown();
    }

    boolean await(final long millis) throws InterruptedException
    {
        return answered.await(millis, TimeUnit.MILLISECONDS);
    }

    /**
     * After {@link #await}: the next offset, past every update applied before the first that was not.
     *
     * @param offset the offset before this batch.
     * @return the new offset.
     */
    long confirmedOffset(final long offset)
    {
        long next = offset;
        for (int i = 0; i < size; i++)
        {
            if (!applied[i])
            {
                break;
            }
            next = Math.max(next, updateIds[i] + 1);
        }
        return next;
    }

    /**
     * @return whether every update of the batch was applied.
     */
    boolean complete()
    {
        for (int i = 0; i < size; i++)
        {
            if (!applied[i])
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Reads a top-level number field without parsing the whole object (engine thread: allocates nothing).
     *
     * @param json   the bytes.
     * @param from   where the object starts.
     * @param length where it ends.
     * @param field  the field's name in quotes followed by the colon, e.g. {@code "update_id":} as bytes.
     * @return the value, or {@code missing} when absent or not a number.
     */
    static long numberField(final byte[] json, final int from, final int length, final byte[] field, final long missing)
    {
        final int at = indexOf(json, from, length, field);
        if (at < 0)
        {
            return missing;
        }
        int i = at + field.length;
        while (i < length && (json[i] == ' ' || json[i] == '\t' || json[i] == '\n' || json[i] == '\r'))
        {
            i++;
        }
        boolean negative = false;
        if (i < length && json[i] == '-')
        {
            negative = true;
            i++;
        }
        long value = 0;
        int digits = 0;
        while (i < length && json[i] >= '0' && json[i] <= '9' && digits < 18)
        {
            value = value * 10 + (json[i] - '0');
            i++;
            digits++;
        }
        return digits == 0 ? missing : negative ? -value : value;
    }

    static int indexOf(final byte[] json, final int from, final int length, final byte[] field)
    {
        final int last = length - field.length;
        outer:
        for (int i = from; i <= last; i++)
        {
            for (int j = 0; j < field.length; j++)
            {
                if (json[i + j] != field[j])
                {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}

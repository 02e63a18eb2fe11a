package io.ringbot.engine.ring;

import com.lmax.disruptor.Sequence;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Tracks which ring slots their responders have finished with, as a gating {@link Sequence} for the
 * producers: a slot is reused only once its answer was written, even though answers finish out of
 * order on several event loops. Each release marks its slot, then whoever sees a contiguous run
 * advances the sequence (like the Disruptor's multi-producer availability buffer).
 */
public final class SlotReleaser implements AnswerReleaser
{
    private final Sequence released = new Sequence(-1);
    private final AtomicLongArray slots;
    private final int mask;

    public SlotReleaser(final int ringSize)
    {
        if (Integer.bitCount(ringSize) != 1)
        {
            throw new IllegalArgumentException("ring size must be a power of two: " + ringSize);
        }
        slots = new AtomicLongArray(ringSize);
        for (int i = 0; i < ringSize; i++)
        {
            slots.set(i, -1);
        }
        mask = ringSize - 1;
    }

    /**
     * @return the highest sequence below which every slot was released.
     */
    public Sequence sequence()
    {
        return released;
    }

    /**
     * Releases one slot; safe from any thread.
     *
     * @param sequence the slot's ring sequence.
     */
    public void release(final long sequence)
    {
        slots.set((int)sequence & mask, sequence);
        long current = released.get();
        while (true)
        {
            final long next = current + 1;
            if (slots.get((int)next & mask) != next)
            {
                return;
            }
            if (!released.compareAndSet(current, next))
            {
                current = released.get();
            }
            else
            {
                current = next;
            }
        }
    }
}

package io.ringbot.store.record;

import net.openhft.chronicle.values.Copyable;

import java.lang.invoke.VarHandle;
import java.util.function.ToLongFunction;

/**
 * The read side of a record's seqlock, in one place for every reader on another thread or process (the
 * journal, the inspection tool). The engine, the only writer, makes {@code seq} odd, changes fields in
 * place, then makes it even again; a reader copies the record between two reads of {@code seq} and keeps
 * the copy only when both are the same even value. Retrying (how often, how long to wait) is the caller's
 * policy.
 */
public final class SeqlockCopy
{
    /** {@link #tryCopy} found a change open, or one landed during the copy. */
    public static final long CHANGED = -1;

    private SeqlockCopy()
    {
    }

    /**
     * One attempt to copy a record consistently. Allocates nothing.
     *
     * @param live        a reference bound to the record in place.
     * @param into        a heap instance of the same value interface to copy into.
     * @param volatileSeq reads {@code seq} with volatile semantics, e.g. {@code UserRecord::getVolatileSeq}.
     * @param <V>         the record's value interface.
     * @return the (even) seq the copy is consistent with, or {@link #CHANGED}.
     */
    public static <V> long tryCopy(final V live, final V into, final ToLongFunction<V> volatileSeq)
    {
        final long before = volatileSeq.applyAsLong(live);
        if ((before & 1) != 0)
        {
            return CHANGED;
        }
        @SuppressWarnings("unchecked")
        final Copyable<V> copy = (Copyable<V>)into;
        copy.copyFrom(live);
        // the copy's plain loads must complete before seq is read again
        VarHandle.loadLoadFence();
        return volatileSeq.applyAsLong(live) == before ? before : CHANGED;
    }
}

package io.ringbot.store.record;

import java.lang.invoke.VarHandle;

/**
 * The read side of a record's seqlock, in one place for every reader on another thread or process (the
 * journal, the inspection tool); the write side is {@link Record#beginWrite()} / {@link Record#endWrite()}.
 * The engine, the only writer, makes {@code seq} odd, changes fields in place, then makes it even again;
 * a reader copies the record between two reads of {@code seq} and keeps the copy only when both are the
 * same even value. Retrying (how often, how long to wait) is the caller's policy.
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
     * @param live a flyweight bound to the record in place.
     * @param into a heap record of the same schema to copy into.
     * @return the (even) seq the copy is consistent with, or {@link #CHANGED}.
     */
    public static long tryCopy(final Record live, final Record into)
    {
        final long before = live.volatileSeq();
        if ((before & 1) != 0)
        {
            return CHANGED;
        }
        into.copyFrom(live);
        // the copy's plain loads must complete before seq is read again
        VarHandle.loadLoadFence();
        return live.volatileSeq() == before ? before : CHANGED;
    }
}

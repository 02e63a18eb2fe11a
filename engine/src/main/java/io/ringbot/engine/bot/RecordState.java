package io.ringbot.engine.bot;

import java.lang.invoke.VarHandle;

/**
 * What the engine needs from a record facade around a handler: whether the handler changed it, and
 * closing the change (version + 1, seqlock even again).
 */
abstract class RecordState
{
    private boolean writing;
    private boolean bound;
    private boolean cleanAtBind;
    private final StringBuilder scratch = new StringBuilder(256);

    /**
     * @return the text cut to fit a fixed UTF-8 field.
     */
    final CharSequence fit(final CharSequence text, final int maxBytes)
    {
        return Truncation.utf8(text, maxBytes, scratch);
    }

    final boolean isBound()
    {
        return bound;
    }

    final void bound(final boolean bound)
    {
        this.bound = bound;
        this.writing = false;
        this.cleanAtBind = bound && wasClean();
    }

    /**
     * @return true when the record had no change pending for the journal before this update.
     */
    final boolean cleanAtBind()
    {
        return cleanAtBind;
    }

    /** Opens a change: readers on other threads retry until {@link #endWrite()}. */
    final void beginWrite()
    {
        if (!bound)
        {
            throw new IllegalStateException("this update has no such record");
        }
        if (!writing)
        {
            writing = true;
            setSeq(seq() + 1);
            // the odd seq must be visible before any field write that follows (a release store only
            // orders what came before it)
            VarHandle.storeStoreFence();
        }
    }

    /**
     * Closes a change, if one was opened.
     *
     * @return the new version, or -1 when the handler changed nothing.
     */
    final long endWrite()
    {
        if (!writing)
        {
            return -1;
        }
        writing = false;
        final long version = version() + 1;
        setVersion(version);
        setSeq(seq() + 1);
        return version;
    }

    /**
     * @return true when the record is unchanged since Firestore last acknowledged it (before this change).
     */
    abstract boolean wasClean();

    abstract long seq();

    abstract void setSeq(long seq);

    abstract long version();

    abstract void setVersion(long version);
}

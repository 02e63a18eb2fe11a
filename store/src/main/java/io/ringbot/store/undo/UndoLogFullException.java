package io.ringbot.store.undo;

/**
 * An update asked for more records than the {@link UndoLog} holds: the update fails (its handler sees
 * this exception) rather than the log growing.
 */
public final class UndoLogFullException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    public UndoLogFullException(final String message)
    {
        super(message);
    }
}

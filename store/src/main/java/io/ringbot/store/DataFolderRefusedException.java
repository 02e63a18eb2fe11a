package io.ringbot.store;

/**
 * The data folder cannot be opened as it is without losing or misreading what it holds: another bot's
 * folder, a change that drops fields not allowed by DROP_FIELDS, a damaged or missing file. Nothing in the
 * folder was changed; the message says what to do. {@code ringbot serve} exits 2 on it, as for a bad setting.
 */
public final class DataFolderRefusedException extends IllegalStateException
{
    private static final long serialVersionUID = 1L;

    public DataFolderRefusedException(final String message)
    {
        super(message);
    }

    public DataFolderRefusedException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}

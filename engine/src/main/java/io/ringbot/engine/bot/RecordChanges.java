package io.ringbot.engine.bot;

/**
 * Told on the engine thread when a record goes from synced to changed, so the journal picks it up.
 * Implementations must not block or allocate (the journal's change log is a bounded queue).
 */
public interface RecordChanges
{
    RecordChanges NONE = new RecordChanges()
    {
        public void userChanged(final long id)
        {
        }

        public void chatChanged(final long id)
        {
        }
    };

    void userChanged(long id);

    void chatChanged(long id);
}

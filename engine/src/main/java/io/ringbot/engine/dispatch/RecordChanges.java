package io.ringbot.engine.dispatch;

import io.ringbot.store.journal.RecordType;

/**
 * Told on the engine thread when a record goes from synced to changed, so the journal picks it up.
 * Implementations must not block or allocate (the journal's change log is a bounded queue).
 */
@FunctionalInterface
public interface RecordChanges
{
    RecordChanges NONE = (type, id) ->
    {
    };

    void changed(RecordType type, long id);
}

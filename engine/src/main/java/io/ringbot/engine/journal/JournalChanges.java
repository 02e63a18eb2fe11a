package io.ringbot.engine.journal;

import io.ringbot.engine.dispatch.RecordChanges;
import io.ringbot.store.journal.ChangeLog;
import io.ringbot.store.journal.RecordType;

/**
 * Tells the journal's change log which records went from synced to changed. A full log is not an
 * error: it sets the log's overflow flag and the journal rescans the maps.
 */
public final class JournalChanges implements RecordChanges
{
    private final ChangeLog changeLog;

    public JournalChanges(final ChangeLog changeLog)
    {
        this.changeLog = changeLog;
    }

    public void changed(final RecordType type, final long id)
    {
        changeLog.offer(type, id);
    }
}

package io.ringbot.engine.journal;

import io.ringbot.engine.JournalAckHandler;
import io.ringbot.engine.bot.RecordChanges;
import io.ringbot.store.journal.RecordType;
import io.ringbot.store.record.ChatRecord;
import io.ringbot.store.record.RecordTable;
import io.ringbot.store.record.UserRecord;
import org.agrona.concurrent.status.AtomicCounter;

/**
 * Engine thread: advances each acknowledged record's synced version, and offers the record to the
 * journal again when it changed after the acknowledged version (it stays dirty).
 */
public final class AckApplier implements JournalAckHandler
{
    private final RecordTable<UserRecord> users;
    private final RecordTable<ChatRecord> chats;
    private final RecordChanges changes;
    private final AtomicCounter applied;

    public AckApplier(
        final RecordTable<UserRecord> users,
        final RecordTable<ChatRecord> chats,
        final RecordChanges changes,
        final AtomicCounter applied)
    {
        this.users = users;
        this.chats = chats;
        this.changes = changes;
        this.applied = applied;
    }

    public void onAcks(final Object payload)
    {
        final JournalAckBatch batch = (JournalAckBatch)payload;
        final long[] triples = batch.triples;
        final int count = batch.count;
        for (int i = 0; i < count * 3; i += 3)
        {
            final long id = triples[i + 1];
            final long version = triples[i + 2];
            if (triples[i] == RecordType.USER.ordinal())
            {
                final UserRecord record = users.find(id);
                if (record != null && record.getSyncedVersion() < version)
                {
                    record.setOrderedSyncedVersion(version);
                    if (record.getVersion() > version)
                    {
                        changes.userChanged(id);
                    }
                }
            }
            else
            {
                final ChatRecord record = chats.find(id);
                if (record != null && record.getSyncedVersion() < version)
                {
                    record.setOrderedSyncedVersion(version);
                    if (record.getVersion() > version)
                    {
                        changes.chatChanged(id);
                    }
                }
            }
        }
        applied.getAndAddRelease(count);
    }
}

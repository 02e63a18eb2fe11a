package io.ringbot.store.journal;

import io.ringbot.store.StateStore;
import io.ringbot.store.record.Record;
import io.ringbot.store.record.RecordTable;
import io.ringbot.store.record.TestSchemas;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Changes records the way the engine thread does (seqlock, version, offer on clean to dirty) and applies
 * acknowledgements the way it will on their ring event. Tests run it on the test thread.
 */
final class TestEngine implements JournalAcks
{
    record Ack(RecordType type, long id, long version)
    {
    }

    final StateStore store;
    final ChangeLog changeLog;
    final List<Ack> acks = new ArrayList<>();

    TestEngine(final StateStore store, final ChangeLog changeLog)
    {
        this.store = store;
        this.changeLog = changeLog;
    }

    long changeUser(final long id, final Consumer<Record> change)
    {
        return change(store.users(), RecordType.USER, id, change);
    }

    long touchUser(final long id)
    {
        return changeUser(id, r -> TestSchemas.MESSAGE_COUNT.set(r, TestSchemas.MESSAGE_COUNT.get(r) + 1));
    }

    long changeChat(final long id, final Consumer<Record> change)
    {
        return change(store.chats(), RecordType.CHAT, id, change);
    }

    long change(final RecordType type, final long id, final Consumer<Record> change)
    {
        return change(store.table(type), type, id, change);
    }

    private long change(final RecordTable table, final RecordType type, final long id, final Consumer<Record> change)
    {
        final Record r = table.acquire(id);
        final boolean wasClean = r.isSynced();
        r.beginWrite();
        r.id(id);
        change.accept(r);
        final long version = r.endWrite();
        if (wasClean)
        {
            changeLog.offer(type, id);
        }
        return version;
    }

    public void onSynced(final RecordType type, final long id, final long version)
    {
        acks.add(new Ack(type, id, version));
        final Record r = store.table(type).acquire(id);
        r.orderedSyncedVersion(Math.max(r.syncedVersion(), version));
        if (r.version() > version)
        {
            changeLog.offer(type, id);
        }
    }

    long syncedVersion(final RecordType type, final long id)
    {
        return store.table(type).acquire(id).syncedVersion();
    }

    long acksFor(final RecordType type, final long id)
    {
        return acks.stream().filter(a -> a.type() == type && a.id() == id).count();
    }
}

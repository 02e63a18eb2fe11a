package io.ringbot.store.journal;

import io.ringbot.store.StateStore;
import io.ringbot.store.record.Record;
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
        final Record r = store.users().acquire(id);
        final long seq = r.seq();
        r.orderedSeq(seq + 1);
        r.id(id);
        change.accept(r);
        final boolean wasClean = r.version() == r.syncedVersion();
        final long version = r.version() + 1;
        r.orderedVersion(version);
        r.orderedSeq(seq + 2);
        if (wasClean)
        {
            changeLog.offer(RecordType.USER, id);
        }
        return version;
    }

    long touchUser(final long id)
    {
        return changeUser(id, r -> TestSchemas.MESSAGE_COUNT.set(r, TestSchemas.MESSAGE_COUNT.get(r) + 1));
    }

    long changeChat(final long id, final Consumer<Record> change)
    {
        final Record r = store.chats().acquire(id);
        final long seq = r.seq();
        r.orderedSeq(seq + 1);
        r.id(id);
        change.accept(r);
        final boolean wasClean = r.version() == r.syncedVersion();
        final long version = r.version() + 1;
        r.orderedVersion(version);
        r.orderedSeq(seq + 2);
        if (wasClean)
        {
            changeLog.offer(RecordType.CHAT, id);
        }
        return version;
    }

    public void onSynced(final RecordType type, final long id, final long version)
    {
        acks.add(new Ack(type, id, version));
        final long current;
        if (type == RecordType.USER)
        {
            final Record r = store.users().acquire(id);
            r.orderedSyncedVersion(Math.max(r.syncedVersion(), version));
            current = r.version();
        }
        else
        {
            final Record r = store.chats().acquire(id);
            r.orderedSyncedVersion(Math.max(r.syncedVersion(), version));
            current = r.version();
        }
        if (current > version)
        {
            changeLog.offer(type, id);
        }
    }

    long syncedVersion(final RecordType type, final long id)
    {
        return type == RecordType.USER ?
            store.users().acquire(id).syncedVersion() : store.chats().acquire(id).syncedVersion();
    }

    long acksFor(final RecordType type, final long id)
    {
        return acks.stream().filter(a -> a.type() == type && a.id() == id).count();
    }
}

package io.ringbot.store.journal;

import io.ringbot.store.StateStore;
import io.ringbot.store.record.ChatRecord;
import io.ringbot.store.record.UserRecord;

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

    long changeUser(final long id, final Consumer<UserRecord> change)
    {
        final UserRecord r = store.users().acquire(id);
        final long seq = r.getSeq();
        r.setOrderedSeq(seq + 1);
        r.setId(id);
        change.accept(r);
        final boolean wasClean = r.getVersion() == r.getSyncedVersion();
        final long version = r.getVersion() + 1;
        r.setOrderedVersion(version);
        r.setOrderedSeq(seq + 2);
        if (wasClean)
        {
            changeLog.offer(RecordType.USER, id);
        }
        return version;
    }

    long touchUser(final long id)
    {
        return changeUser(id, r -> r.setMessageCount(r.getMessageCount() + 1));
    }

    long changeChat(final long id, final Consumer<ChatRecord> change)
    {
        final ChatRecord r = store.chats().acquire(id);
        final long seq = r.getSeq();
        r.setOrderedSeq(seq + 1);
        r.setId(id);
        change.accept(r);
        final boolean wasClean = r.getVersion() == r.getSyncedVersion();
        final long version = r.getVersion() + 1;
        r.setOrderedVersion(version);
        r.setOrderedSeq(seq + 2);
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
            final UserRecord r = store.users().acquire(id);
            r.setOrderedSyncedVersion(Math.max(r.getSyncedVersion(), version));
            current = r.getVersion();
        }
        else
        {
            final ChatRecord r = store.chats().acquire(id);
            r.setOrderedSyncedVersion(Math.max(r.getSyncedVersion(), version));
            current = r.getVersion();
        }
        if (current > version)
        {
            changeLog.offer(type, id);
        }
    }

    long syncedVersion(final RecordType type, final long id)
    {
        return type == RecordType.USER ?
            store.users().acquire(id).getSyncedVersion() : store.chats().acquire(id).getSyncedVersion();
    }

    long acksFor(final RecordType type, final long id)
    {
        return acks.stream().filter(a -> a.type() == type && a.id() == id).count();
    }
}

package io.ringbot.tools;

import io.ringbot.store.StateStore;
import io.ringbot.store.StoreContext;
import io.ringbot.store.record.ChatRecord;
import io.ringbot.store.record.UserRecord;
import io.ringbot.store.status.CountersFile;

import java.lang.invoke.VarHandle;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * A data folder as a running server leaves it: the store open (its lock held) and counters.dat, with
 * records written the way the engine writes them.
 */
final class TestDataFolder implements AutoCloseable
{
    static final long CAPACITY = 10_000;

    final Path dir;
    final StateStore store;
    final CountersFile counters;

    TestDataFolder(final Path dir)
    {
        this.dir = dir;
        this.store = StateStore.open(new StoreContext().dataDir(dir).usersCapacity(CAPACITY).chatsCapacity(1_000));
        this.counters = CountersFile.create(dir);
    }

    /**
     * Changes a user as the engine does: seq odd, fields, version + 1, seq even.
     */
    void writeUser(final long id, final Consumer<UserRecord> change)
    {
        final UserRecord record = store.users().acquire(id);
        record.setOrderedSeq(record.getSeq() + 1);
        VarHandle.storeStoreFence(); // the odd seq is visible before any field changes
        if (record.getId() == 0)
        {
            record.setId(id);
        }
        change.accept(record);
        record.setOrderedVersion(record.getVersion() + 1);
        record.setOrderedSeq(record.getSeq() + 1);
    }

    void writeChat(final long id, final Consumer<ChatRecord> change)
    {
        final ChatRecord record = store.chats().acquire(id);
        record.setOrderedSeq(record.getSeq() + 1);
        VarHandle.storeStoreFence();
        if (record.getId() == 0)
        {
            record.setId(id);
        }
        change.accept(record);
        record.setOrderedVersion(record.getVersion() + 1);
        record.setOrderedSeq(record.getSeq() + 1);
    }

    /** As the journal does when Firestore acknowledged the record's current version. */
    void markUserSynced(final long id)
    {
        final UserRecord record = store.users().acquire(id);
        record.setOrderedSyncedVersion(record.getVersion());
    }

    /**
     * Three users (1 and 2 pending, 3 synced) and one chat.
     */
    TestDataFolder withSampleRecords()
    {
        writeUser(1, u -> u.setFirstName("Ada"));
        writeUser(1, u -> u.setMessageCount(5));
        writeUser(2, u ->
        {
            u.setFirstName("Bob");
            u.setUsername("bob");
            u.setLanguageCode("en");
            u.setMessageCount(7);
        });
        writeUser(3, u ->
        {
            u.setFirstName("Cy \"quoted\" \u00e9");
            u.setMessageCount(7);
        });
        markUserSynced(3);
        writeChat(-100, c ->
        {
            c.setType("group");
            c.setTitle("Friends");
            c.setLikeCount(2);
        });
        return this;
    }

    public void close()
    {
        counters.close();
        store.close();
    }
}

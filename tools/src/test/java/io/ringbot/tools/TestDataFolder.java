package io.ringbot.tools;

import io.ringbot.store.StateStore;
import io.ringbot.store.StoreContext;
import io.ringbot.store.record.LongField;
import io.ringbot.store.record.Record;
import io.ringbot.store.record.RecordSchema;
import io.ringbot.store.record.StringField;
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

    /** A bot's user record, as the reference bot declares it; the tool learns it from the folder. */
    static final RecordSchema USERS = RecordSchema.named("users");
    static final StringField FIRST_NAME = USERS.stringField("firstName", 256);
    static final StringField LAST_NAME = USERS.stringField("lastName", 256);
    static final StringField USERNAME = USERS.stringField("username", 64);
    static final StringField LANGUAGE_CODE = USERS.stringField("languageCode", 40);
    static final LongField MESSAGE_COUNT = USERS.longField("messageCount");

    static final RecordSchema CHATS = RecordSchema.named("chats");
    static final StringField TYPE = CHATS.stringField("type", 16);
    static final StringField TITLE = CHATS.stringField("title", 512);
    static final LongField CHAT_MESSAGES = CHATS.longField("messageCount");
    static final LongField LIKES = CHATS.longField("likeCount");

    final Path dir;
    final StateStore store;
    final CountersFile counters;

    TestDataFolder(final Path dir)
    {
        this.dir = dir;
        this.store = StateStore.open(new StoreContext().userSchema(USERS).chatSchema(CHATS).dataDir(dir).usersCapacity(CAPACITY).chatsCapacity(1_000));
        this.counters = CountersFile.create(dir);
    }

    /**
     * Changes a user as the engine does: seq odd, fields, version + 1, seq even.
     */
    void writeUser(final long id, final Consumer<Record> change)
    {
        final Record record = store.users().acquire(id);
        record.orderedSeq(record.seq() + 1);
        VarHandle.storeStoreFence(); // the odd seq is visible before any field changes
        if (record.id() == 0)
        {
            record.id(id);
        }
        change.accept(record);
        record.orderedVersion(record.version() + 1);
        record.orderedSeq(record.seq() + 1);
    }

    void writeChat(final long id, final Consumer<Record> change)
    {
        final Record record = store.chats().acquire(id);
        record.orderedSeq(record.seq() + 1);
        VarHandle.storeStoreFence();
        if (record.id() == 0)
        {
            record.id(id);
        }
        change.accept(record);
        record.orderedVersion(record.version() + 1);
        record.orderedSeq(record.seq() + 1);
    }

    /** As the journal does when Firestore acknowledged the record's current version. */
    void markUserSynced(final long id)
    {
        final Record record = store.users().acquire(id);
        record.orderedSyncedVersion(record.version());
    }

    /**
     * Three users (1 and 2 pending, 3 synced) and one chat.
     */
    TestDataFolder withSampleRecords()
    {
        writeUser(1, u -> FIRST_NAME.set(u, "Ada"));
        writeUser(1, u -> MESSAGE_COUNT.set(u, 5));
        writeUser(2, u ->
        {
            FIRST_NAME.set(u, "Bob");
            USERNAME.set(u, "bob");
            LANGUAGE_CODE.set(u, "en");
            MESSAGE_COUNT.set(u, 7);
        });
        writeUser(3, u ->
        {
            FIRST_NAME.set(u, "Cy \"quoted\" \u00e9");
            MESSAGE_COUNT.set(u, 7);
        });
        markUserSynced(3);
        writeChat(-100, c ->
        {
            TYPE.set(c, "group");
            TITLE.set(c, "Friends");
            LIKES.set(c, 2);
        });
        return this;
    }

    public void close()
    {
        counters.close();
        store.close();
    }
}

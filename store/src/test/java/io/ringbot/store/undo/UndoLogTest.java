package io.ringbot.store.undo;

import io.ringbot.store.StateStore;
import io.ringbot.store.StoreContext;
import io.ringbot.store.record.LongField;
import io.ringbot.store.record.Record;
import io.ringbot.store.record.RecordSchema;
import io.ringbot.store.record.TestSchemas;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The undo log against a real store. A store closed while an update's log is set stands for a kill -9
 * there: the mapped pages are as the killed process left them, and the next open recovers.
 */
class UndoLogTest
{
    private static final long NOW = 1_700_000_000_000L;
    private static final long UPDATE_ID = 5_000;

    @TempDir
    Path dir;

    @Test
    void shouldPutBackTheRecordsOfAnUpdateThatWasNotMarked()
    {
        final long versionBefore;
        try (StateStore store = open())
        {
            versionBefore = seed(store, 1, 5);
            final UndoLog undo = store.undoLog();
            undo.begin(UPDATE_ID);
            final Record user = store.users().acquire(1);
            user.beginWrite();
            TestSchemas.MESSAGE_COUNT.set(user, 99);
            TestSchemas.USERNAME.set(user, "half-applied");
            final Record created = store.users().acquire(2);
            created.beginWrite();
            created.id(2);
            assertTrue(undo.isSet());
            assertEquals(2, undo.count());
        }
        try (StateStore store = open())
        {
            assertFalse(store.undoLog().isSet(), "recovered and cleared");
            final Record user = store.users().find(1);
            assertEquals(5, TestSchemas.MESSAGE_COUNT.get(user));
            assertEquals("user1", TestSchemas.USERNAME.get(user, new StringBuilder()).toString());
            assertEquals(1, user.id());
            assertEquals(0, user.seq() & 1, "the seqlock is closed");
            assertTrue(user.version() > versionBefore, "a version above the one Firestore may hold");
            assertEquals(versionBefore, user.syncedVersion());
            assertFalse(user.isSynced(), "pending for the journal");
            assertNull(store.users().find(2), "a record the update created and never closed is removed");
        }
    }

    @Test
    void shouldKeepTheChangesOfAnUpdateThatWasMarked()
    {
        try (StateStore store = open())
        {
            seed(store, 1, 5);
            store.undoLog().begin(UPDATE_ID);
            final Record user = store.users().acquire(1);
            user.beginWrite();
            TestSchemas.MESSAGE_COUNT.set(user, 6);
            user.endWrite();
            store.updateIds().markApplied(UPDATE_ID, NOW);
        }
        try (StateStore store = open())
        {
            assertFalse(store.undoLog().isSet());
            final Record user = store.users().find(1);
            assertEquals(6, TestSchemas.MESSAGE_COUNT.get(user));
            assertEquals(2, user.version(), "untouched by the recovery");
        }
    }

    @Test
    void shouldResetACreatedRecordWhoseChangeWasClosed()
    {
        try (StateStore store = open())
        {
            store.undoLog().begin(UPDATE_ID);
            final Record created = store.users().acquire(3);
            created.beginWrite();
            created.id(3);
            TestSchemas.MESSAGE_COUNT.set(created, 42);
            created.endWrite();
        }
        try (StateStore store = open())
        {
            final Record record = store.users().find(3);
            assertNotNull(record, "the journal may have written it: it stays, to be written again");
            assertEquals(0, record.id(), "unclaimed: the redelivery claims it as new");
            assertEquals(0, TestSchemas.MESSAGE_COUNT.get(record), "the field's default");
            assertTrue(record.version() > 1);
            assertFalse(record.isSynced());
            assertEquals(0, record.seq() & 1);
        }
    }

    @Test
    void shouldLogEachRecordOnceAndNothingOutsideAnUpdate()
    {
        try (StateStore store = open())
        {
            seed(store, 1, 5);
            final UndoLog undo = store.undoLog();
            store.users().acquire(1);
            assertEquals(0, undo.count(), "no update, no logging");
            undo.begin(UPDATE_ID);
            store.users().acquire(1);
            store.users().find(1);
            store.users().acquire(1);
            store.chats().acquire(1);
            assertNull(store.users().find(77), "absent and not created: nothing to log");
            assertEquals(2, undo.count(), "the user once, the chat of the same id once");
            store.updateIds().markApplied(UPDATE_ID, NOW);
            undo.clear();
            assertFalse(undo.isSet());
            store.users().acquire(9);
            assertEquals(0, undo.count());
        }
    }

    @Test
    void shouldFailAnUpdateThatUsesMoreRecordsThanTheLogHolds()
    {
        try (StateStore store = open())
        {
            final UndoLog undo = store.undoLog();
            undo.begin(UPDATE_ID);
            for (long id = 1; id <= undo.capacity(); id++)
            {
                store.users().acquire(id);
            }
            final UndoLogFullException full = assertThrows(UndoLogFullException.class, () -> store.users().acquire(1_000));
            assertTrue(full.getMessage().contains("at most " + UndoLog.DEFAULT_CAPACITY + " records"), full.getMessage());
            assertEquals(1, undo.overflows());
            assertEquals(undo.capacity(), undo.count(), "the log did not grow");
            store.users().acquire(1);
        }
        try (StateStore store = open())
        {
            for (long id = 1; id <= UndoLog.DEFAULT_CAPACITY; id++)
            {
                assertNull(store.users().find(id), "record " + id);
            }
            assertNotNull(store.users().find(1_000), "created before the log refused it: an unclaimed record at defaults");
            assertEquals(0, store.users().find(1_000).id());
        }
    }

    @Test
    void shouldRefuseADamagedLogWithWhatToDo() throws Exception
    {
        try (StateStore store = open())
        {
            seed(store, 1, 5);
        }
        final Path file = dir.resolve(StateStore.UNDO_FILE);
        final byte[] bytes = Files.readAllBytes(file);
        bytes[0] ^= 0x55;
        Files.write(file, bytes);
        final IllegalStateException badMagic = assertThrows(IllegalStateException.class, this::open);
        assertTrue(badMagic.getMessage().contains("undo log") && badMagic.getMessage().contains("magic") &&
            badMagic.getMessage().contains("Delete the file"), badMagic.getMessage());

        Files.write(file, Arrays.copyOf(bytes, 10));
        final IllegalStateException tooShort = assertThrows(IllegalStateException.class, this::open);
        assertTrue(tooShort.getMessage().contains("shorter than its 64-byte header"), tooShort.getMessage());

        bytes[0] ^= 0x55;
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 8));
        final IllegalStateException cut = assertThrows(IllegalStateException.class, this::open);
        assertTrue(cut.getMessage().contains("its header says"), cut.getMessage());

        Files.write(file, new byte[20]);
        try (StateStore store = open())
        {
            assertFalse(store.undoLog().isSet(), "an all-zero file is a creation a crash cut short: made again");
            assertEquals(5, TestSchemas.MESSAGE_COUNT.get(store.users().find(1)));
        }
    }

    @Test
    void shouldRefuseAnEntryOfAnotherLayoutWithWhatToDo() throws Exception
    {
        try (StateStore store = open())
        {
            seed(store, 1, 5);
            store.undoLog().begin(UPDATE_ID);
            store.users().acquire(1);
        }
        final Path file = dir.resolve(StateStore.UNDO_FILE);
        final byte[] bytes = Files.readAllBytes(file);
        bytes[UndoLog.HEADER_BYTES + UndoLog.ENTRY_LAYOUT_OFFSET] ^= 1;
        Files.write(file, bytes);
        final IllegalStateException changed = assertThrows(IllegalStateException.class, this::open);
        assertTrue(changed.getMessage().contains("in a layout other than the store's") &&
            changed.getMessage().contains("Delete the file"), changed.getMessage());
        assertTrue(Files.exists(file), "kept: the decision is the operator's");
    }

    @Test
    void shouldPutBackInTheRecordedLayoutBeforeAMigration()
    {
        final long versionBefore;
        try (StateStore store = open())
        {
            versionBefore = seed(store, 1, 5);
            store.undoLog().begin(UPDATE_ID);
            final Record user = store.users().acquire(1);
            user.beginWrite();
            TestSchemas.MESSAGE_COUNT.set(user, 99);
            user.endWrite();
            store.users().acquire(2).id(2);
        }
        final RecordSchema widened = RecordSchema.named("users");
        widened.stringField("firstName", 256);
        widened.stringField("lastName", 256);
        widened.stringField("username", 64);
        widened.stringField("languageCode", 40);
        final LongField count = widened.longField("messageCount");
        final LongField added = widened.longField("score").defaultValue(7);
        try (StateStore store = StateStore.open(new StoreContext().userSchema(widened).chatSchema(TestSchemas.CHATS)
            .dataDir(dir).usersCapacity(1_000)))
        {
            assertFalse(store.undoLog().isSet());
            final Record user = store.users().find(1);
            assertEquals(5, count.get(user), "put back, then migrated");
            assertEquals(7, added.get(user));
            assertEquals(1, user.id());
            assertTrue(user.version() > versionBefore);
            assertFalse(user.isSynced());
            assertNull(store.users().find(2));
        }
    }

    private StateStore open()
    {
        return StateStore.open(new StoreContext().userSchema(TestSchemas.USERS).chatSchema(TestSchemas.CHATS)
            .dataDir(dir).usersCapacity(1_000));
    }

    /** A claimed record Firestore holds (version == synced). */
    private static long seed(final StateStore store, final long id, final long count)
    {
        final Record user = store.users().acquire(id);
        user.beginWrite();
        user.id(id);
        TestSchemas.MESSAGE_COUNT.set(user, count);
        TestSchemas.USERNAME.set(user, "user" + id);
        final long version = user.endWrite();
        user.orderedSyncedVersion(version);
        return version;
    }
}

package io.ringbot.store;

import io.ringbot.store.record.LongField;
import io.ringbot.store.record.Record;
import io.ringbot.store.record.RecordSchema;
import io.ringbot.store.record.StringField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The checks a data folder passes before anything in it changes, on real Chronicle Map files: the bot
 * that made it, changes that drop data, files that cannot be read as their layout.
 */
class DataFolderCheckTest
{
    private static final int RECORDS = 50;

    /** The reference-like bot's users: a name and a count. */
    private static final RecordSchema USERS = RecordSchema.named("users");
    private static final StringField FIRST_NAME = USERS.stringField("firstName", 32);
    private static final LongField COUNT = USERS.longField("messageCount");
    private static final LongField BALANCE = USERS.longField("balance");

    /** The same bot without firstName and messageCount. */
    private static final RecordSchema SLIM = RecordSchema.named("users");
    private static final LongField SLIM_BALANCE = SLIM.longField("balance");

    /** The name narrowed: text that does not fit is cut when DROP_FIELDS allows it. */
    private static final RecordSchema NARROW = RecordSchema.named("users");
    private static final StringField NARROW_NAME = NARROW.stringField("firstName", 4);
    private static final LongField NARROW_COUNT = NARROW.longField("messageCount");
    private static final LongField NARROW_BALANCE = NARROW.longField("balance");

    private static final RecordSchema ORDERS = RecordSchema.named("orders");
    private static final LongField AMOUNT = ORDERS.longField("amount");

    @TempDir
    Path dir;

    @Test
    void shouldRefuseAnotherBotsFolderLeavingItIntactThenLetItsBotCountOn() throws Exception
    {
        write(context("counter", USERS));
        assertTrue(Files.readString(dir.resolve(FolderOwner.FILE)).contains("\"counter\""));
        final Map<String, byte[]> before = files();

        final DataFolderRefusedException refused = assertThrows(DataFolderRefusedException.class,
            () -> StateStore.open(context("com.example.MyBot", SLIM)));

        final String message = refused.getMessage();
        assertTrue(message.contains("belongs to bot 'counter', this is bot 'com.example.MyBot'"), message);
        assertTrue(message.contains(dir.toAbsolutePath().normalize().toString()), message);
        assertSameFiles(before, files());
        try (StateStore store = StateStore.open(context("counter", USERS)))
        {
            assertEquals(RECORDS, store.users().size());
            final Record r = store.users().find(7);
            assertEquals(7, COUNT.get(r));
            assertEquals("user7", FIRST_NAME.get(r, new StringBuilder()).toString());
            r.beginWrite();
            COUNT.set(r, COUNT.get(r) + 1);
            r.endWrite();
        }
        try (StateStore store = StateStore.open(context("counter", USERS)))
        {
            assertEquals(8, COUNT.get(store.users().find(7)), "the first bot counts on");
        }
    }

    @Test
    void shouldLetTheFirstBotAdoptAFolderFromBeforeBotsWereRecorded() throws Exception
    {
        write(context(null, USERS));
        assertFalse(Files.exists(dir.resolve(FolderOwner.FILE)), "no bot, nothing recorded");

        try (StateStore store = StateStore.open(context("counter", USERS)))
        {
            assertEquals(RECORDS, store.users().size());
        }
        assertEquals("counter", FolderOwner.recorded(dir));
        assertThrows(DataFolderRefusedException.class, () -> StateStore.open(context("other", USERS)));
    }

    @Test
    void shouldRefuseARemovedFieldNamingEachAndTheSettingThenMigrateWithIt() throws Exception
    {
        write(context("counter", USERS));
        final Map<String, byte[]> before = files();

        final DataFolderRefusedException refused = assertThrows(DataFolderRefusedException.class,
            () -> StateStore.open(context("counter", SLIM)));

        final String message = refused.getMessage();
        assertTrue(message.contains("users.firstName: field 'firstName' was removed"), message);
        assertTrue(message.contains("users.messageCount: field 'messageCount' was removed"), message);
        assertTrue(message.contains("DROP_FIELDS=users.firstName,users.messageCount (or --drop-fields " +
            "users.firstName,users.messageCount)"), message);
        assertTrue(message.contains("Firestore journaling is off: this folder is the only copy"), message);
        assertSameFiles(before, files());

        final DataFolderRefusedException journaled = assertThrows(DataFolderRefusedException.class,
            () -> StateStore.open(context("counter", SLIM).firestoreJournal(true)));
        assertTrue(journaled.getMessage().contains("Firestore journaling is on: the documents keep these fields"),
            journaled.getMessage());

        final DataFolderRefusedException partly = assertThrows(DataFolderRefusedException.class,
            () -> StateStore.open(context("counter", SLIM).dropFields("users.firstName")));
        assertFalse(partly.getMessage().contains("users.firstName: "), "allowed: " + partly.getMessage());
        assertTrue(partly.getMessage().contains("DROP_FIELDS=users.firstName,users.messageCount"), partly.getMessage());
        assertSameFiles(before, files());

        try (StateStore store = StateStore.open(context("counter", SLIM).dropFields("users.firstName,users.messageCount")))
        {
            assertEquals(RECORDS, store.users().size());
            for (int id = 1; id <= RECORDS; id++)
            {
                assertEquals(1_000L * id, SLIM_BALANCE.get(store.users().find(id)), "a kept field keeps its value");
            }
        }
        assertEquals(SLIM.toJson(), Files.readString(StateStore.schemaFile(dir, "users")));
        try (StateStore store = StateStore.open(context("counter", SLIM)))
        {
            assertEquals(RECORDS, store.users().size(), "migrated: the setting is no longer needed");
        }
    }

    @Test
    void shouldTreatANarrowingAsADropAndCutTheTextWhenAllowed() throws Exception
    {
        write(context("counter", USERS));

        final DataFolderRefusedException refused = assertThrows(DataFolderRefusedException.class,
            () -> StateStore.open(context("counter", NARROW)));
        assertTrue(refused.getMessage().contains("users.firstName: field 'firstName' narrows from 32 to 4 bytes"),
            refused.getMessage());
        assertTrue(refused.getMessage().contains("DROP_FIELDS=users.firstName "), refused.getMessage());

        try (StateStore store = StateStore.open(context("counter", NARROW).dropFields("users.firstName")))
        {
            final Record r = store.users().find(7);
            assertEquals("user", NARROW_NAME.get(r, new StringBuilder()).toString());
            assertEquals(7, NARROW_COUNT.get(r));
            assertEquals(7_000, NARROW_BALANCE.get(r));
        }
    }

    @Test
    void shouldRefuseARemovedRecordTypeThenDeleteItWithTheSetting() throws Exception
    {
        try (StateStore store = StateStore.open(context("shop", USERS).furtherSchemas(java.util.List.of(ORDERS))))
        {
            final Record order = store.table(store.types()[2]).acquire(12);
            order.beginWrite();
            order.id(12);
            AMOUNT.set(order, 300);
            order.endWrite();
        }
        final Map<String, byte[]> before = files();

        final DataFolderRefusedException refused = assertThrows(DataFolderRefusedException.class,
            () -> StateStore.open(context("shop", USERS)));

        assertTrue(refused.getMessage().contains("orders: a record type the bot no longer declares"), refused.getMessage());
        assertTrue(refused.getMessage().contains("DROP_FIELDS=orders "), refused.getMessage());
        assertSameFiles(before, files());

        try (StateStore store = StateStore.open(context("shop", USERS).dropFields("orders")))
        {
            assertEquals(2, store.tables().length);
        }
        assertFalse(Files.exists(StateStore.mapFile(dir, "orders")));
        assertFalse(Files.exists(StateStore.schemaFile(dir, "orders")));
        assertFalse(Files.exists(dir.resolve("orders" + SchemaMigration.COMMIT_SUFFIX)));
    }

    @Test
    void shouldRefuseADamagedOrForeignLayoutAndLeaveItAsItIs() throws Exception
    {
        write(context("counter", USERS));
        final Path layout = StateStore.schemaFile(dir, "users");
        Files.writeString(layout, "{\"name\":\"users\",\"size\":");
        final Map<String, byte[]> before = files();

        final DataFolderRefusedException damaged = assertThrows(DataFolderRefusedException.class,
            () -> StateStore.open(context("counter", USERS)));

        assertTrue(damaged.getMessage().contains(layout + " cannot be read as the layout of users.cm3"), damaged.getMessage());
        assertTrue(damaged.getMessage().contains("Put the file back"), damaged.getMessage());
        assertSameFiles(before, files());

        Files.copy(StateStore.schemaFile(dir, "chats"), layout, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        final DataFolderRefusedException foreign = assertThrows(DataFolderRefusedException.class,
            () -> StateStore.open(context("counter", USERS)));
        assertTrue(foreign.getMessage().contains("it is the layout of 'chats', not of 'users'"), foreign.getMessage());
        assertEquals(Files.readString(StateStore.schemaFile(dir, "chats")), Files.readString(layout));
    }

    @Test
    void shouldRefuseAStoreFileMissingAndAStoreFileWithoutItsLayoutCreatingNothing() throws Exception
    {
        write(context("counter", USERS));
        final Path map = StateStore.mapFile(dir, "users");
        final Path layout = StateStore.schemaFile(dir, "users");
        final Path moved = dir.resolveSibling(dir.getFileName() + "-users.cm3");
        Files.move(map, moved);

        final DataFolderRefusedException missing = assertThrows(DataFolderRefusedException.class,
            () -> StateStore.open(context("counter", USERS)));

        assertTrue(missing.getMessage().contains("users.cm3 is missing: ringbot will not create an empty one"),
            missing.getMessage());
        assertFalse(Files.exists(map), "nothing created over it");

        Files.move(moved, map);
        final byte[] layoutBytes = Files.readAllBytes(layout);
        Files.delete(layout);
        final DataFolderRefusedException noLayout = assertThrows(DataFolderRefusedException.class,
            () -> StateStore.open(context("counter", USERS)));
        assertTrue(noLayout.getMessage().contains("has no users.schema.json beside it"), noLayout.getMessage());
        assertFalse(Files.exists(layout), "no layout guessed");

        Files.write(layout, layoutBytes);
        try (StateStore store = StateStore.open(context("counter", USERS)))
        {
            assertEquals(RECORDS, store.users().size(), "whole again once the files are back");
        }
    }

    @Test
    void shouldCreateAgainARecordTypeWhoseCreationACrashInterrupted() throws Exception
    {
        write(context("counter", USERS));
        // as a kill -9 between the marker and the layout leaves them: the marker and a map, no layout
        try (StateStore store = StateStore.open(context("counter", USERS).furtherSchemas(java.util.List.of(ORDERS))))
        {
            assertEquals(3, store.tables().length);
        }
        Files.delete(StateStore.schemaFile(dir, "orders"));
        Files.writeString(dir.resolve("orders" + SchemaMigration.CREATING_SUFFIX), "creating orders");

        try (StateStore store = StateStore.open(context("counter", USERS).furtherSchemas(java.util.List.of(ORDERS))))
        {
            assertEquals(0, store.table(store.types()[2]).size());
            assertEquals(RECORDS, store.users().size());
        }
        assertEquals(ORDERS.toJson(), Files.readString(StateStore.schemaFile(dir, "orders")));
        assertFalse(Files.exists(dir.resolve("orders" + SchemaMigration.CREATING_SUFFIX)));
    }

    @Test
    void shouldRefuseADropFieldsEntryThatIsNeitherATypeNorAField()
    {
        final IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
            () -> context("counter", USERS).dropFields("users.firstName, users.first name").conclude());
        assertTrue(bad.getMessage().contains("DROP_FIELDS takes comma-separated record types and fields"), bad.getMessage());
        assertTrue(bad.getMessage().contains("\"users.first name\""), bad.getMessage());
        assertEquals(java.util.List.of("users.firstName", "orders"),
            java.util.List.copyOf(StoreContext.parseDropFields(" users.firstName,,orders ")));
    }

    private StoreContext context(final String bot, final RecordSchema users)
    {
        return new StoreContext().dataDir(dir).usersCapacity(1_000).userSchema(users).botName(bot);
    }

    private void write(final StoreContext ctx)
    {
        try (StateStore store = StateStore.open(ctx))
        {
            for (int id = 1; id <= RECORDS; id++)
            {
                final Record r = store.users().acquire(id);
                r.beginWrite();
                r.id(id);
                FIRST_NAME.set(r, "user" + id);
                COUNT.set(r, id);
                BALANCE.set(r, 1_000L * id);
                r.endWrite();
            }
        }
    }

    private Map<String, byte[]> files() throws IOException
    {
        final Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> list = Files.list(dir))
        {
            for (final Path f : (Iterable<Path>)list::iterator)
            {
                files.put(f.getFileName().toString(), Files.readAllBytes(f));
            }
        }
        return files;
    }

    private static void assertSameFiles(final Map<String, byte[]> before, final Map<String, byte[]> after)
    {
        assertEquals(before.keySet(), after.keySet(), "no file added or removed");
        for (final Map.Entry<String, byte[]> e : before.entrySet())
        {
            assertTrue(Arrays.equals(e.getValue(), after.get(e.getKey())), e.getKey() + " changed");
        }
    }
}

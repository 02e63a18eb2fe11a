package io.ringbot.store;

import io.ringbot.store.record.Record;
import io.ringbot.store.record.RecordMaps;
import io.ringbot.store.record.RecordTable;
import io.ringbot.store.record.TableFullException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.ringbot.store.MigrationSchemas.V1;
import static io.ringbot.store.MigrationSchemas.V1_BALANCE;
import static io.ringbot.store.MigrationSchemas.V1_NICK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A table whose file is laid out for fewer records than USERS_CAPACITY is resized at start (real Chronicle Map
 * files); a crash during the resize is finished by the next start; a lowered capacity drops nothing.
 */
class TableResizeTest
{
    private static final int SMALL = 100;
    private static final int LARGE = 1_000;

    @TempDir
    Path dir;

    @Test
    void shouldResizeAFullTableWhenTheCapacityGrows() throws Exception
    {
        fill(SMALL, SMALL);
        assertTrue(room() < LARGE, "the file is laid out for fewer than " + LARGE + " records: " + room());

        try (StateStore store = StateStore.open(context(LARGE)))
        {
            final RecordTable users = store.users();
            assertEquals(SMALL, users.size());
            assertEquals(LARGE, users.capacity());
            assertHeld(users, SMALL);
            for (int id = SMALL + 1; id <= LARGE; id++)
            {
                write(users.acquire(id), id);
            }
            assertTrue(users.full());
            assertNull(users.tryAcquire(LARGE + 1));
        }
        assertTrue(room() >= LARGE, "the file is laid out for the new capacity: " + room());
        assertNoMigrationLeft();
        try (StateStore store = StateStore.open(context(LARGE)))
        {
            assertEquals(LARGE, store.users().size());
            assertHeld(store.users(), LARGE);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5})
    void shouldFinishAResizeACrashInterrupted(final int step) throws Exception
    {
        fill(SMALL, SMALL);
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (final String arg : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (arg.startsWith("--add-") || arg.startsWith("-Dchronicle"))
            {
                command.add(arg);
            }
        }
        command.add("-D" + SchemaMigration.CRASH_AT_PROPERTY + "=" + step);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(MigrationCrashChild.class.getName());
        command.add(dir.toString());
        command.add(Integer.toString(LARGE));
        final Process child = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(dir.resolveSibling("resize-child-" + step + ".log").toFile()).start();
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the child ended");
        assertEquals(137, child.exitValue(), "halted at step " + step);

        try (StateStore store = StateStore.open(context(LARGE)))
        {
            final RecordTable users = store.users();
            assertEquals(SMALL, users.size());
            assertHeld(users, SMALL);
            for (int id = SMALL + 1; id <= LARGE; id++)
            {
                write(users.acquire(id), id);
            }
            assertNull(users.tryAcquire(LARGE + 1));
        }
        assertNoMigrationLeft();
    }

    @Test
    void shouldKeepEveryRecordWhenTheCapacityIsLowered() throws Exception
    {
        fill(LARGE, 2 * SMALL);
        final long room = room();

        try (StateStore store = StateStore.open(context(SMALL)))
        {
            final RecordTable users = store.users();
            assertEquals(2 * SMALL, users.size());
            assertHeld(users, 2 * SMALL);
            assertNotNull(users.tryAcquire(7), "a record it holds is still used");
            assertNull(users.tryAcquire(2 * SMALL + 1), "no new record past the capacity");
        }
        assertEquals(room, room(), "the file keeps its layout");
        try (StateStore store = StateStore.open(context(LARGE)))
        {
            assertHeld(store.users(), 2 * SMALL);
            write(store.users().acquire(2 * SMALL + 1), 2 * SMALL + 1);
        }
    }

    private void fill(final long capacity, final int records)
    {
        try (StateStore store = StateStore.open(context(capacity)))
        {
            final RecordTable users = store.users();
            for (int id = 1; id <= records; id++)
            {
                write(users.acquire(id), id);
            }
            if (records == capacity)
            {
                assertNull(users.tryAcquire(records + 1));
                assertThrows(TableFullException.class, () -> users.acquire(records + 1));
                assertEquals(records, users.size());
            }
        }
    }

    private static void write(final Record r, final long id)
    {
        r.beginWrite();
        r.id(id);
        r.lastSeenMillis(1_700_000_000_000L + id);
        V1_BALANCE.set(r, 1_000_000_000L + id);
        V1_NICK.set(r, "n" + id);
        r.endWrite();
        r.orderedSyncedVersion(id % 2 == 0 ? r.version() : 0); // some synced, others with a change Firestore lacks
    }

    private static void assertHeld(final RecordTable users, final int records)
    {
        for (int id = 1; id <= records; id++)
        {
            final Record r = users.find(id);
            assertNotNull(r, "record " + id);
            assertEquals(id, r.id());
            assertEquals(1_700_000_000_000L + id, r.lastSeenMillis());
            assertEquals(1_000_000_000L + id, V1_BALANCE.get(r));
            assertEquals("n" + id, V1_NICK.value(r));
            assertEquals(1, r.version(), "record " + id);
            assertEquals(id % 2 == 0 ? 1 : 0, r.syncedVersion(), "record " + id);
        }
        assertFalse(users.contains(records + 1L));
    }

    private long room() throws Exception
    {
        return RecordMaps.room(V1.seal(), StateStore.mapFile(dir, "users").toFile());
    }

    private void assertNoMigrationLeft()
    {
        assertFalse(Files.exists(dir.resolve("users" + SchemaMigration.COMMIT_SUFFIX)));
        assertFalse(Files.exists(dir.resolve("users.cm3" + SchemaMigration.MIGRATING_SUFFIX)));
        assertFalse(Files.exists(dir.resolve("users.schema.json" + SchemaMigration.MIGRATING_SUFFIX)));
    }

    private StoreContext context(final long capacity)
    {
        return MigrationSchemas.context(dir, V1).usersCapacity(capacity);
    }
}

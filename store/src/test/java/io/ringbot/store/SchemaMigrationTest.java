package io.ringbot.store;

import io.ringbot.store.record.Record;
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

import static io.ringbot.store.MigrationSchemas.NARROW;
import static io.ringbot.store.MigrationSchemas.V1;
import static io.ringbot.store.MigrationSchemas.V1_BALANCE;
import static io.ringbot.store.MigrationSchemas.V1_LEVEL;
import static io.ringbot.store.MigrationSchemas.V1_NICK;
import static io.ringbot.store.MigrationSchemas.V1_OLD;
import static io.ringbot.store.MigrationSchemas.V1_STEP;
import static io.ringbot.store.MigrationSchemas.V2;
import static io.ringbot.store.MigrationSchemas.V2_BALANCE;
import static io.ringbot.store.MigrationSchemas.V2_LEVEL;
import static io.ringbot.store.MigrationSchemas.V2_NICK;
import static io.ringbot.store.MigrationSchemas.V2_STEP;
import static io.ringbot.store.MigrationSchemas.V2_VIP;
import static io.ringbot.store.MigrationSchemas.context;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SchemaMigrationTest
{
    private static final int RECORDS = 200;

    @TempDir
    Path dir;

    @Test
    void shouldMigrateEveryKindOfCompatibleChangeKeepingUnsyncedChanges() throws Exception
    {
        writeV1();

        try (StateStore store = StateStore.open(context(dir, V2)))
        {
            assertEquals(RECORDS, store.users().size());
            for (int id = 1; id <= RECORDS; id++)
            {
                assertV2(store.users().find(id), id);
            }
        }
        assertEquals(V2.toJson(), Files.readString(StateStore.schemaFile(dir, "users")), "the new layout is recorded");
        assertFalse(Files.exists(dir.resolve("users" + SchemaMigration.COMMIT_SUFFIX)));
        assertFalse(Files.exists(dir.resolve("users.cm3" + SchemaMigration.MIGRATING_SUFFIX)));
        try (StateStore store = StateStore.open(context(dir, V2)))
        {
            assertV2(store.users().find(7), 7);
        }
    }

    @Test
    void shouldRefuseANarrowingNamingTheFieldAndChangeNothing() throws Exception
    {
        writeV1();
        final String before = Files.readString(StateStore.schemaFile(dir, "users"));

        final DataFolderRefusedException refused =
            assertThrows(DataFolderRefusedException.class, () -> StateStore.open(context(dir, NARROW)));

        assertTrue(refused.getMessage().contains("users.nick: field 'nick' narrows from 8 to 4 bytes"), refused.getMessage());
        assertTrue(refused.getMessage().contains("DROP_FIELDS=users.nick,users.step,users.old"), refused.getMessage());
        assertEquals(before, Files.readString(StateStore.schemaFile(dir, "users")));
        try (StateStore store = StateStore.open(context(dir, V1)))
        {
            assertEquals(RECORDS, store.users().size(), "the folder still opens with its own layout");
        }
    }

    @Test
    void shouldRefuseAnIncompatibleTypeChange()
    {
        writeV1();
        final io.ringbot.store.record.RecordSchema toInt = io.ringbot.store.record.RecordSchema.named("users");
        toInt.intField("balance");
        final DataFolderRefusedException refused =
            assertThrows(DataFolderRefusedException.class, () -> StateStore.open(context(dir, toInt)));
        assertTrue(refused.getMessage().contains("field 'balance' changes from long to int"), refused.getMessage());
    }

    /** kill -9 (a halt) after each step of the migration, then a start that opens with every record intact. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5})
    void shouldOpenWholeAfterACrashAtAnyStep(final int step) throws Exception
    {
        writeV1();
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
        final Process child = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(dir.resolveSibling("child-" + step + ".log").toFile()).start();
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the child ended");
        assertEquals(137, child.exitValue(), "halted at step " + step);

        if (step < 3)
        {
            // not committed: the old files are untouched and still open with the old layout
            try (StateStore store = StateStore.open(context(dir, V1)))
            {
                assertEquals(RECORDS, store.users().size());
                assertEquals(1_000_000_005L, V1_BALANCE.get(store.users().find(5)));
            }
        }
        try (StateStore store = StateStore.open(context(dir, V2)))
        {
            assertEquals(RECORDS, store.users().size());
            for (int id = 1; id <= RECORDS; id++)
            {
                assertV2(store.users().find(id), id);
            }
        }
        assertEquals(V2.toJson(), Files.readString(StateStore.schemaFile(dir, "users")));
    }

    private void writeV1()
    {
        try (StateStore store = StateStore.open(context(dir, V1)))
        {
            for (int id = 1; id <= RECORDS; id++)
            {
                final Record r = store.users().acquire(id);
                r.beginWrite();
                r.id(id);
                r.lastSeenMillis(1_700_000_000_000L + id);
                V1_BALANCE.set(r, 1_000_000_000L + id);
                V1_LEVEL.set(r, -id);
                V1_NICK.set(r, "n\u00e9" + id);
                V1_STEP.set(r, id % 2 == 0 ? MigrationSchemas.Step1.ASKED : MigrationSchemas.Step1.NONE);
                V1_OLD.set(r, 42);
                r.endWrite();
                r.beginWrite();
                r.endWrite();
                r.orderedSyncedVersion(id % 3 == 0 ? 2 : 1); // some synced, others with a change Firestore lacks
            }
        }
    }

    private static void assertV2(final Record r, final int id)
    {
        assertEquals(id, r.id());
        assertEquals(0, r.seq() & 1);
        assertEquals(2, r.version(), "user " + id);
        assertEquals(id % 3 == 0 ? 2 : 1, r.syncedVersion(), "an unacknowledged change stays pending");
        assertEquals(1_700_000_000_000L + id, r.lastSeenMillis());
        assertEquals(1_000_000_000L + id, V2_BALANCE.get(r));
        assertEquals(-id, V2_LEVEL.get(r));
        assertEquals("n\u00e9" + id, V2_NICK.get(r, new StringBuilder()).toString());
        assertEquals(id % 2 == 0 ? MigrationSchemas.Step2.ASKED : MigrationSchemas.Step2.NONE, V2_STEP.get(r));
        assertTrue(V2_VIP.get(r), "an added field takes its default");
    }
}

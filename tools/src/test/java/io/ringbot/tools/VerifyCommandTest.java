package io.ringbot.tools;

import io.ringbot.store.StateStore;
import io.ringbot.store.record.Record;
import io.ringbot.store.status.CountersFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VerifyCommandTest
{
    @TempDir
    Path dir;

    @Test
    void shouldPassOnGoodFiles()
    {
        try (TestDataFolder folder = new TestDataFolder(dir).withSampleRecords())
        {
            final ToolRun run = ToolRun.inspect(folder.dir, "verify");

            assertEquals(0, run.exitCode(), run::toString);
            assertTrue(run.out().contains("ok    users.cm3: opens, 3 records"), run::toString);
            assertTrue(run.out().contains("ok    counters.dat: magic and layout right"), run::toString);
            assertTrue(run.out().contains("ok    update-ids.window: size and magic right"), run::toString);
            assertTrue(run.out().contains("verify: all checks passed"), run::toString);
        }
    }

    @Test
    void shouldReportWriteInterruptedByCrash()
    {
        try (TestDataFolder folder = new TestDataFolder(dir).withSampleRecords())
        {
            // The engine died between opening a change (seq odd) and closing it.
            final Record record = folder.store.users().acquire(2);
            record.orderedSeq(record.seq() + 1);
            TestDataFolder.MESSAGE_COUNT.set(record, 8);
        }

        final ToolRun run = ToolRun.inspect(dir, "verify");

        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.out().contains("FAIL  users.cm3: 1 record(s) with an odd seq"), run::toString);
        assertTrue(run.out().contains(": 2 (seq 3)"), run::toString);
        final ToolRun get = ToolRun.inspect(dir, "get", "user", "2");
        assertEquals(1, get.exitCode(), get::toString);
        assertTrue(get.err().contains("odd seq"), get::toString);
    }

    @Test
    void shouldReportIdThatDiffersFromKeyAndVersionBelowSynced()
    {
        try (TestDataFolder folder = new TestDataFolder(dir).withSampleRecords())
        {
            folder.writeUser(1, u -> u.id(11));
            folder.writeUser(3, u -> u.orderedSyncedVersion(99));
        }

        final ToolRun run = ToolRun.inspect(dir, "verify");

        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.out().contains("whose id differs from the key: 1 (holds id 11)"), run::toString);
        assertTrue(run.out().contains("with version below syncedVersion: 3"), run::toString);
    }

    @Test
    void shouldReportDamagedCountersAndWindowFiles() throws Exception
    {
        new TestDataFolder(dir).withSampleRecords().close();
        try (RandomAccessFile counters = new RandomAccessFile(dir.resolve(CountersFile.FILE_NAME).toFile(), "rw");
            RandomAccessFile window = new RandomAccessFile(dir.resolve(StateStore.DEDUP_FILE).toFile(), "rw"))
        {
            counters.writeInt(0xdeadbeef);
            window.setLength(100);
        }

        final ToolRun run = ToolRun.inspect(dir, "verify");

        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.out().contains("FAIL  counters.dat: wrong magic"), run::toString);
        assertTrue(run.out().contains("FAIL  update-ids.window: length 100 bytes"), run::toString);
        assertTrue(run.out().contains("ok    users.cm3: every seq even"), run::toString);
    }
}

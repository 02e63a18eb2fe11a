package io.ringbot.tools;

import io.ringbot.store.FolderOwner;
import io.ringbot.store.StateStore;
import io.ringbot.store.status.RingbotCounter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatsCommandTest
{
    @TempDir
    Path dir;

    @Test
    void shouldReportEntriesCapacityPendingAndRunningServer()
    {
        try (TestDataFolder folder = new TestDataFolder(dir).withSampleRecords())
        {
            folder.counters.counter(RingbotCounter.JOURNAL_OLDEST_PENDING_MS).set(1500);

            final ToolRun run = ToolRun.inspect(dir, "stats");

            assertEquals(0, run.exitCode(), run::toString);
            final String out = run.out();
            assertTrue(out.contains("server:     running"), run::toString);
            assertTrue(out.contains("users:      entries=3 "), run::toString);
            assertTrue(out.contains("chats:      entries=1 "), run::toString);
            assertTrue(out.contains("pending=2"), run::toString);
            assertTrue(out.contains("journal:    pending=3 records; oldest pending change 1500 ms old"), run::toString);
            final long capacity = Long.parseLong(out.replaceAll("(?s).*users: +entries=3 capacity=(\\d+).*", "$1"));
            assertTrue(capacity >= TestDataFolder.CAPACITY && capacity < 2 * TestDataFolder.CAPACITY, run::toString);
            assertTrue(out.contains("update-ids: none applied yet"), run::toString);
        }
    }

    @Test
    void shouldReadFilesOfServerThatCrashed() throws Exception
    {
        try (TestDataFolder folder = new TestDataFolder(dir).withSampleRecords())
        {
            folder.store.updateIds().markApplied(77, System.currentTimeMillis());
        }
        // A crashed server leaves its marker behind (a clean close deletes it).
        Files.writeString(dir.resolve(StateStore.OPEN_MARKER), "999999999");

        final ToolRun stats = ToolRun.inspect(dir, "stats");
        assertEquals(0, stats.exitCode(), stats::toString);
        assertTrue(stats.out().contains("not running; the last server did not close cleanly"), stats::toString);
        assertTrue(stats.out().contains("users:      entries=3 "), stats::toString);
        assertTrue(stats.out().contains("update-ids: highest update_id 77"), stats::toString);

        final ToolRun get = ToolRun.inspect(dir, "get", "user", "1");
        assertEquals(0, get.exitCode(), get::toString);
        assertEquals(5L, JsonObjects.parse(get.lines().get(0)).get("messageCount"));
        assertTrue(Files.exists(dir.resolve(StateStore.OPEN_MARKER)), "reads leave the marker alone");
    }

    @Test
    void shouldReportStoppedServer()
    {
        new TestDataFolder(dir).withSampleRecords().close();

        final ToolRun run = ToolRun.inspect(dir, "stats");

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("server:     not running (closed cleanly)"), run::toString);
        assertTrue(run.out().contains("as of when the server stopped"), run::toString);
        assertTrue(run.out().contains("bot:        none recorded"), run::toString);
    }

    @Test
    void shouldNameTheBotTheFolderBelongsTo() throws Exception
    {
        new TestDataFolder(dir).withSampleRecords().close();
        Files.writeString(dir.resolve(FolderOwner.FILE), "{\"bot\":\"com.example.MyBot\"}");

        final ToolRun run = ToolRun.inspect(dir, "stats");

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("bot:        com.example.MyBot"), run::toString);
    }
}

package io.ringbot.tools;

import io.ringbot.store.status.RingbotCounter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CountersCommandTest
{
    @TempDir
    Path dir;

    @Test
    void shouldPrintEveryCounterWithLabelAndValue()
    {
        try (TestDataFolder folder = new TestDataFolder(dir))
        {
            folder.counters.counter(RingbotCounter.ENGINE_UPDATES).set(42);

            final ToolRun run = ToolRun.inspect(dir, "counters");

            assertEquals(0, run.exitCode(), run::toString);
            assertTrue(run.out().matches("(?s).*\\n +0: +42 - engine: updates handled\\n.*"), run::toString);
            assertTrue(run.out().contains(RingbotCounter.ERRORS.label()), run::toString);
            assertEquals(RingbotCounter.values().length + 1, run.lines().size(), "a header, then one line each");
        }
    }

    @Test
    void shouldRedrawInPlaceWhenWatching()
    {
        try (TestDataFolder folder = new TestDataFolder(dir))
        {
            folder.counters.counter(RingbotCounter.WEBHOOK_REQUESTS).set(1234);

            final ToolRun run = ToolRun.inspect(dir, "counters", "--watch", "--count", "3", "--interval-ms", "10");

            assertEquals(0, run.exitCode(), run::toString);
            assertEquals(3, run.out().split("\u001b\\[H\u001b\\[2J", -1).length - 1, run::toString);
            assertTrue(run.out().contains("1,234 - webhook: requests"), run::toString);
        }
    }

    @Test
    void shouldSayWhenThereIsNoCountersFile(@TempDir final Path empty)
    {
        final ToolRun run = ToolRun.inspect(empty, "counters");

        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.err().contains("no counters.dat"), run::toString);
    }
}

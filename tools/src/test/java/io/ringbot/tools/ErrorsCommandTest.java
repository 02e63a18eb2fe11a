package io.ringbot.tools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ErrorsCommandTest
{
    @TempDir
    Path dir;

    @Test
    void shouldPrintRecordedErrorOnceWithCount()
    {
        try (TestDataFolder folder = new TestDataFolder(dir))
        {
            final RuntimeException boom = new RuntimeException("boom");
            folder.counters.errorLog().record(boom);
            folder.counters.errorLog().record(boom);

            final ToolRun run = ToolRun.inspect(dir, "errors");

            assertEquals(0, run.exitCode(), run::toString);
            assertTrue(run.out().startsWith("1 distinct error since"), run::toString);
            assertTrue(run.out().contains("count=2 first="), run::toString);
            assertTrue(run.out().contains("java.lang.RuntimeException: boom"), run::toString);
        }
    }

    @Test
    void shouldSayWhenThereAreNone()
    {
        try (TestDataFolder ignored = new TestDataFolder(dir))
        {
            final ToolRun run = ToolRun.inspect(ignored.dir, "errors");

            assertEquals(0, run.exitCode(), run::toString);
            assertTrue(run.out().startsWith("0 distinct errors"), run::toString);
        }
    }
}

package io.ringbot.tools;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScanCommandTest
{
    @TempDir
    Path dir;

    private TestDataFolder folder;

    @BeforeEach
    void setUp()
    {
        folder = new TestDataFolder(dir).withSampleRecords();
    }

    @AfterEach
    void tearDown()
    {
        folder.close();
    }

    @Test
    void shouldPrintEveryRecordAsJsonLines()
    {
        final ToolRun run = ToolRun.inspect(dir, "scan", "user");

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(Set.of(1L, 2L, 3L), ids(run));
        assertTrue(run.err().contains("3 read, 3 printed"), run::toString);
    }

    @Test
    void shouldPrintOnlyPendingRecords()
    {
        final ToolRun run = ToolRun.inspect(dir, "scan", "user", "--pending");

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(Set.of(1L, 2L), ids(run));
    }

    @Test
    void shouldStopAtLimit()
    {
        final ToolRun run = ToolRun.inspect(dir, "scan", "user", "--limit", "2");

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(2, run.lines().size(), run::toString);
    }

    @Test
    void shouldFilterByFieldValues()
    {
        assertEquals(Set.of(2L, 3L), ids(ToolRun.inspect(dir, "scan", "user", "--where", "messageCount=7")));
        assertEquals(Set.of(2L), ids(ToolRun.inspect(dir, "scan", "user", "--where", "firstName=Bob")));
        assertEquals(Set.of(2L), ids(ToolRun.inspect(dir, "scan", "user", "--where", "messageCount=7", "--pending")));
        assertEquals(Set.of(), ids(ToolRun.inspect(dir, "scan", "user", "--where", "messageCount=7", "--where", "username=x")));
        assertEquals(Set.of(-100L), ids(ToolRun.inspect(dir, "scan", "chat", "--where", "title=Friends")));
    }

    @Test
    void shouldRejectUnknownWhereField()
    {
        final ToolRun run = ToolRun.inspect(dir, "scan", "user", "--where", "age=3");

        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("no field 'age'"), run::toString);
    }

    private static Set<Long> ids(final ToolRun run)
    {
        final List<String> lines = run.lines();
        return lines.stream().map(line -> (Long)JsonObjects.parse(line).get("id")).collect(Collectors.toSet());
    }
}

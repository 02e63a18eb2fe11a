package io.ringbot.tools;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GetCommandTest
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
    void shouldPrintUserAsJsonWithVersions()
    {
        final ToolRun run = ToolRun.inspect(dir, "get", "user", "2");

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(1, run.lines().size(), run::toString);
        final Map<String, Object> user = JsonObjects.parse(run.lines().get(0));
        assertEquals(2L, user.get("id"));
        assertEquals(1L, user.get("version"));
        assertEquals(0L, user.get("syncedVersion"));
        assertEquals("Bob", user.get("firstName"));
        assertEquals("bob", user.get("username"));
        assertEquals(7L, user.get("messageCount"));
    }

    @Test
    void shouldEscapeTextInJson()
    {
        final ToolRun run = ToolRun.inspect(dir, "get", "user", "3");

        assertEquals(0, run.exitCode(), run::toString);
        final Map<String, Object> user = JsonObjects.parse(run.lines().get(0));
        assertEquals("Cy \"quoted\" \u00e9", user.get("firstName"));
        assertEquals(user.get("version"), user.get("syncedVersion"));
    }

    @Test
    void shouldPrintChat()
    {
        final ToolRun run = ToolRun.inspect(dir, "get", "chat", "-100");

        assertEquals(0, run.exitCode(), run::toString);
        final Map<String, Object> chat = JsonObjects.parse(run.lines().get(0));
        assertEquals(-100L, chat.get("id"));
        assertEquals("group", chat.get("type"));
        assertEquals("Friends", chat.get("title"));
        assertEquals(2L, chat.get("likeCount"));
    }

    @Test
    void shouldExitOneWhenAbsent()
    {
        final ToolRun run = ToolRun.inspect(dir, "get", "user", "999");

        assertEquals(1, run.exitCode(), run::toString);
        assertEquals("", run.out());
        assertTrue(run.err().contains("no user 999"), run::toString);
    }

    @Test
    void shouldRejectUnknownKind()
    {
        final ToolRun run = ToolRun.inspect(dir, "get", "group", "1");

        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("expected user or chat"), run::toString);
    }

    @Test
    void shouldAcceptDataDirAfterTheCommand()
    {
        final ToolRun run = ToolRun.inspect(dir.resolve("elsewhere"), "get", "user", "1", "--data-dir", dir.toString());

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(1L, JsonObjects.parse(run.lines().get(0)).get("id"));
    }

    @Test
    void shouldSayWhenTheFolderHasNoStore(@TempDir final Path empty)
    {
        final ToolRun run = ToolRun.inspect(empty, "get", "user", "1");

        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.err().contains("no store file"), run::toString);
    }
}

package io.ringbot.tools;

import io.ringbot.store.StateStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImportCommandTest
{
    @TempDir
    Path dir;

    @TempDir
    Path fresh;

    @Test
    void shouldRoundTripDumpThroughImportIntoFreshFolder() throws Exception
    {
        final Path users = dir.resolve("users.jsonl");
        final Path chats = dir.resolve("chats.jsonl");
        final ToolRun userDump;
        try (TestDataFolder folder = new TestDataFolder(dir.resolve("data")).withSampleRecords())
        {
            userDump = ToolRun.inspect(folder.dir, "dump", "user");
            final ToolRun chatDump = ToolRun.inspect(folder.dir, "dump", "chat");
            assertEquals(0, userDump.exitCode(), userDump::toString);
            assertEquals(0, chatDump.exitCode(), chatDump::toString);
            Files.writeString(users, userDump.out());
            Files.writeString(chats, chatDump.out());
        }
        assertEquals(3, userDump.lines().size(), userDump::toString);

        final ToolRun importUsers = ToolRun.inspect(fresh, "import", "user", users.toString(), "--capacity", "1000",
            "--layout", dir.resolve("data").resolve("users.schema.json").toString());
        final ToolRun importChats = ToolRun.inspect(fresh, "import", "chat", chats.toString(), "--capacity", "1000",
            "--layout", dir.resolve("data").resolve("chats.schema.json").toString());

        assertEquals(0, importUsers.exitCode(), importUsers::toString);
        assertEquals(0, importChats.exitCode(), importChats::toString);
        assertTrue(importUsers.out().contains("imported 3 users"), importUsers::toString);
        assertFalse(Files.exists(fresh.resolve(StateStore.OPEN_MARKER)), "a clean import removes its marker");
        assertEquals(sorted(userDump.lines()), sorted(ToolRun.inspect(fresh, "dump", "user").lines()));
        final ToolRun chat = ToolRun.inspect(fresh, "get", "chat", "-100");
        assertEquals("Friends", JsonObjects.parse(chat.lines().get(0)).get("title"));
        final ToolRun pending = ToolRun.inspect(fresh, "scan", "user", "--pending");
        assertEquals(2, pending.lines().size(), "syncedVersion is kept: " + pending);
    }

    @Test
    void shouldRefuseWhileServerHoldsTheFolder() throws Exception
    {
        final Path file = dir.resolve("users.jsonl");
        Files.writeString(file, "{\"id\":9,\"version\":1,\"syncedVersion\":0,\"firstName\":\"Eve\"}\n");
        try (TestDataFolder folder = new TestDataFolder(dir.resolve("data")).withSampleRecords())
        {
            final ToolRun run = ToolRun.inspect(folder.dir, "import", "user", file.toString());

            assertEquals(2, run.exitCode(), run::toString);
            assertTrue(run.err().contains("in use by a running ringbot"), run::toString);
            assertEquals(1, ToolRun.inspect(folder.dir, "get", "user", "9").exitCode(), "nothing imported");
        }

        final ToolRun afterStop = ToolRun.inspect(dir.resolve("data"), "import", "user", file.toString());
        assertEquals(0, afterStop.exitCode(), afterStop::toString);
        assertEquals("Eve", JsonObjects.parse(ToolRun.inspect(dir.resolve("data"), "get", "user", "9").lines().get(0))
            .get("firstName"));
    }

    @Test
    void shouldRefuseAfterAnUncleanExit() throws Exception
    {
        final Path file = dir.resolve("users.jsonl");
        Files.writeString(file, "{\"id\":9,\"version\":1,\"syncedVersion\":0}\n");
        new TestDataFolder(dir.resolve("data")).withSampleRecords().close();
        Files.writeString(dir.resolve("data").resolve(StateStore.OPEN_MARKER), "999999999");

        final ToolRun run = ToolRun.inspect(dir.resolve("data"), "import", "user", file.toString());

        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("did not close cleanly"), run::toString);
        assertEquals(3, ToolRun.inspect(dir.resolve("data"), "dump", "user").lines().size(), "records untouched");
    }

    @Test
    void shouldImportNothingWhenALineIsInvalid() throws Exception
    {
        final Path file = dir.resolve("users.jsonl");
        Files.writeString(file,
            "{\"id\":1,\"version\":1,\"syncedVersion\":0}\n" +
            "{\"id\":2,\"version\":1,\"syncedVersion\":0,\"shoeSize\":44}\n");

        final ToolRun run = ToolRun.inspect(fresh, "import", "user", file.toString(), "--capacity", "100");

        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.err().contains("line 2: unknown field 'shoeSize'"), run::toString);
        assertFalse(Files.exists(fresh.resolve(StateStore.USERS_FILE)), "nothing written");
    }

    @Test
    void shouldRejectTextLongerThanTheRecordHolds() throws Exception
    {
        final Path file = dir.resolve("users.jsonl");
        Files.writeString(file, "{\"id\":1,\"version\":1,\"syncedVersion\":0,\"languageCode\":\"" + "x".repeat(41) + "\"}\n");

        Files.writeString(dir.resolve("users.schema.json"), TestDataFolder.USERS.toJson());
        final ToolRun run = ToolRun.inspect(fresh, "import", "user", file.toString(), "--capacity", "100",
            "--layout", dir.resolve("users.schema.json").toString());

        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.err().contains("line 1: field 'languageCode' (string, at most 40 bytes) cannot take"), run::toString);
    }

    private static List<String> sorted(final List<String> lines)
    {
        return lines.stream().sorted().toList();
    }
}

package io.ringbot.store;

import io.ringbot.store.record.Record;
import io.ringbot.store.record.TestSchemas;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * kill -9 of a process whose store files are growing (each new record takes fresh pages of the sparse files):
 * the next open recovers and finds every record the process had written, whole.
 */
class GrowthCrashTest
{
    private static final long CAPACITY = 500_000;
    private static final long KILL_AFTER = 60_000;

    @TempDir
    Path dir;

    static StoreContext context(final Path dir)
    {
        return new StoreContext().dataDir(dir).userSchema(TestSchemas.USERS).chatSchema(TestSchemas.CHATS)
            .usersCapacity(CAPACITY).cacheSlots(16);
    }

    static long count(final long id)
    {
        return id * 7 + 1;
    }

    static String name(final long id)
    {
        return "user " + id;
    }

    @Test
    void shouldReopenWithEveryRecordAfterAKillDuringGrowth() throws Exception
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (final String arg : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (arg.startsWith("--add-") || arg.startsWith("-Dchronicle"))
            {
                command.add(arg);
            }
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(GrowthCrashChild.class.getName());
        command.add(dir.toString());
        final Process child = new ProcessBuilder(command)
            .redirectError(dir.resolveSibling("growth-child.err").toFile()).start();
        long written = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII)))
        {
            String line;
            while (written < KILL_AFTER && (line = out.readLine()) != null)
            {
                written = Long.parseLong(line.trim());
            }
            // SIGKILL on Unix: no shutdown hook, no close, the open marker stays
            child.destroyForcibly();
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child ended");
        }
        assertEquals(137, child.exitValue(), "killed (SIGKILL), having written " + written + " records");
        assertTrue(written >= KILL_AFTER, "the child wrote " + written + " records before it was killed");

        try (StateStore store = StateStore.open(context(dir)))
        {
            assertTrue(store.recovered(), "opened as after a crash");
            assertTrue(store.users().size() >= written, store.users().size() + " users, " + written + " written");
            final StringBuilder text = new StringBuilder();
            for (long id = 1; id <= written; id++)
            {
                final Record user = store.users().find(id);
                assertNotNull(user, "user " + id);
                assertEquals(0, user.seq() & 1, "user " + id + " closed");
                assertEquals(id, user.id());
                assertEquals(count(id), TestSchemas.MESSAGE_COUNT.get(user), "user " + id);
                text.setLength(0);
                assertEquals(name(id), TestSchemas.FIRST_NAME.get(user, text).toString());
                final Record chat = store.chats().find(-id);
                assertNotNull(chat, "chat " + -id);
                assertEquals(count(id), TestSchemas.CHAT_MESSAGES.get(chat), "chat " + -id);
            }
            // and the store grows on from there
            final Record next = store.users().acquire(CAPACITY);
            TestSchemas.MESSAGE_COUNT.set(next, 1);
            assertEquals(1, TestSchemas.MESSAGE_COUNT.get(store.users().find(CAPACITY)));
        }
    }
}

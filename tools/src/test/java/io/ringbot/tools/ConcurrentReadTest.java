package io.ringbot.tools;

import io.ringbot.store.record.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tool reads while an engine-like thread keeps changing records: every record it prints must be
 * one the engine completed (three fields written together always agree), never a torn mix.
 */
class ConcurrentReadTest
{
    private static final int USERS = 32;

    @TempDir
    Path dir;

    @Test
    void shouldNeverPrintATornRecordWhileTheEngineWrites() throws Exception
    {
        try (TestDataFolder folder = new TestDataFolder(dir))
        {
            for (long id = 1; id <= USERS; id++)
            {
                folder.writeUser(id, u -> setAll(u, 0));
            }
            final AtomicBoolean running = new AtomicBoolean(true);
            final AtomicReference<Throwable> writerFailure = new AtomicReference<>();
            final Thread engine = new Thread(() ->
            {
                try
                {
                    for (long n = 1; running.get(); n++)
                    {
                        final long value = n;
                        folder.writeUser(1 + n % USERS, u -> setAll(u, value));
                    }
                }
                catch (final Throwable t)
                {
                    writerFailure.set(t);
                }
            }, "engine");
            engine.start();
            final Set<Object> valuesSeen = new HashSet<>();
            try
            {
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
                int runs = 0;
                while (runs < 3 || System.nanoTime() < deadline && runs < 40)
                {
                    final ToolRun scan = ToolRun.inspect(dir, "scan", "user");
                    final ToolRun get = ToolRun.inspect(dir, "get", "user", "1");
                    assertEquals(0, scan.exitCode(), scan::toString);
                    assertEquals(0, get.exitCode(), get::toString);
                    assertEquals(USERS, scan.lines().size(), scan::toString);
                    for (final String line : scan.lines())
                    {
                        valuesSeen.add(assertConsistent(line));
                    }
                    assertConsistent(get.lines().get(0));
                    runs++;
                }
            }
            finally
            {
                running.set(false);
                engine.join();
            }
            assertNull(writerFailure.get());
            assertTrue(valuesSeen.size() > USERS, "the engine kept writing while the tool read: " + valuesSeen.size());
        }
    }

    private static void setAll(final Record user, final long value)
    {
        TestDataFolder.MESSAGE_COUNT.set(user, value);
        user.lastSeenMillis(value);
        TestDataFolder.FIRST_NAME.set(user, "n" + value);
    }

    private static Object assertConsistent(final String line)
    {
        final Map<String, Object> user = JsonObjects.parse(line);
        final Object count = user.get("messageCount");
        assertEquals(count, user.get("lastSeenMillis"), line);
        assertEquals("n" + count, user.get("firstName"), line);
        return count;
    }
}

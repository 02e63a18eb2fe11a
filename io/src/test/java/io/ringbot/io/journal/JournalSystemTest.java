package io.ringbot.io.journal;

import io.ringbot.io.RingbotServer;
import io.ringbot.io.ServerProcess;
import io.ringbot.io.TestContexts;
import io.ringbot.io.config.ServerContext;
import io.ringbot.store.journal.DocumentEncoder;
import io.ringbot.store.journal.DocumentWrite;
import io.ringbot.store.journal.JournalSink;
import io.ringbot.store.journal.RecordType;
import io.ringbot.engine.reference.ReferenceBot;
import io.ringbot.store.journal.RecordSnapshot;
import io.ringbot.store.record.Record;
import io.ringbot.store.status.RingbotCounter;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The journal end to end: the real server, the official Firestore client and the official emulator.
 */
@Tag("firestore")
@Tag("system")
class JournalSystemTest
{
    private static final String SECRET = "journal-test-secret";

    @TempDir
    Path data;

    @Test
    void shouldMakeEveryUsersDocumentEqualItsLocalRecordAfter20000Updates() throws Exception
    {
        final Map<String, String> env = Emulator.journalEnvironment(Emulator.sharedHost(), Emulator.uniquePrefix());
        try (RingbotServer server = new RingbotServer(config(0).environment(env), null))
        {
            final LoadLanes load = new LoadLanes(server::webhookPort, SECRET, 1_000_000);
            load.run(1, 2_000, 10, 8, new AtomicBoolean());
            assertEquals(20_000, load.answered());
            awaitSynced(server, 2_000, 60_000);
            assertDocumentsEqualLocal(server, 1, 2_000);
        }
    }

    @Test
    void shouldLoseNoAnsweredUpdateWhenKilledMidLoad() throws Exception
    {
        final Map<String, String> env = Emulator.journalEnvironment(Emulator.sharedHost(), Emulator.uniquePrefix());
        final int port = ServerProcess.freePort();
        final AtomicBoolean stop = new AtomicBoolean();
        final LoadLanes load = new LoadLanes(() -> port, SECRET, 2_000_000);
        Process server = startProcess(env, port);
        final Thread lanes = new Thread(() ->
        {
            try
            {
                load.run(1, 200, 30, 8, stop);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        });
        lanes.start();
        awaitAnswered(load, 1_500, 60_000);
        server.destroyForcibly().waitFor();
        final long answeredBeforeKill = load.answered();
        server = startProcess(env, port);
        lanes.join(180_000);
        assertTrue(answeredBeforeKill > 0 && answeredBeforeKill < 6_000, "killed mid-load: " + answeredBeforeKill);
        assertEquals(6_000, load.answered(), "every update was answered 200 in the end (redelivered after the kill)");
        server.destroy();
        assertTrue(server.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, server.exitValue(), "SIGTERM after the load: the exit code says every change reached Firestore");

        try (JournalSink firestore = Emulator.sink(env))
        {
            for (long user = 1; user <= 200; user++)
            {
                final Map<String, Object> doc = firestore.read(RecordType.USER, user, Duration.ofSeconds(10)).get().orElseThrow();
                assertEquals(load.sentPerUser().get(user), doc.get("messageCount"),
                    "user " + user + ": every update applied exactly once");
            }
        }
    }

    @Test
    void shouldKeepAnsweringThroughAFirestoreOutageAndDrainAfterwards() throws Exception
    {
        final long outageMillis = Long.getLong("ringbot.outage.seconds", 30) * 1000;
        try (Emulator emulator = Emulator.startOwn())
        {
            final Map<String, String> env = Emulator.journalEnvironment(emulator.host(), Emulator.uniquePrefix());
            env.put("JOURNAL_RETRY_BACKOFF_MAX_MS", "2000");
            env.put("JOURNAL_COMMIT_TIMEOUT_MS", "3000");
            try (RingbotServer server = new RingbotServer(config(0).environment(env), null))
            {
                final LoadLanes load = new LoadLanes(server::webhookPort, SECRET, 3_000_000);
                load.run(1, 100, 2, 4, new AtomicBoolean());
                awaitSynced(server, 100, 30_000);

                emulator.stop();
                final long outageEnd = System.currentTimeMillis() + outageMillis;
                long round = 0;
                long pendingSeen = 0;
                long oldestSeen = 0;
                while (System.currentTimeMillis() < outageEnd)
                {
                    final long before = load.answered();
                    load.run(1, 100, 1, 4, new AtomicBoolean());
                    assertEquals(before + 100, load.answered(), "the webhook keeps answering during the outage");
                    pendingSeen = Math.max(pendingSeen, counter(server, RingbotCounter.JOURNAL_PENDING));
                    oldestSeen = Math.max(oldestSeen, counter(server, RingbotCounter.JOURNAL_OLDEST_PENDING_MS));
                    round++;
                    Thread.sleep(500);
                }
                assertTrue(round > 0 && pendingSeen > 0, "changes pile up while Firestore is down: " + pendingSeen);
                assertTrue(oldestSeen >= outageMillis / 2, "the oldest pending change ages: " + oldestSeen + " ms");

                emulator.start();
                awaitSynced(server, 100, 60_000);
                assertDocumentsEqualLocal(server, 1, 100);
            }
        }
    }

    @Test
    void shouldKeepTheCountsOfAUserKnownOnlyToFirestore() throws Exception
    {
        final Map<String, String> env = Emulator.journalEnvironment(Emulator.sharedHost(), Emulator.uniquePrefix());
        try (JournalSink firestore = Emulator.sink(env))
        {
            final Map<String, Object> fields = new HashMap<>();
            fields.put(DocumentEncoder.ID, 777L);
            fields.put("messageCount", 41L);
            fields.put("firstName", "Olga");
            fields.put(DocumentEncoder.VERSION, 9L);
            firestore.commit(List.of(new DocumentWrite(RecordType.USER, 777, 9, fields))).get(10, TimeUnit.SECONDS);
        }
        try (RingbotServer server = new RingbotServer(config(0).environment(env), null))
        {
            final HttpResponse<String> reply = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.webhookPort() + "/webhook"))
                .header("X-Telegram-Bot-Api-Secret-Token", SECRET).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"update_id\":5,\"message\":{\"message_id\":1,\"date\":1," +
                    "\"from\":{\"id\":777,\"is_bot\":false,\"first_name\":\"Olga\"},\"chat\":{\"id\":777,\"type\":\"private\"}," +
                    "\"text\":\"back again\"}}")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, reply.statusCode());
            assertTrue(reply.body().contains("count=42"), reply.body());
            assertEquals(1, counter(server, RingbotCounter.LOADER_READS) >= 1 ? 1 : 0);
        }
    }

    @Test
    void shouldApplyAnUpdateFromAnUnknownUserArrivingRightAtStart() throws Exception
    {
        final Map<String, String> env = Emulator.journalEnvironment(Emulator.sharedHost(), Emulator.uniquePrefix());
        final int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0))
        {
            port = free.getLocalPort();
        }
        final String update = "{\"update_id\":6,\"message\":{\"message_id\":1,\"date\":1," +
            "\"from\":{\"id\":888,\"is_bot\":false,\"first_name\":\"Early\"},\"chat\":{\"id\":888,\"type\":\"private\"}," +
            "\"text\":\"first\"}}";
        final String request = "POST /webhook HTTP/1.1\r\nHost: bot\r\nX-Telegram-Bot-Api-Secret-Token: " + SECRET +
            "\r\nContent-Type: application/json\r\nContent-Length: " + update.length() + "\r\n\r\n" + update;
        final java.util.concurrent.CompletableFuture<String> answer = new java.util.concurrent.CompletableFuture<>();
        final Thread early = new Thread(() ->
        {
            // connects the moment the port is bound and sends at once: the first update the server can see
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline)
            {
                final java.net.Socket socket;
                try
                {
                    socket = new java.net.Socket("127.0.0.1", port);
                }
                catch (final java.io.IOException notYet)
                {
                    Thread.onSpinWait();
                    continue;
                }
                try (socket)
                {
                    socket.setSoTimeout(20_000);
                    socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    final byte[] bytes = new byte[4096];
                    final int n = socket.getInputStream().read(bytes);
                    answer.complete(new String(bytes, 0, Math.max(n, 0), java.nio.charset.StandardCharsets.UTF_8));
                }
                catch (final java.io.IOException ex)
                {
                    answer.complete("no answer: " + ex);
                }
                return;
            }
            answer.complete("never connected");
        }, "early-client");
        early.start();
        try (RingbotServer server = new RingbotServer(config(port).environment(env), null))
        {
            final String reply = answer.get(60, TimeUnit.SECONDS);
            assertTrue(reply.startsWith("HTTP/1.1 200 ") && reply.contains("count=1"), "applied: " + reply);
            assertEquals(0, counter(server, RingbotCounter.ENGINE_HANDLER_ERRORS));
        }
    }

    private ServerContext config(final int port)
    {
        final ServerContext context = TestContexts.onFreePorts(data, 10_000, SECRET);
        context.webhook().port(port);
        return context;
    }

    private static long counter(final RingbotServer server, final RingbotCounter counter)
    {
        return server.counters().counter(counter).get();
    }

    /** Until every local user record is acknowledged by Firestore. */
    private static void awaitSynced(final RingbotServer server, final int users, final long timeoutMillis)
        throws InterruptedException
    {
        final long deadline = System.currentTimeMillis() + timeoutMillis;
        final RecordSnapshot snapshot = new RecordSnapshot(server.store().users().map(), server.store().users().schema(), 1000);
        final Record copy = snapshot.value();
        while (true)
        {
            int synced = 0;
            for (long user = 1; user <= users; user++)
            {
                if (snapshot.read(user) == RecordSnapshot.Result.COPIED && copy.isSynced())
                {
                    synced++;
                }
            }
            if (synced == users && counter(server, RingbotCounter.JOURNAL_PENDING) == 0)
            {
                return;
            }
            assertTrue(System.currentTimeMillis() < deadline, "synced " + synced + " of " + users + " users; pending " +
                counter(server, RingbotCounter.JOURNAL_PENDING));
            Thread.sleep(100);
        }
    }

    private static void assertDocumentsEqualLocal(final RingbotServer server, final long first, final long last)
        throws Exception
    {
        final RecordSnapshot snapshot = new RecordSnapshot(server.store().users().map(), server.store().users().schema(), 1000);
        final Record local = snapshot.value();
        final List<java.util.concurrent.CompletableFuture<Optional<Map<String, Object>>>> reads = new ArrayList<>();
        for (long user = first; user <= last; user++)
        {
            reads.add(server.journalSink().read(RecordType.USER, user, Duration.ofSeconds(20)));
        }
        for (long user = first; user <= last; user++)
        {
            final Map<String, Object> doc = reads.get((int)(user - first)).get().orElseThrow(
                () -> new AssertionError("no Firestore document for a user"));
            assertEquals(RecordSnapshot.Result.COPIED, snapshot.read(user));
            assertEquals(ReferenceBot.USER_MESSAGES.get(local), doc.get("messageCount"), "messageCount of user " + user);
            assertEquals(local.version(), doc.get(DocumentEncoder.VERSION), "version of user " + user);
            assertEquals(ReferenceBot.FIRST_NAME.get(local, new StringBuilder()).toString(), doc.get("firstName"),
                "firstName of user " + user);
            assertTrue(doc.get(DocumentEncoder.FIRST_SEEN) instanceof com.google.cloud.Timestamp, "times are timestamps");
        }
    }

    private static void awaitAnswered(final LoadLanes load, final long answered, final long timeoutMillis)
        throws InterruptedException
    {
        final long deadline = System.currentTimeMillis() + timeoutMillis;
        while (load.answered() < answered)
        {
            assertTrue(System.currentTimeMillis() < deadline, "answered " + load.answered());
            Thread.sleep(20);
        }
    }

    /** The server in a process of its own, so that it can be killed with SIGKILL. */
    private Process startProcess(final Map<String, String> env, final int port) throws IOException, InterruptedException
    {
        return ServerProcess.start("512m", List.of("--port=" + port,
            "--ops-port=" + ServerProcess.freePort(), "--data-dir=" + data,
            "--webhook-secret=" + SECRET, "--users-capacity=10000"), e -> e.putAll(env),
            data.resolveSibling(data.getFileName() + "-server.log"), "http://127.0.0.1:" + port + "/webhook");
    }
}

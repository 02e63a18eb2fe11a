package io.ringbot.io.journal;

import io.ringbot.engine.reference.ReferenceBot;
import io.ringbot.io.RingbotServer;
import io.ringbot.io.TestContexts;
import io.ringbot.io.config.ServerContext;
import io.ringbot.store.journal.JournalSink;
import io.ringbot.store.journal.RecordSnapshot;
import io.ringbot.store.journal.RecordType;
import io.ringbot.store.record.Record;
import io.ringbot.store.status.RingbotCounter;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A store at its capacity with Firestore on (the official emulator), through the real webhook: the local store
 * is a cache over Firestore, so four times as many users as it holds are all kept, synced idle records evicted
 * and read back on their next update, and every user's count is exact.
 */
@Tag("firestore")
@Tag("system")
class EvictionSystemTest
{
    private static final String SECRET = "eviction-test-secret";
    private static final int CAPACITY = 100;
    private static final int USERS = 400;
    private static final int ROUNDS = 3;

    @TempDir
    Path data;

    @Test
    void shouldKeepEveryCountExactWithFourTimesMoreUsersThanTheStoreHolds() throws Exception
    {
        final Map<String, String> env = Emulator.journalEnvironment(Emulator.sharedHost(), Emulator.uniquePrefix());
        env.put("JOURNAL_MIN_WRITE_INTERVAL_MS", "50"); // acknowledged soon: evictable soon
        final ServerContext config = TestContexts.onFreePorts(data, CAPACITY, SECRET);
        try (RingbotServer server = new RingbotServer(config.environment(env), null))
        {
            final LoadLanes load = new LoadLanes(server::webhookPort, SECRET, 1);
            load.run(1, USERS, ROUNDS, 8, new AtomicBoolean());
            assertEquals((long)USERS * ROUNDS, load.answered(), "every update answered 200 in the end (503s redelivered)");

            final long evictions = counter(server, RingbotCounter.STORE_EVICTIONS);
            final long readBacks = counter(server, RingbotCounter.STORE_READ_BACKS);
            assertTrue(evictions >= USERS, "evicted " + evictions);
            assertTrue(readBacks >= USERS, "read back " + readBacks);
            assertTrue(server.store().users().size() < 2L * CAPACITY, "the users table stays near its capacity: " +
                server.store().users().size());

            final String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.opsPort() + "/metrics")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(metrics.contains("ringbot_store_evictions_total "), "shown on /metrics");
            assertTrue(metrics.contains("ringbot_store_read_backs_total "), "shown on /metrics");
            final com.fasterxml.jackson.databind.JsonNode journal = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.opsPort() + "/healthz")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body()).get("checks").get("journal");
            assertTrue(journal.get("storeEvictions").asLong() >= evictions, "shown on /healthz: " + journal);
            assertTrue(journal.get("storeReadBacks").asLong() >= readBacks, "shown on /healthz: " + journal);

            awaitNothingPending(server);
            final RecordSnapshot snapshot = new RecordSnapshot(server.store().users().map(), server.store().users().schema(), 1000);
            final Record local = snapshot.value();
            try (JournalSink firestore = Emulator.sink(env))
            {
                for (long user = 1; user <= USERS; user++)
                {
                    final Map<String, Object> doc = firestore.read(RecordType.USER, user, Duration.ofSeconds(10)).get()
                        .orElseThrow(() -> new AssertionError("no document for a user"));
                    assertEquals((long)ROUNDS, doc.get("messageCount"), "user " + user + " in Firestore");
                    if (snapshot.read(user) == RecordSnapshot.Result.COPIED)
                    {
                        assertEquals(ROUNDS, ReferenceBot.USER_MESSAGES.get(local), "user " + user + " in the store");
                    }
                }
            }
        }
    }

    private static long counter(final RingbotServer server, final RingbotCounter counter)
    {
        return server.counters().counter(counter).get();
    }

    private static void awaitNothingPending(final RingbotServer server) throws InterruptedException
    {
        final long deadline = System.currentTimeMillis() + 60_000;
        while (counter(server, RingbotCounter.JOURNAL_PENDING) > 0)
        {
            assertTrue(System.currentTimeMillis() < deadline, "pending " + counter(server, RingbotCounter.JOURNAL_PENDING));
            Thread.sleep(50);
        }
    }
}

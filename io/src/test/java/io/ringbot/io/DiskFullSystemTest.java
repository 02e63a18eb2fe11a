package io.ringbot.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringbot.engine.reference.ReferenceBot;
import io.ringbot.io.config.ServerContext;
import io.ringbot.store.status.RingbotCounter;
import org.agrona.concurrent.status.AtomicCounter;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The disk holding DATA_DIR nearly full (its free space driven through the guard's source), through the real
 * webhook: an update that needs a new record is answered 503 + Retry-After and nothing of it is kept, known users
 * go on counting, {@code /healthz} is down with a disk check that says what to do; once the space comes back the
 * redelivery is answered 200, with no restart.
 */
@Tag("system")
class DiskFullSystemTest
{
    private static final String SECRET = "disk-full-secret";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long PLENTY = 10L << 30;

    @TempDir
    Path data;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldRefuseNewRecordsWhileTheDiskIsNearlyFullAndStoreThemOnceSpaceReturns() throws Exception
    {
        final AtomicLong free = new AtomicLong(PLENTY);
        final ServerContext config = TestContexts.onFreePorts(data, 1_000, SECRET)
            .storeDiskReserveMb(64)
            .diskUsableBytes(free::get)
            .diskSamplePeriodMillis(10);
        try (RingbotServer server = new RingbotServer(config, null))
        {
            final AtomicCounter low = server.counters().counter(RingbotCounter.STORE_DISK_LOW);
            final HttpResponse<String> known = post(server, 1, 1);
            assertEquals(200, known.statusCode(), known.body());
            assertTrue(known.body().contains("count=1"), known.body());
            assertEquals(200, get(server, "/healthz").statusCode());

            free.set(63L << 20);
            awaitValue(low, 1);

            final HttpResponse<String> refused = post(server, 2, 2);
            assertEquals(503, refused.statusCode(), refused.body());
            assertEquals("1", refused.headers().firstValue("Retry-After").orElse(null), "Telegram is told when to retry");
            assertNull(server.store().users().find(2), "nothing of a refused update is kept");
            final HttpResponse<String> again = post(server, 3, 1);
            assertEquals(200, again.statusCode(), "a known user goes on: " + again.body());
            assertTrue(again.body().contains("count=2"), again.body());
            assertEquals(1, server.counters().counter(RingbotCounter.ENGINE_STORE_FULL).get(), "counted");

            final HttpResponse<String> health = get(server, "/healthz");
            assertEquals(503, health.statusCode(), health.body());
            final JsonNode report = JSON.readTree(health.body());
            assertEquals("down", report.get("status").asText());
            final JsonNode disk = report.get("checks").get("disk");
            assertEquals("down", disk.get("status").asText(), health.body());
            assertEquals(63L << 20, disk.get("usableBytes").asLong());
            assertEquals(64L << 20, disk.get("reserveBytes").asLong());
            final String detail = disk.get("detail").asText();
            assertTrue(detail.contains("DATA_DIR") && detail.contains("STORE_DISK_RESERVE_MB") &&
                detail.contains("Free disk space"), "says what to do: " + detail);
            assertEquals("ok", report.get("checks").get("users").get("status").asText(), "the table itself has room");
            final String metrics = get(server, "/metrics").body();
            assertTrue(metrics.contains("ringbot_store_disk_low 1"), "published");
            assertTrue(metrics.contains("ringbot_store_full_total 1"), "counted");

            free.set(PLENTY);
            awaitValue(low, 0);

            final HttpResponse<String> redelivered = post(server, 2, 2);
            assertEquals(200, redelivered.statusCode(), redelivered.body());
            assertTrue(redelivered.body().contains("count=1"), "the redelivery is applied: " + redelivered.body());
            assertEquals(1, ReferenceBot.USER_MESSAGES.get(server.store().users().find(2)));
            assertEquals(2, ReferenceBot.USER_MESSAGES.get(server.store().users().find(1)));
            final HttpResponse<String> healthy = get(server, "/healthz");
            assertEquals(200, healthy.statusCode(), healthy.body());
            assertFalse(JSON.readTree(healthy.body()).get("checks").get("disk").has("detail"));
        }
    }

    /** Waits for the guard's thread to publish (an event, not a fixed sleep). */
    private static void awaitValue(final AtomicCounter counter, final long value) throws InterruptedException
    {
        final long deadline = System.nanoTime() + 10_000_000_000L;
        while (counter.get() != value)
        {
            assertTrue(System.nanoTime() < deadline, "the disk guard did not publish " + value);
            Thread.sleep(5);
        }
    }

    private HttpResponse<String> post(final RingbotServer server, final long updateId, final long user) throws Exception
    {
        final String body = "{\"update_id\":" + updateId + ",\"message\":{\"message_id\":" + updateId + ",\"date\":1700000000," +
            "\"from\":{\"id\":" + user + ",\"is_bot\":false,\"first_name\":\"User" + user + "\"}," +
            "\"chat\":{\"id\":" + user + ",\"type\":\"private\"},\"text\":\"hi\"}}";
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.webhookPort() + "/webhook"))
            .header("X-Telegram-Bot-Api-Secret-Token", SECRET).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(final RingbotServer server, final String path) throws Exception
    {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.opsPort() + path)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    }
}

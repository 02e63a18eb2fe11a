package io.ringbot.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringbot.engine.reference.ReferenceBot;
import io.ringbot.io.config.ServerContext;
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
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A store at its capacity with Firestore off, through the real webhook (Netty on loopback): the update whose
 * new record does not fit is answered 503 + Retry-After, never 200 without its change; {@code /healthz} says
 * down with what to do, {@code /metrics} counts it; doing it (a restart with a larger USERS_CAPACITY) resizes the
 * store, keeping every record, and the refused users are taken.
 */
@Tag("system")
class StoreFullSystemTest
{
    private static final String SECRET = "store-full-secret";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldAnswer503WithRetryAfterForTheUpdateThatDoesNotFitAndNever200WithoutItsChange() throws Exception
    {
        final ServerContext config = TestContexts.onFreePorts(data, 100, SECRET);
        final Set<Long> stored = new HashSet<>();
        final Set<Long> refused = new HashSet<>();
        long updateId = 1;
        try (RingbotServer server = new RingbotServer(config, null))
        {
            for (long user = 1; user <= 400; user++)
            {
                final HttpResponse<String> answer = post(server, updateId++, user);
                if (answer.statusCode() == 200)
                {
                    assertTrue(answer.body().contains("count=1"), answer.body());
                    stored.add(user);
                }
                else
                {
                    assertEquals(503, answer.statusCode(), answer.body());
                    assertEquals("1", answer.headers().firstValue("Retry-After").orElse(null), "Telegram is told when to retry");
                    refused.add(user);
                }
            }
            assertTrue(!refused.isEmpty() && !stored.isEmpty(), "stored " + stored.size() + ", refused " + refused.size());
            for (long user = 1; user <= 400; user++)
            {
                final HttpResponse<String> again = post(server, updateId++, user);
                if (stored.contains(user))
                {
                    assertEquals(200, again.statusCode());
                    assertTrue(again.body().contains("count=2"), "user " + user + "'s first update was kept: " + again.body());
                }
                else
                {
                    assertEquals(503, again.statusCode(), "user " + user + ": still no room");
                    assertNull(server.store().users().find(user), "nothing of a refused update is kept");
                }
            }
            for (final long user : stored)
            {
                final Record record = server.store().users().find(user);
                assertEquals(2, ReferenceBot.USER_MESSAGES.get(record), "user " + user);
            }
            assertEquals(2L * refused.size(), server.counters().counter(RingbotCounter.ENGINE_STORE_FULL).get());

            final HttpResponse<String> health = get(server, "/healthz");
            assertEquals(503, health.statusCode(), health.body());
            final JsonNode report = JSON.readTree(health.body());
            assertEquals("down", report.get("status").asText());
            final JsonNode users = report.get("checks").get("users");
            assertEquals("down", users.get("status").asText(), health.body());
            assertTrue(users.get("detail").asText().contains("USERS_CAPACITY") &&
                users.get("detail").asText().contains("Firestore"), "says what to do: " + users);

            final String metrics = get(server, "/metrics").body();
            assertTrue(metrics.contains("ringbot_store_full_total " + 2 * refused.size()), "counted");
            assertTrue(metrics.contains("ringbot_store_evictions_total 0"), "Firestore off: nothing evicted");
        }

        // the advice /healthz gives: raise USERS_CAPACITY and restart; the start resizes the tables
        try (RingbotServer server = new RingbotServer(TestContexts.onFreePorts(data, 1_000, SECRET), null))
        {
            assertEquals(1_000, server.store().users().capacity());
            for (final long user : stored)
            {
                final HttpResponse<String> answer = post(server, updateId++, user);
                assertEquals(200, answer.statusCode(), answer.body());
                assertTrue(answer.body().contains("count=3"), "user " + user + " kept across the resize: " + answer.body());
            }
            for (final long user : refused)
            {
                final HttpResponse<String> answer = post(server, updateId++, user);
                assertEquals(200, answer.statusCode(), "user " + user + " has room now: " + answer.body());
                assertTrue(answer.body().contains("count=1"), answer.body());
            }
            assertEquals(400, server.store().users().size());
            final HttpResponse<String> health = get(server, "/healthz");
            assertEquals("ok", JSON.readTree(health.body()).get("checks").get("users").get("status").asText(), health.body());
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

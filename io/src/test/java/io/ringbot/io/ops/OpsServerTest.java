package io.ringbot.io.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringbot.store.status.RingbotCounter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpsServerTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    private OpsFixture ops;

    @BeforeEach
    void start()
    {
        ops = new OpsFixture(dataDir, ctx -> ctx.samplePeriodMillis(50));
    }

    @AfterEach
    void stop()
    {
        ops.close();
    }

    @Test
    void shouldBeOkWhenEverythingIsWithinLimits() throws Exception
    {
        ops.health.ringRemaining = 1000;
        ops.health.journalPending = 7;
        ops.health.journalOldestPendingMillis = 1_500;

        final HttpResponse<String> response = ops.get("/healthz");

        assertEquals(200, response.statusCode());
        assertEquals("application/json; charset=utf-8", response.headers().firstValue("content-type").orElseThrow());
        final JsonNode body = JSON.readTree(response.body());
        assertEquals("ok", body.get("status").asText());
        final JsonNode checks = body.get("checks");
        for (final String check : new String[]{ "engine", "ring", "users", "chats", "journal", "firestore" })
        {
            assertEquals("ok", checks.get(check).get("status").asText(), check);
        }
        assertEquals(24, checks.get("ring").get("used").asLong());
        assertEquals(7, checks.get("journal").get("pending").asLong());
        assertEquals(1_500, checks.get("journal").get("oldestPendingMillis").asLong());
        assertTrue(checks.get("engine").get("heartbeatAgeMillis").asLong() < 5_000);
    }

    @Test
    void shouldBeDegradedWhenTheStoreIsOverNinetyPercentFullWithoutFirestore() throws Exception
    {
        ops.health.journalEnabled = false;
        ops.health.usersEntries = 901;

        final HttpResponse<String> response = ops.get("/healthz");

        assertEquals(200, response.statusCode());
        final JsonNode body = JSON.readTree(response.body());
        assertEquals("degraded", body.get("status").asText());
        assertEquals("degraded", body.get("checks").get("users").get("status").asText());
        assertEquals("ok", body.get("checks").get("chats").get("status").asText());
    }

    @Test
    void shouldBeOkWhenTheStoreIsNearlyFullWithFirestoreOnSinceItEvicts() throws Exception
    {
        ops.health.usersEntries = 990;

        final JsonNode users = JSON.readTree(ops.get("/healthz").body()).get("checks").get("users");

        assertEquals("ok", users.get("status").asText());
        assertEquals(0.9, users.get("evictsAbove").asDouble());
    }

    @Test
    void shouldBeDownSayingWhatToDoWhenATableHasNoRoom() throws Exception
    {
        ops.health.journalEnabled = false;
        ops.health.fullTables = 2; // chats

        final HttpResponse<String> response = ops.get("/healthz");

        assertEquals(503, response.statusCode());
        final JsonNode body = JSON.readTree(response.body());
        assertEquals("down", body.get("status").asText());
        assertEquals("ok", body.get("checks").get("users").get("status").asText());
        final JsonNode chats = body.get("checks").get("chats");
        assertEquals("down", chats.get("status").asText());
        assertTrue(chats.get("detail").asText().contains("raise USERS_CAPACITY (--users-capacity)"), chats.toString());
        assertTrue(chats.get("detail").asText().contains("turn the Firestore journal on"), chats.toString());

        ops.health.journalEnabled = true;
        final JsonNode evicting = JSON.readTree(ops.get("/healthz").body()).get("checks").get("chats");
        assertEquals("down", evicting.get("status").asText());
        assertTrue(evicting.get("detail").asText().contains("Firestore has not acknowledged"), evicting.toString());
    }

    @Test
    void shouldBeDegradedWhenTheRingIsOverNinetyPercentFull() throws Exception
    {
        ops.health.ringRemaining = 50;

        final JsonNode body = JSON.readTree(ops.get("/healthz").body());

        assertEquals("degraded", body.get("status").asText());
        assertEquals("degraded", body.get("checks").get("ring").get("status").asText());
    }

    @Test
    void shouldBeDegradedWhenTheOldestPendingChangeIsOlderThanAMinute() throws Exception
    {
        ops.health.journalPending = 3;
        ops.health.journalOldestPendingMillis = 61_000;

        final HttpResponse<String> response = ops.get("/healthz");

        assertEquals(200, response.statusCode());
        final JsonNode body = JSON.readTree(response.body());
        assertEquals("degraded", body.get("status").asText());
        assertEquals("degraded", body.get("checks").get("journal").get("status").asText());
    }

    @Test
    void shouldBeDegradedWhenJournalingAndFirestoreIsUnreachable() throws Exception
    {
        ops.health.firestoreReachable = false;

        final JsonNode body = JSON.readTree(ops.get("/healthz").body());

        assertEquals("degraded", body.get("status").asText());
        assertEquals("degraded", body.get("checks").get("firestore").get("status").asText());
    }

    @Test
    void shouldIgnoreFirestoreAndTheJournalWhenJournalingIsOff() throws Exception
    {
        ops.health.journalEnabled = false;
        ops.health.firestoreReachable = false;
        ops.health.journalOldestPendingMillis = 600_000;

        final JsonNode body = JSON.readTree(ops.get("/healthz").body());

        assertEquals("ok", body.get("status").asText());
        assertFalse(body.get("checks").get("firestore").get("enabled").asBoolean());
        assertFalse(body.get("checks").get("journal").get("enabled").asBoolean());
    }

    @Test
    void shouldBeDownWhenTheEngineHeartbeatIsOlderThanFiveSeconds() throws Exception
    {
        ops.health.heartbeatAt(System.currentTimeMillis() - 6_000);
        ops.health.journalEnabled = false;
        ops.health.usersEntries = 999;

        final HttpResponse<String> response = ops.get("/healthz");

        assertEquals(503, response.statusCode());
        final JsonNode body = JSON.readTree(response.body());
        assertEquals("down", body.get("status").asText());
        assertEquals("down", body.get("checks").get("engine").get("status").asText());
        assertTrue(body.get("checks").get("engine").get("heartbeatAgeMillis").asLong() >= 6_000);
        assertEquals("degraded", body.get("checks").get("users").get("status").asText());
    }

    @Test
    void shouldBeDownBeforeTheFirstHeartbeat() throws Exception
    {
        ops.health.heartbeatAt(0);

        final HttpResponse<String> response = ops.get("/healthz");

        assertEquals(503, response.statusCode());
        assertEquals("no heartbeat yet", JSON.readTree(response.body()).get("checks").get("engine").get("detail").asText());
    }

    @Test
    void shouldBeDownWhenTheHealthSourceFails() throws Exception
    {
        ops.health.failure = new IllegalStateException("store closed");

        final HttpResponse<String> response = ops.get("/healthz");

        assertEquals(503, response.statusCode());
        final JsonNode body = JSON.readTree(response.body());
        assertEquals("down", body.get("status").asText());
        assertTrue(body.get("checks").get("source").get("error").asText().contains("store closed"));
    }

    @Test
    void shouldAnswerNotFoundForAnUnknownPath() throws Exception
    {
        assertEquals(404, ops.get("/").statusCode());
        assertEquals(404, ops.get("/webhook").statusCode());
        assertEquals(404, ops.get("/metrics/x").statusCode());
        assertEquals(404, ops.send(HttpRequest.newBuilder(URI.create(ops.url("/nothing")))
            .POST(HttpRequest.BodyPublishers.ofString("x"))).statusCode());
    }

    @Test
    void shouldAnswerMethodNotAllowedForAnythingButGet() throws Exception
    {
        for (final String path : new String[]{ "/healthz", "/metrics", "/dashboard", "/stats.json" })
        {
            final HttpResponse<String> post = ops.send(HttpRequest.newBuilder(URI.create(ops.url(path)))
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
            assertEquals(405, post.statusCode(), path);
            assertEquals("GET", post.headers().firstValue("allow").orElseThrow(), path);
            assertEquals(405, ops.send(HttpRequest.newBuilder(URI.create(ops.url(path))).DELETE()).statusCode(), path);
        }
    }

    @Test
    void shouldAnswerHeadWithoutABodyAndKeepServingTheConnection() throws Exception
    {
        for (int i = 0; i < 3; i++)
        {
            final HttpResponse<String> head = ops.send(HttpRequest.newBuilder(URI.create(ops.url("/metrics")))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));
            assertEquals(405, head.statusCode());
            assertEquals("", head.body());
            assertEquals(404, ops.send(HttpRequest.newBuilder(URI.create(ops.url("/x")))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())).statusCode());
            assertEquals(200, ops.get("/healthz").statusCode());
        }
    }

    @Test
    void shouldAnswerBadRequestForAMalformedPath() throws Exception
    {
        // Java's HTTP client refuses to send such a path: a raw socket does.
        try (Socket socket = new Socket("127.0.0.1", ops.server.port()))
        {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(
                "GET /healthz%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            final String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertTrue(answer.startsWith("HTTP/1.1 400 "), answer);
        }
        assertEquals(200, ops.get("/healthz").statusCode());
    }

    @Test
    void shouldKeepTheConnectionAliveAcrossRequests() throws Exception
    {
        for (int i = 0; i < 20; i++)
        {
            assertEquals(200, ops.get("/healthz?i=" + i).statusCode());
        }
    }

    @Test
    void shouldServeTheDashboardAsOneSelfContainedHtmlPage() throws Exception
    {
        final HttpResponse<String> response = ops.get("/dashboard");

        assertEquals(200, response.statusCode());
        assertEquals("text/html; charset=utf-8", response.headers().firstValue("content-type").orElseThrow());
        assertTrue(response.headers().firstValue("content-security-policy").orElseThrow().contains("default-src 'none'"));
        final String page = response.body();
        assertTrue(page.startsWith("<!DOCTYPE html>"));
        assertTrue(page.contains("<canvas") || page.contains("createElement(\"section\")"));
        assertTrue(page.contains("/stats.json"));
        // Nothing from the internet: no external script, style sheet, font or image.
        assertFalse(page.contains("http://"), "the page must not reference http:// resources");
        assertFalse(page.contains("https://"), "the page must not reference https:// resources");
        assertFalse(page.contains("<link"), "the page must inline its styles");
        assertFalse(page.contains(" src="), "the page must inline its scripts");
    }

    @Test
    void shouldServeSamplesForTheDashboard() throws Exception
    {
        ops.counter(RingbotCounter.WEBHOOK_CONNECTIONS_OPEN).set(4);
        ops.kinds.get("message").set(17);
        ops.health.journalPending = 9;
        waitForSamples(3);

        final JsonNode all = JSON.readTree(ops.get("/stats.json").body());
        assertEquals(50, all.get("periodMillis").asLong());
        assertEquals(17, all.get("kinds").get("message").asLong());
        final JsonNode samples = all.get("samples");
        assertTrue(samples.size() >= 3);
        final JsonNode newest = samples.get(samples.size() - 1);
        assertEquals(all.get("lastSeq").asLong(), newest.get("seq").asLong());
        assertEquals(4, newest.get("connections").asLong());
        assertEquals(9, newest.get("journalPending").asLong());
        assertEquals("ok", newest.get("health").asText());
        assertTrue(newest.get("heapUsed").asLong() > 0);

        final long after = newest.get("seq").asLong();
        final JsonNode newer = JSON.readTree(ops.get("/stats.json?after=" + after).body());
        for (final JsonNode s : newer.get("samples"))
        {
            assertTrue(s.get("seq").asLong() > after);
        }
        assertEquals(400, ops.get("/stats.json?after=x").statusCode());
    }

    @Test
    void shouldMeasureRatesOverTheSamplePeriod() throws Exception
    {
        waitForSamples(2);
        final long before = lastSeq();
        ops.counter(RingbotCounter.ENGINE_UPDATES).getAndAdd(1_000);
        waitForSamples(before + 3);

        final JsonNode samples = JSON.readTree(ops.get("/stats.json?after=" + before).body()).get("samples");
        double sum = 0;
        for (final JsonNode s : samples)
        {
            sum += s.get("updatesPerSec").asDouble() * 0.05;
        }
        // 1000 updates spread over the samples' periods, whatever the scheduling jitter.
        assertTrue(sum > 500 && sum < 2_000, "updates seen by the rates: " + sum);
    }

    @Test
    void shouldReportAFailingPortWithWhatToChange()
    {
        final OpsContext ctx = new OpsContext().port(ops.server.port()).counters(ops.counters.reader()).health(ops.health);
        final IllegalStateException ex = assertThrows(IllegalStateException.class, () -> new OpsServer(ctx).start());
        assertTrue(ex.getMessage().contains("OPS_PORT"), ex.getMessage());
    }

    @Test
    void shouldRejectAnIncompleteContext()
    {
        assertThrows(IllegalArgumentException.class, () -> new OpsContext().health(ops.health).conclude());
        assertThrows(IllegalArgumentException.class, () -> new OpsContext().counters(ops.counters.reader()).conclude());
        assertThrows(IllegalArgumentException.class,
            () -> new OpsContext().counters(ops.counters.reader()).health(ops.health).port(70_000).conclude());
        assertThrows(IllegalArgumentException.class,
            () -> new OpsContext().counters(ops.counters.reader()).health(ops.health).fillDegradedRatio(1.5).conclude());
    }

    private long lastSeq() throws Exception
    {
        return JSON.readTree(ops.get("/stats.json?after=1000000000").body()).get("lastSeq").asLong();
    }

    private void waitForSamples(final long seq) throws Exception
    {
        final long deadline = System.nanoTime() + 5_000_000_000L;
        while (lastSeq() < seq - 1)
        {
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError("no sample " + (seq - 1) + " within 5 s");
            }
            Thread.sleep(10);
        }
    }
}

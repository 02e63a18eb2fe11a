package io.ringbot.io.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringbot.store.status.LatencyHistograms;
import io.ringbot.store.status.RingbotCounter;
import org.HdrHistogram.Recorder;
import org.agrona.concurrent.status.AtomicCounter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code /metrics} read back through a real Prometheus text-format parser.
 */
class OpsMetricsTest
{
    @TempDir
    Path dataDir;

    private OpsFixture ops;
    private final Recorder webhook = LatencyHistograms.newRecorder();
    private final Recorder engine = LatencyHistograms.newRecorder();

    @BeforeEach
    void start()
    {
        ops = new OpsFixture(dataDir);
        ops.latency.add(LatencySource.Stage.WEBHOOK, webhook).add(LatencySource.Stage.ENGINE, engine);
    }

    @AfterEach
    void stop()
    {
        ops.close();
    }

    @Test
    void shouldExposeEveryCounterInThePrometheusTextFormat() throws Exception
    {
        ops.kinds.get("message").set(42);
        ops.kinds.get("callback_query").set(5);
        ops.counter(RingbotCounter.ENGINE_UPDATES).set(47);
        ops.counter(RingbotCounter.WEBHOOK_CONNECTIONS_OPEN).set(3);
        ops.counter(RingbotCounter.JOURNAL_PENDING).set(11);

        final HttpResponse<String> response = ops.get("/metrics");

        assertEquals(200, response.statusCode());
        assertEquals("text/plain; version=0.0.4; charset=utf-8", response.headers().firstValue("content-type").orElseThrow());
        final Map<String, JsonNode> families = PrometheusTextParser.parse(response.body());

        for (final String name : families.keySet())
        {
            assertTrue(name.startsWith("ringbot_"), name);
        }
        for (final RingbotCounter c : RingbotCounter.values())
        {
            final JsonNode family = families.get("ringbot_" + c.metricName());
            assertNotNull(family, c.metricName());
            assertEquals(c.metricName().endsWith("_total") ? "COUNTER" : "GAUGE", family.get("type").asText(), c.metricName());
            assertEquals(c.label(), family.get("help").asText());
        }
        assertEquals(47.0, value(families, "ringbot_updates_handled_total"));
        assertEquals(3.0, value(families, "ringbot_webhook_connections_open"));
        assertEquals(11.0, value(families, "ringbot_journal_pending_records"));

        final JsonNode updates = families.get("ringbot_updates_total");
        assertEquals("COUNTER", updates.get("type").asText());
        assertEquals(OpsFixture.KINDS.length, updates.get("metrics").size());
        assertEquals(42.0, labelled(updates, "kind", "message"));
        assertEquals(5.0, labelled(updates, "kind", "callback_query"));
        assertEquals(0.0, labelled(updates, "kind", "inline_query"));
    }

    @Test
    void shouldExposeHealthStoreAndMemoryGauges() throws Exception
    {
        ops.health.ringRemaining = 768;
        ops.health.usersEntries = 250;
        ops.health.firestoreReachable = false;

        final Map<String, JsonNode> families = PrometheusTextParser.parse(ops.get("/metrics").body());

        assertEquals(1.0, value(families, "ringbot_health_status"));
        assertEquals(0.25, value(families, "ringbot_ring_fill_ratio"));
        assertEquals(250.0, labelled(families.get("ringbot_store_entries"), "table", "users"));
        assertEquals(1000.0, labelled(families.get("ringbot_store_capacity"), "table", "chats"));
        assertEquals(64.0 * 1024 * 1024, value(families, "ringbot_store_offheap_bytes"));
        assertEquals(1.0, value(families, "ringbot_journal_enabled"));
        assertEquals(0.0, value(families, "ringbot_firestore_reachable"));
        assertTrue(value(families, "ringbot_engine_heartbeat_age_seconds") < 5.0);
        assertTrue(value(families, "ringbot_jvm_heap_used_bytes") > 0);
        assertTrue(value(families, "ringbot_jvm_heap_committed_bytes") >= value(families, "ringbot_jvm_heap_used_bytes"));
        assertEquals("GAUGE", families.get("ringbot_jvm_buffer_pool_used_bytes").get("type").asText());
        assertTrue(labelled(families.get("ringbot_jvm_buffer_pool_used_bytes"), "pool", "mapped") > 0,
            "the counters file is memory-mapped");
    }

    @Test
    void shouldExposeLatenciesAsHistogramsInSeconds() throws Exception
    {
        for (int i = 1; i <= 1_000; i++)
        {
            webhook.recordValue(i * 1_000L);   // 1 µs .. 1 ms
        }
        engine.recordValue(3_000_000_000L);    // 3 s
        engine.recordValue(20_000_000_000L);   // 20 s: past the last finite bucket

        final Map<String, JsonNode> families = PrometheusTextParser.parse(ops.get("/metrics").body());

        final JsonNode web = families.get("ringbot_webhook_latency_seconds");
        assertEquals("HISTOGRAM", web.get("type").asText());
        final JsonNode point = web.get("metrics").get(0);
        assertEquals(1_000, Long.parseLong(point.get("count").asText()));
        final JsonNode buckets = point.get("buckets");
        assertEquals(1_000, Long.parseLong(buckets.get("+Inf").asText()));
        assertEquals(1_000, Long.parseLong(buckets.get("0.001").asText()), "every value is at most 1 ms");
        final long under100us = Long.parseLong(buckets.get("1.0E-4").asText());
        assertTrue(under100us >= 99 && under100us <= 101, "values up to 100 µs: " + under100us);
        assertEquals(0.5005, Double.parseDouble(point.get("sum").asText()), 0.001);
        long previous = 0;
        for (final JsonNode bucket : buckets)
        {
            final long cumulative = Long.parseLong(bucket.asText());
            assertTrue(cumulative >= previous, "buckets are cumulative");
            previous = cumulative;
        }

        final JsonNode eng = families.get("ringbot_engine_latency_seconds").get("metrics").get(0);
        assertEquals(2, Long.parseLong(eng.get("count").asText()));
        assertEquals(1, Long.parseLong(eng.get("buckets").get("5.0").asText()));
        assertEquals(2, Long.parseLong(eng.get("buckets").get("+Inf").asText()));

        assertNull(families.get("ringbot_journal_commit_latency_seconds"), "an unmeasured stage is left out");

        // Cumulative: a second scrape still counts the first scrape's values, plus the new ones.
        webhook.recordValue(5_000);
        final JsonNode again = PrometheusTextParser.parse(ops.get("/metrics").body())
            .get("ringbot_webhook_latency_seconds").get("metrics").get(0);
        assertEquals(1_001, Long.parseLong(again.get("count").asText()));
    }

    @Test
    void shouldLeaveOutUpdateKindsBeforeTheEngineAllocatesThem() throws Exception
    {
        try (OpsFixture bare = new OpsFixture(Files.createDirectories(dataDir.resolve("bare")),
            ctx -> ctx.latency(LatencySource.NONE)))
        {
            // Freed counters are what a counters file holds before the engine allocates the kinds.
            bare.kinds.values().forEach(AtomicCounter::close);
            final Map<String, JsonNode> families = PrometheusTextParser.parse(bare.get("/metrics").body());
            assertFalse(families.containsKey("ringbot_updates_total"));
            assertFalse(families.containsKey("ringbot_webhook_latency_seconds"));
            assertTrue(families.containsKey("ringbot_updates_handled_total"));
        }
    }

    private static double value(final Map<String, JsonNode> families, final String name)
    {
        final JsonNode family = families.get(name);
        assertNotNull(family, name);
        assertEquals(1, family.get("metrics").size(), name);
        return Double.parseDouble(family.get("metrics").get(0).get("value").asText());
    }

    private static double labelled(final JsonNode family, final String label, final String value)
    {
        for (final JsonNode metric : family.get("metrics"))
        {
            if (metric.has("labels") && value.equals(metric.get("labels").path(label).asText()))
            {
                return Double.parseDouble(metric.get("value").asText());
            }
        }
        throw new AssertionError("no " + label + "=\"" + value + "\" in " + family);
    }
}

package io.ringbot.io.ops;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.ringbot.io.outbound.AnswerAnomaly;
import io.ringbot.io.outbound.AnswerKind;
import io.ringbot.store.status.RingbotCounter;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.EpochClock;

import java.lang.management.BufferPoolMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /metrics}: the Prometheus text exposition format 0.0.4, written by the Prometheus client
 * library's own writer (escaping, number formatting, histogram suffixes are its business, not ours).
 * <p>
 * Names: {@code ringbot_} and each counter's {@link RingbotCounter#metricName()}; those ending in
 * {@code _total} are counters, the rest gauges. Update kinds are one counter with a label,
 * {@code ringbot_updates_total{kind="message"}}. Latencies are classic histograms in seconds,
 * {@code ringbot_<stage>_latency_seconds}, bucketed from HdrHistogram snapshots at scrape time.
 */
final class MetricsHandler implements OpsEndpoint
{
    static final String PREFIX = "ringbot_";
    static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;
    /**
     * From a fast engine update (µs) to a slow Firestore commit (seconds), 1-2-5 per decade, plus finer
     * steps around 1 s where the journal's lag sits (its per-document interval): a quantile interpolated
     * inside a wide bucket would be off by up to the bucket's width.
     */
    static final double[] LATENCY_BUCKETS_SECONDS = {
        0.000_001, 0.000_002, 0.000_005, 0.000_010, 0.000_020, 0.000_050, 0.000_100, 0.000_200, 0.000_500,
        0.001, 0.002, 0.005, 0.010, 0.020, 0.050, 0.100, 0.200, 0.500,
        0.8, 0.9, 1.0, 1.1, 1.2, 1.5, 2.0, 5.0, 10.0, Double.POSITIVE_INFINITY };

    private final CountersView counters;
    private final HealthSource health;
    private final HealthCheck check;
    private final LatencySource latency;
    private final JvmMemory memory;
    private final EpochClock clock;
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    MetricsHandler(final OpsContext ctx, final CountersView counters, final HealthCheck check, final JvmMemory memory)
    {
        this.counters = counters;
        this.health = ctx.health();
        this.check = check;
        this.latency = ctx.latency();
        this.memory = memory;
        this.clock = ctx.clock();
    }

    public FullHttpResponse respond(final QueryStringDecoder uri, final ByteBufAllocator alloc) throws Exception
    {
        final MetricSnapshots snapshots = collect();
        final ByteBuf body = alloc.buffer(16 * 1024);
        try (ByteBufOutputStream out = new ByteBufOutputStream(body))
        {
            writer.write(out, snapshots);
        }
        catch (final Exception ex)
        {
            body.release();
            throw ex;
        }
        return OpsResponses.of(HttpResponseStatus.OK, CONTENT_TYPE, body);
    }

    /**
     * @return every metric, read now.
     */
    MetricSnapshots collect()
    {
        final List<MetricSnapshot> all = new ArrayList<>(64);
        counterFile(all);
        updateKinds(all);
        sends(all);
        botApiAnswers(all);
        latencies(all);
        health(all);
        memory(all);
        return new MetricSnapshots(all);
    }

    private void counterFile(final List<MetricSnapshot> all)
    {
        for (final RingbotCounter c : RingbotCounter.values())
        {
            final String name = PREFIX + c.metricName();
            final long value = counters.value(c);
            if (name.endsWith("_total"))
            {
                // The writer appends "_total" to a counter's name itself.
                all.add(counter(name.substring(0, name.length() - "_total".length()), c.label(), Labels.EMPTY, value));
            }
            else
            {
                all.add(gauge(name, c.label(), value));
            }
        }
    }

    private void updateKinds(final List<MetricSnapshot> all)
    {
        final Map<String, Long> kinds = counters.kinds();
        if (kinds.isEmpty())
        {
            return;
        }
        final CounterSnapshot.Builder updates = CounterSnapshot.builder()
            .name(PREFIX + "updates")
            .help("engine: updates applied, by kind (the Update field that carries the payload)");
        kinds.forEach((kind, value) -> updates.dataPoint(
            CounterDataPointSnapshot.builder().labels(Labels.of("kind", kind)).value(value).build()));
        all.add(updates.build());
    }

    private void sends(final List<MetricSnapshot> all)
    {
        final Map<String, Long> sends = counters.sends();
        if (sends.isEmpty())
        {
            return;
        }
        final CounterSnapshot.Builder snapshot = CounterSnapshot.builder()
            .name(PREFIX + "sends")
            .help("outbound: Bot API calls by method and result (ok, error, 429, retry, unknown)");
        sends.forEach((key, value) ->
        {
            final int space = key.indexOf(' ');
            snapshot.dataPoint(CounterDataPointSnapshot.builder()
                .labels(Labels.of("method", key.substring(0, space), "result", key.substring(space + 1))).value(value).build());
        });
        all.add(snapshot.build());
    }

    private void botApiAnswers(final List<MetricSnapshot> all)
    {
        botApiKinds(all, AnswerKind.LABEL_PREFIX, "botapi_answers", "outbound: the Bot API's answers by kind " +
            "(ok, api_error, too_many_requests, token_refused, server_error, redirect, not_bot_api, not_http, too_large, " +
            "no_answer, unreachable)");
        botApiKinds(all, AnswerAnomaly.LABEL_PREFIX, "botapi_anomalies", "outbound: what was wrong inside " +
            "answers still read (retry_after_capped, retry_after_unreadable, error_code_unreadable, ill_formed_utf8)");
    }

    private void botApiKinds(final List<MetricSnapshot> all, final String prefix, final String name, final String help)
    {
        final Map<String, Long> kinds = counters.botApi(prefix);
        if (kinds.isEmpty())
        {
            return;
        }
        final CounterSnapshot.Builder snapshot = CounterSnapshot.builder().name(PREFIX + name).help(help);
        kinds.forEach((kind, value) -> snapshot.dataPoint(
            CounterDataPointSnapshot.builder().labels(Labels.of("kind", kind)).value(value).build()));
        all.add(snapshot.build());
    }

    private void latencies(final List<MetricSnapshot> all)
    {
        for (final LatencySource.Stage stage : LatencySource.Stage.values())
        {
            final Histogram h = latency.snapshot(stage);
            if (h != null)
            {
                all.add(histogram(PREFIX + stage.metricName() + "_latency_seconds", stage, h));
            }
        }
    }

    private static MetricSnapshot histogram(final String name, final LatencySource.Stage stage, final Histogram h)
    {
        final double[] bounds = LATENCY_BUCKETS_SECONDS;
        final long[] counts = new long[bounds.length];
        final long total = h.getTotalCount();
        long below = 0;
        for (int i = 0; i < bounds.length - 1; i++)
        {
            // Counting up to the bound's highest equivalent value is exact to HdrHistogram's precision.
            final long cumulative = total == 0 ? 0 : h.getCountBetweenValues(0, (long)(bounds[i] * 1e9));
            counts[i] = Math.max(0, cumulative - below);
            below += counts[i];
        }
        counts[bounds.length - 1] = Math.max(0, total - below);
        // HdrHistogram keeps no exact sum: mean × count is within its precision (3 digits).
        final double sumSeconds = total == 0 ? 0.0 : h.getMean() * total / 1e9;
        return HistogramSnapshot.builder()
            .name(name)
            .help(stage.metricName() + " latency in seconds (from an HdrHistogram of nanoseconds)")
            .dataPoint(HistogramDataPointSnapshot.builder()
                .classicHistogramBuckets(ClassicHistogramBuckets.of(bounds, counts))
                .sum(sumSeconds)
                .build())
            .build();
    }

    private void health(final List<MetricSnapshot> all)
    {
        final HealthStatus status = check.evaluate().status();
        all.add(gauge(PREFIX + "health_status", "health: 0 ok, 1 degraded, 2 down (as /healthz)", status.ordinal()));

        final long heartbeat = health.engineHeartbeatMillis();
        if (heartbeat > 0)
        {
            all.add(gauge(PREFIX + "engine_heartbeat_age_seconds", "engine: seconds since its last heartbeat",
                Math.max(0, clock.time() - heartbeat) / 1000.0));
        }
        final long ringCapacity = health.ringCapacity();
        all.add(gauge(PREFIX + "ring_fill_ratio", "ring: fraction of slots in use",
            ringCapacity > 0 ? (double)Math.max(0, ringCapacity - health.ringRemaining()) / ringCapacity : 0.0));
        final GaugeSnapshot.Builder entries = GaugeSnapshot.builder()
            .name(PREFIX + "store_entries")
            .help("store: records in each table");
        final GaugeSnapshot.Builder capacity = GaugeSnapshot.builder()
            .name(PREFIX + "store_capacity")
            .help("store: records each table was sized for");
        for (int t = 0, tables = health.tableCount(); t < tables; t++)
        {
            entries.dataPoint(point("table", health.tableName(t), health.tableEntries(t)));
            capacity.dataPoint(point("table", health.tableName(t), health.tableCapacity(t)));
        }
        all.add(entries.build());
        all.add(capacity.build());
        all.add(gauge(PREFIX + "store_offheap_bytes", "store: off-heap bytes of the Chronicle Maps", health.storeOffHeapBytes()));
        final boolean journaling = health.journalEnabled();
        all.add(gauge(PREFIX + "journal_enabled", "journal: 1 when changes are journaled to Firestore", journaling ? 1 : 0));
        if (journaling)
        {
            all.add(gauge(PREFIX + "firestore_reachable", "journal: 1 when the last Firestore call got through",
                health.firestoreReachable() ? 1 : 0));
        }
    }

    private void memory(final List<MetricSnapshot> all)
    {
        memory.read();
        all.add(gauge(PREFIX + "jvm_heap_used_bytes", "jvm: heap in use", memory.heapUsed));
        all.add(gauge(PREFIX + "jvm_heap_committed_bytes", "jvm: heap committed", memory.heapCommitted));
        if (memory.heapMax >= 0)
        {
            all.add(gauge(PREFIX + "jvm_heap_max_bytes", "jvm: heap limit", memory.heapMax));
        }
        all.add(gauge(PREFIX + "jvm_nonheap_used_bytes", "jvm: non-heap in use (metaspace, code cache)", memory.nonHeapUsed));
        final GaugeSnapshot.Builder pools = GaugeSnapshot.builder()
            .name(PREFIX + "jvm_buffer_pool_used_bytes")
            .help("jvm: NIO buffer pools in use (direct buffers; mapped files)");
        for (final BufferPoolMXBean pool : memory.pools())
        {
            pools.dataPoint(point("pool", pool.getName(), pool.getMemoryUsed()));
        }
        all.add(pools.build());
        if (memory.nettyDirectUsed >= 0)
        {
            all.add(gauge(PREFIX + "netty_direct_used_bytes", "netty: direct memory of the default allocator",
                memory.nettyDirectUsed));
        }
    }

    private static MetricSnapshot counter(final String name, final String help, final Labels labels, final double value)
    {
        return CounterSnapshot.builder()
            .name(name)
            .help(help)
            .dataPoint(CounterDataPointSnapshot.builder().labels(labels).value(value).build())
            .build();
    }

    private static MetricSnapshot gauge(final String name, final String help, final double value)
    {
        return GaugeSnapshot.builder()
            .name(name)
            .help(help)
            .dataPoint(GaugeDataPointSnapshot.builder().value(value).build())
            .build();
    }

    private static GaugeDataPointSnapshot point(final String label, final String value, final double v)
    {
        return GaugeDataPointSnapshot.builder().labels(Labels.of(label, value)).value(v).build();
    }
}

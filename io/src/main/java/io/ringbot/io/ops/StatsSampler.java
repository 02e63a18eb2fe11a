package io.ringbot.io.ops;

import io.ringbot.store.journal.RecordType;
import io.ringbot.store.status.RingbotCounter;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.EpochClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;

/**
 * Takes the dashboard's sample once a period on the ops event loop: rates from counter differences,
 * latency percentiles of the period (the difference of two cumulative histograms), fills, memory, and
 * the health verdict; keeps the last few minutes so that a newly opened dashboard starts with history.
 * <p>
 * Sampling here rather than in the browser makes rates true per second of wall time whatever the number
 * of open dashboards or how often they poll. Only the event loop touches this class.
 */
final class StatsSampler implements Runnable
{
    private static final Logger LOG = LoggerFactory.getLogger(StatsSampler.class);
    private static final int USERS = RecordType.USER.index();
    private static final int CHATS = RecordType.CHAT.index();
    private static final double[] PERCENTILES = { 50.0, 90.0, 99.0, 99.9 };
    private static final String[] PERCENTILE_NAMES = { "p50", "p90", "p99", "p999" };

    private final CountersView counters;
    private final HealthSource health;
    private final HealthCheck check;
    private final LatencySource latency;
    private final JvmMemory memory;
    private final EpochClock clock;
    private final int capacity;
    private final ArrayDeque<Sample> history;
    private final EnumMap<LatencySource.Stage, Histogram> previousLatency = new EnumMap<>(LatencySource.Stage.class);
    private final OpsJsonEncoder json = new OpsJsonEncoder(1024);

    private long seq;
    private long previousTime = -1;
    private long previousUpdates;
    private long previousWebhook;
    private long previousErrors;
    private long previousJournalWrites;
    private long previousHits;
    private long previousMisses;
    private boolean failureLogged;

    /**
     * One sample: its sequence number and its JSON object, rendered once.
     */
    record Sample(long seq, String json)
    {
    }

    StatsSampler(final OpsContext ctx, final CountersView counters, final HealthCheck check, final JvmMemory memory)
    {
        this.counters = counters;
        this.health = ctx.health();
        this.check = check;
        this.latency = ctx.latency();
        this.memory = memory;
        this.clock = ctx.clock();
        this.capacity = ctx.historySamples();
        this.history = new ArrayDeque<>(capacity);
    }

    public void run()
    {
        try
        {
            sample();
        }
        catch (final RuntimeException ex)
        {
            // Never let it escape: an exception would cancel the periodic task and freeze the dashboard.
            if (!failureLogged)
            {
                failureLogged = true;
                LOG.warn("dashboard sample failed (logged once): {}", ex.toString(), ex);
            }
        }
    }

    /**
     * @param afterSeq the last sequence number the caller has, or -1 for all.
     * @return the newer samples' JSON objects, oldest first.
     */
    List<String> since(final long afterSeq)
    {
        final List<String> newer = new ArrayList<>(Math.min(history.size(), 64));
        for (final Sample s : history)
        {
            if (s.seq() > afterSeq)
            {
                newer.add(s.json());
            }
        }
        return newer;
    }

    /**
     * @return the newest sample's sequence number, -1 before the first.
     */
    long lastSeq()
    {
        return seq - 1;
    }

    void sample()
    {
        final long now = clock.time();
        final double seconds = previousTime < 0 ? 0.0 : Math.max(1, now - previousTime) / 1000.0;

        final long updates = counters.value(RingbotCounter.ENGINE_UPDATES);
        final long webhook = counters.value(RingbotCounter.WEBHOOK_REQUESTS);
        final long errors = counters.value(RingbotCounter.ERRORS);
        final long journalWrites = counters.value(RingbotCounter.JOURNAL_WRITES);
        final long hits = counters.value(RingbotCounter.STORE_BINDING_HITS);
        final long misses = counters.value(RingbotCounter.STORE_BINDING_MISSES);

        final OpsJsonEncoder w = json.begin().startObject()
            .field("seq", seq)
            .field("t", now)
            .field("updatesPerSec", rate(updates, previousUpdates, seconds))
            .field("webhookPerSec", rate(webhook, previousWebhook, seconds))
            .field("errorsPerSec", rate(errors, previousErrors, seconds))
            .field("journalWritesPerSec", rate(journalWrites, previousJournalWrites, seconds))
            .field("updatesTotal", updates)
            .field("errorsTotal", errors);

        latency(w);

        final long ringCapacity = health.ringCapacity();
        final long ringUsed = Math.max(0, ringCapacity - health.ringRemaining());
        final long users = health.tableEntries(USERS);
        final long usersCapacity = health.tableCapacity(USERS);
        final long chats = health.tableEntries(CHATS);
        final long chatsCapacity = health.tableCapacity(CHATS);
        w.field("ringUsed", ringUsed)
            .field("ringCapacity", ringCapacity)
            .field("ringFill", ratio(ringUsed, ringCapacity))
            .field("users", users)
            .field("usersFill", ratio(users, usersCapacity))
            .field("chats", chats)
            .field("chatsFill", ratio(chats, chatsCapacity))
            .field("hitRatio", previousTime < 0 ? Double.NaN : ratio(hits - previousHits, hits - previousHits + misses - previousMisses))
            .field("hitRatioTotal", ratio(hits, hits + misses));

        final boolean journaling = health.journalEnabled();
        w.field("journalEnabled", journaling)
            .field("journalPending", journaling ? health.journalPending() : 0)
            .field("journalLagSec", journaling ? health.journalOldestPendingMillis() / 1000.0 : 0.0)
            .field("firestoreReachable", journaling && health.firestoreReachable());
        final boolean sending = health.botApiState() >= 0;
        w.field("outboundEnabled", sending)
            .field("outboundQueued", health.outboundQueueDepth())
            .field("broadcastRecipients", health.broadcastRecipients())
            .field("broadcastDone", health.broadcastDone());

        memory.read();
        w.field("heapUsed", memory.heapUsed)
            .field("heapCommitted", memory.heapCommitted)
            .field("heapMax", memory.heapMax)
            .field("nonHeapUsed", memory.nonHeapUsed)
            .field("directUsed", memory.directUsed)
            .field("mappedUsed", memory.mappedUsed)
            .field("nettyDirectUsed", memory.nettyDirectUsed)
            .field("storeOffHeap", health.storeOffHeapBytes())
            .field("connections", counters.value(RingbotCounter.WEBHOOK_CONNECTIONS_OPEN))
            .field("health", check.evaluate().status().text())
            .endObject();

        if (history.size() == capacity)
        {
            history.removeFirst();
        }
        history.addLast(new Sample(seq++, w.finish().toString()));
        previousTime = now;
        previousUpdates = updates;
        previousWebhook = webhook;
        previousErrors = errors;
        previousJournalWrites = journalWrites;
        previousHits = hits;
        previousMisses = misses;
    }

    private void latency(final OpsJsonEncoder w)
    {
        w.name("latency").startObject();
        for (final LatencySource.Stage stage : LatencySource.Stage.values())
        {
            final Histogram total = latency.snapshot(stage);
            if (total == null)
            {
                continue;
            }
            final Histogram previous = previousLatency.put(stage, total);
            Histogram period = total;
            if (previous != null)
            {
                period = total.copy();
                try
                {
                    period.subtract(previous);
                }
                catch (final RuntimeException ex)
                {
                    // Not cumulative after all (e.g. the source was reset): show its values as they are.
                    period = total;
                }
            }
            w.name(stage.metricName()).startObject().field("count", period.getTotalCount());
            for (int i = 0; i < PERCENTILES.length; i++)
            {
                // Microseconds: the unit a person reads for this server, and what the charts show.
                w.field(PERCENTILE_NAMES[i], period.getTotalCount() == 0 ? Double.NaN :
                    period.getValueAtPercentile(PERCENTILES[i]) / 1000.0);
            }
            w.field("max", period.getTotalCount() == 0 ? Double.NaN : period.getMaxValue() / 1000.0).endObject();
        }
        w.endObject();
    }

    private static double rate(final long now, final long before, final double seconds)
    {
        // Millisecond timing makes digits past the third decimal noise: drop them to keep samples short.
        return seconds > 0 ? Math.round(Math.max(0, now - before) / seconds * 1000.0) / 1000.0 : Double.NaN;
    }

    private static double ratio(final long part, final long whole)
    {
        return whole > 0 ? HealthCheck.round4((double)part / whole) : Double.NaN;
    }
}

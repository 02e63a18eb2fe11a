package io.ringbot.io.ops;

import io.ringbot.engine.load.StoreRoom;
import io.ringbot.io.outbound.OutboundAgent;
import org.agrona.concurrent.EpochClock;

/**
 * Judges the server's health from a {@link HealthSource} against the context's thresholds: the engine is
 * down when its heartbeat is stale (nothing gets answered), and so is a record table without room for a new
 * record (updates that need one are refused 503 until someone acts: the check says what to do); a full ring, a
 * store table filling up without Firestore, a lagging journal or an unreachable Firestore while journaling
 * only degrade it (updates are still answered, but something needs attention before it turns into lost
 * capacity or lost durability). With Firestore on, a table near its capacity is a full cache, not a problem:
 * the engine evicts records Firestore holds. The disk holding the data folder under its reserve is down too (the
 * tables take no new record until space comes back).
 */
final class HealthCheck
{
    /** A delivery error Telegram reported this recently degrades the webhook check. */
    static final long RECENT_WEBHOOK_ERROR_SECONDS = 600;
    static final String NO_ROOM_ONLY_COPY = "no room for a new record: updates that need one are refused 503 " +
        "(Telegram delivers them again) and nothing of them is kept. Firestore is off, so the store is the only copy " +
        "and nothing is evicted: raise USERS_CAPACITY (--users-capacity) and restart, or turn the Firestore journal " +
        "on so that records it holds are evicted and read back";
    static final String NO_ROOM_EVICTING = "no room for a new record: updates that need one are refused 503 " +
        "(Telegram delivers them again) and nothing of them is kept. Every record has changes Firestore has not " +
        "acknowledged, so none can be evicted: see the firestore and journal checks; room comes back as Firestore " +
        "acknowledges them";
    static final String DISK_LOW = "the disk holding DATA_DIR has less usable space than STORE_DISK_RESERVE_MB: " +
        "updates that need a new record are refused 503 (Telegram delivers them again) and nothing of them is kept; " +
        "records the store holds go on changing. Free disk space or move DATA_DIR to a larger disk: new records are " +
        "stored again within a second of the space coming back";

    private final HealthSource source;
    private String[] tableNames = new String[0];
    private long[] tableEntries = new long[0];
    private long[] tableCapacities = new long[0];
    private boolean[] tableFull = new boolean[0];
    private final EpochClock clock;
    private final long heartbeatDownMillis;
    private final double fillDegradedRatio;
    private final long journalLagDegradedMillis;
    private final OpsJsonEncoder checks = new OpsJsonEncoder(640);
    private final OpsJsonEncoder report = new OpsJsonEncoder(768);

    HealthCheck(final OpsContext ctx)
    {
        source = ctx.health();
        clock = ctx.clock();
        heartbeatDownMillis = ctx.heartbeatDownMillis();
        fillDegradedRatio = ctx.fillDegradedRatio();
        journalLagDegradedMillis = ctx.journalLagDegradedMillis();
    }

    /**
     * Evaluates every check now.
     *
     * @return the verdict and the JSON document of {@code /healthz}.
     */
    synchronized HealthReport evaluate() // the handlers and the sampler share it (all on the ops thread, normally)
    {
        final OpsJsonEncoder w = checks.begin().startObject();
        HealthStatus status;
        try
        {
            // Everything is read before anything is written, so a source that throws leaves no half document.
            final long heartbeat = source.engineHeartbeatMillis();
            final long ringCapacity = source.ringCapacity();
            final long ringRemaining = source.ringRemaining();
            final int tables = readTables();
            final boolean diskLow = source.diskLow();
            final long diskUsable = source.diskUsableBytes();
            final long diskReserve = source.diskReserveBytes();
            final boolean journalEnabled = source.journalEnabled();
            final long pending = journalEnabled ? source.journalPending() : 0;
            final long oldest = journalEnabled ? source.journalOldestPendingMillis() : 0;
            final long evictions = journalEnabled ? source.storeEvictions() : 0;
            final long readBacks = journalEnabled ? source.storeReadBacks() : 0;
            final boolean reachable = journalEnabled && source.firestoreReachable();
            final int botApi = source.botApiState();
            final long outboundDepth = source.outboundQueueDepth();
            final long broadcastRecipients = source.broadcastRecipients();
            final long broadcastDone = source.broadcastDone();
            final boolean webhookRegistered = source.webhookRegistered();
            final long webhookPending = webhookRegistered ? source.webhookPendingUpdates() : 0;
            final long webhookErrorDate = webhookRegistered ? source.webhookLastErrorDate() : 0;
            final String webhookError = webhookRegistered ? source.webhookLastErrorMessage() : "";
            final boolean webhookDrift = webhookRegistered && source.webhookDrift();

            status = engine(w, heartbeat);
            status = status.worst(fill(w, "ring", "used", Math.max(0, ringCapacity - ringRemaining), ringCapacity));
            for (int t = 0; t < tables; t++)
            {
                status = status.worst(table(w, t, journalEnabled));
            }
            status = status.worst(disk(w, diskLow, diskUsable, diskReserve));
            status = status.worst(journal(w, journalEnabled, pending, oldest, evictions, readBacks));
            status = status.worst(firestore(w, journalEnabled, reachable));
            status = status.worst(botApi(w, botApi, outboundDepth, broadcastRecipients, broadcastDone));
            status = status.worst(webhook(w, webhookRegistered, webhookPending, webhookErrorDate, webhookError, webhookDrift));
        }
        catch (final RuntimeException ex)
        {
            // A source that cannot answer (e.g. the store closing under it) means we cannot vouch for anything.
            w.name("source").startObject()
                .field("status", HealthStatus.DOWN.text())
                .field("error", ex.toString())
                .endObject();
            status = HealthStatus.DOWN;
        }
        final String checksJson = w.endObject().finish().toString();
        return new HealthReport(status, report.begin().startObject()
            .field("status", status.text())
            .name("checks").raw(checksJson)
            .endObject().finish().toString());
    }

    private HealthStatus engine(final OpsJsonEncoder w, final long heartbeat)
    {
        final long age = heartbeat > 0 ? Math.max(0, clock.time() - heartbeat) : -1;
        final HealthStatus status = age < 0 || age > heartbeatDownMillis ? HealthStatus.DOWN : HealthStatus.OK;
        w.name("engine").startObject().field("status", status.text());
        if (age < 0)
        {
            w.field("detail", "no heartbeat yet");
        }
        else
        {
            w.field("heartbeatAgeMillis", age);
        }
        w.field("downAfterMillis", heartbeatDownMillis).endObject();
        return status;
    }

    /**
     * Reads every record table's fill (users, chats, further types) into reused arrays.
     *
     * @return the number of tables.
     */
    private int readTables()
    {
        final int tables = source.tableCount();
        if (tableNames.length < tables)
        {
            tableNames = new String[tables];
            tableEntries = new long[tables];
            tableCapacities = new long[tables];
            tableFull = new boolean[tables];
        }
        for (int t = 0; t < tables; t++)
        {
            tableNames[t] = source.tableName(t);
            tableEntries[t] = source.tableEntries(t);
            tableCapacities[t] = source.tableCapacity(t);
            tableFull[t] = source.tableFull(t);
        }
        return tables;
    }

    /**
     * A record table: down without room for a new record (with what to do); otherwise, without Firestore, degraded
     * past the fill ratio; with Firestore, ok at any fill (the engine evicts above {@link StoreRoom#HIGH_WATER}).
     */
    private HealthStatus table(final OpsJsonEncoder w, final int t, final boolean journalEnabled)
    {
        final long capacity = tableCapacities[t];
        final double fill = capacity > 0 ? (double)tableEntries[t] / capacity : 0.0;
        final HealthStatus status = tableFull[t] ? HealthStatus.DOWN :
            !journalEnabled && fill > fillDegradedRatio ? HealthStatus.DEGRADED : HealthStatus.OK;
        w.name(tableNames[t]).startObject()
            .field("status", status.text())
            .field("entries", tableEntries[t])
            .field("capacity", capacity)
            .field("fill", round4(fill));
        if (journalEnabled)
        {
            w.field("evictsAbove", StoreRoom.HIGH_WATER);
        }
        else
        {
            w.field("degradedAbove", fillDegradedRatio);
        }
        if (tableFull[t])
        {
            w.field("detail", journalEnabled ? NO_ROOM_EVICTING : NO_ROOM_ONLY_COPY);
        }
        w.endObject();
        return status;
    }

    /**
     * The disk holding the data folder: down under its reserve (the tables take no new record), with what to do.
     * Absent when no guard watches it.
     */
    private static HealthStatus disk(final OpsJsonEncoder w, final boolean low, final long usable, final long reserve)
    {
        if (usable < 0 && !low)
        {
            return HealthStatus.OK;
        }
        final HealthStatus status = low ? HealthStatus.DOWN : HealthStatus.OK;
        w.name("disk").startObject()
            .field("status", status.text())
            .field("usableBytes", usable)
            .field("reserveBytes", reserve);
        if (low)
        {
            w.field("detail", DISK_LOW);
        }
        w.endObject();
        return status;
    }

    private HealthStatus fill(final OpsJsonEncoder w, final String name, final String usedName, final long used, final long capacity)
    {
        final double fill = capacity > 0 ? (double)used / capacity : 0.0;
        final HealthStatus status = fill > fillDegradedRatio ? HealthStatus.DEGRADED : HealthStatus.OK;
        w.name(name).startObject()
            .field("status", status.text())
            .field(usedName, used)
            .field("capacity", capacity)
            .field("fill", round4(fill))
            .field("degradedAbove", fillDegradedRatio)
            .endObject();
        return status;
    }

    /** With the journal on, the store is a cache over Firestore: its evictions and read-backs are shown here. */
    private HealthStatus journal(final OpsJsonEncoder w, final boolean enabled, final long pending, final long oldestMillis,
        final long evictions, final long readBacks)
    {
        w.name("journal").startObject();
        if (!enabled)
        {
            w.field("status", HealthStatus.OK.text()).field("enabled", false).endObject();
            return HealthStatus.OK;
        }
        final HealthStatus status = oldestMillis > journalLagDegradedMillis ? HealthStatus.DEGRADED : HealthStatus.OK;
        w.field("status", status.text())
            .field("enabled", true)
            .field("pending", pending)
            .field("oldestPendingMillis", oldestMillis)
            .field("degradedAfterMillis", journalLagDegradedMillis)
            .field("storeEvictions", evictions)
            .field("storeReadBacks", readBacks)
            .endObject();
        return status;
    }

    private static HealthStatus firestore(final OpsJsonEncoder w, final boolean journalEnabled, final boolean reachable)
    {
        w.name("firestore").startObject();
        if (!journalEnabled)
        {
            // Without a journal nothing waits on Firestore, so its reachability cannot hurt.
            w.field("status", HealthStatus.OK.text()).field("enabled", false).endObject();
            return HealthStatus.OK;
        }
        final HealthStatus status = reachable ? HealthStatus.OK : HealthStatus.DEGRADED;
        w.field("status", status.text()).field("enabled", true).field("reachable", reachable).endObject();
        return status;
    }

    /**
     * Failing degrades (every call for a few seconds got no answer a working Bot API gives: calls not sent wait,
     * nothing is lost); a refused token is down for sending.
     */
    private static HealthStatus botApi(final OpsJsonEncoder w, final int state, final long depth, final long recipients,
        final long done)
    {
        w.name("botApi").startObject();
        if (state < 0)
        {
            w.field("status", HealthStatus.OK.text()).field("enabled", false).endObject();
            return HealthStatus.OK;
        }
        final HealthStatus status = state == 0 ? HealthStatus.OK : state == 1 ? HealthStatus.DEGRADED : HealthStatus.DOWN;
        w.field("status", status.text()).field("enabled", true)
            .field("detail", state == 0 ? "ok" : state == 1 ? "unreachable or failing: every call for " +
                OutboundAgent.FAILING_WINDOW_MILLIS / 1000 + " s or more " +
                "failed (no connection, no answer, or answers no working Bot API gives: 5xx, redirects, not HTTP, not " +
                "its JSON, too large; ringbot_botapi_answers_total has the kinds): calls not acted on wait and retry; " +
                "calls sent without a well-formed answer are reported unknown" : "BOT_TOKEN refused (401): nothing can be sent")
            .field("queued", depth)
            .field("broadcastRecipients", recipients)
            .field("broadcastDone", done)
            .endObject();
        return status;
    }

    /** A drifted registration or a recent delivery error degrades: Telegram may not be reaching us. */
    private HealthStatus webhook(final OpsJsonEncoder w, final boolean registered, final long pending, final long errorDate,
        final String error, final boolean drift)
    {
        w.name("webhook").startObject();
        if (!registered)
        {
            w.field("status", HealthStatus.OK.text()).field("managed", false).endObject();
            return HealthStatus.OK;
        }
        final long errorAgeSeconds = errorDate > 0 ? Math.max(0, clock.time() / 1000 - errorDate) : -1;
        final boolean recentError = errorAgeSeconds >= 0 && errorAgeSeconds < RECENT_WEBHOOK_ERROR_SECONDS;
        final HealthStatus status = drift || recentError ? HealthStatus.DEGRADED : HealthStatus.OK;
        w.field("status", status.text()).field("managed", true)
            .field("pendingUpdates", pending)
            .field("drift", drift)
            .field("lastErrorDate", errorDate)
            .field("lastErrorMessage", error == null ? "" : error)
            .field("degradedForErrorsWithinSeconds", RECENT_WEBHOOK_ERROR_SECONDS)
            .endObject();
        return status;
    }

    static double round4(final double v)
    {
        return Math.round(v * 10_000.0) / 10_000.0;
    }
}

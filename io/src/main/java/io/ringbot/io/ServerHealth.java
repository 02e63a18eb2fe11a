package io.ringbot.io;

import io.ringbot.engine.Engine;
import io.ringbot.io.ops.HealthSource;
import io.ringbot.store.StateStore;
import io.ringbot.store.record.RecordTable;
import io.ringbot.store.status.RingbotCounter;
import org.agrona.concurrent.status.CountersReader;

/**
 * What /healthz checks, read from the live counters and the store on the ops thread: never from the
 * engine's own fields.
 */
final class ServerHealth implements HealthSource
{
    private final CountersReader counters;
    private final Engine engine;
    private final RecordTable[] tables;
    private final Journal journal;
    private final boolean outbound;
    private final java.util.function.Supplier<String> webhookError;
    private long diskReserveBytes = -1;

    ServerHealth(final CountersReader counters, final Engine engine, final StateStore store, final Journal journal,
        final boolean outbound)
    {
        this(counters, engine, store, journal, outbound, () -> "");
    }

    ServerHealth(final CountersReader counters, final Engine engine, final StateStore store, final Journal journal,
        final boolean outbound, final java.util.function.Supplier<String> webhookError)
    {
        this.webhookError = webhookError;
        this.outbound = outbound;
        this.counters = counters;
        this.engine = engine;
        this.tables = store.tables();
        this.journal = journal;
    }

    public long engineHeartbeatMillis()
    {
        return value(RingbotCounter.ENGINE_HEARTBEAT_MS);
    }

    public long ringCapacity()
    {
        return value(RingbotCounter.RING_CAPACITY);
    }

    public long ringRemaining()
    {
        return engine.ring().remainingCapacity();
    }

    public int tableCount()
    {
        return tables.length;
    }

    public String tableName(final int table)
    {
        return tables[table].schema().name();
    }

    public long tableEntries(final int table)
    {
        return tables[table].size();
    }

    public long tableCapacity(final int table)
    {
        return tables[table].capacity();
    }

    public boolean tableFull(final int table)
    {
        return table < Long.SIZE && ((value(RingbotCounter.STORE_FULL_TABLES) >>> table) & 1) != 0;
    }

    /**
     * @param reserveBytes the disk guard's reserve: with it /healthz has a {@code disk} check.
     * @return this.
     */
    ServerHealth diskReserveBytes(final long reserveBytes)
    {
        this.diskReserveBytes = reserveBytes;
        return this;
    }

    public boolean diskLow()
    {
        return value(RingbotCounter.STORE_DISK_LOW) != 0;
    }

    public long diskUsableBytes()
    {
        return diskReserveBytes < 0 ? -1 : value(RingbotCounter.STORE_DISK_USABLE_BYTES);
    }

    public long diskReserveBytes()
    {
        return Math.max(0, diskReserveBytes);
    }

    public long storeOffHeapBytes()
    {
        long bytes = 0;
        for (final RecordTable table : tables)
        {
            bytes += table.offHeapBytes();
        }
        return bytes;
    }

    public boolean journalEnabled()
    {
        return journal != null;
    }

    public long journalPending()
    {
        return value(RingbotCounter.JOURNAL_PENDING);
    }

    public long journalOldestPendingMillis()
    {
        return value(RingbotCounter.JOURNAL_OLDEST_PENDING_MS);
    }

    public long storeEvictions()
    {
        return value(RingbotCounter.STORE_EVICTIONS);
    }

    public long storeReadBacks()
    {
        return value(RingbotCounter.STORE_READ_BACKS);
    }

    public boolean firestoreReachable()
    {
        return journal == null || journal.firestoreReachable();
    }

    public int botApiState()
    {
        return outbound ? (int)value(RingbotCounter.OUTBOUND_API_STATE) : -1;
    }

    public long outboundQueueDepth()
    {
        return value(RingbotCounter.OUTBOUND_QUEUE_DEPTH);
    }

    public long broadcastRecipients()
    {
        return value(RingbotCounter.BROADCAST_RECIPIENTS);
    }

    public long broadcastDone()
    {
        return value(RingbotCounter.BROADCAST_DONE);
    }

    public boolean webhookRegistered()
    {
        return value(RingbotCounter.WEBHOOK_REGISTERED) == 1;
    }

    public long webhookPendingUpdates()
    {
        return value(RingbotCounter.WEBHOOK_PENDING_UPDATES);
    }

    public long webhookLastErrorDate()
    {
        return value(RingbotCounter.WEBHOOK_LAST_ERROR_DATE);
    }

    public String webhookLastErrorMessage()
    {
        return webhookError.get();
    }

    public boolean webhookDrift()
    {
        return value(RingbotCounter.WEBHOOK_DRIFT) == 1;
    }

    private long value(final RingbotCounter counter)
    {
        return counters.getCounterValue(counter.id());
    }
}

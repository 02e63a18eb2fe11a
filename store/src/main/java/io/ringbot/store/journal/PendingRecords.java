package io.ringbot.store.journal;

import io.ringbot.store.record.Record;
import io.ringbot.store.record.RecordMaps;
import io.ringbot.store.record.RecordTable;
import net.openhft.chronicle.core.values.LongValue;
import net.openhft.chronicle.map.ChronicleMap;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.LongArrayQueue;
import org.agrona.collections.LongHashSet;


/**
 * The journal's bookkeeping for one record type, owned by the journal thread.
 * <pre>
 *   dirtySince: id -> epoch ms it was first seen dirty      every pending record (waiting or in flight)
 *   waiting:    FIFO of pending ids not in flight           the order records are considered in
 *   inFlight:   ids in a commit awaiting acknowledgement    never two writes of one document at once
 *   lastWrite:  id -> epoch ms its last commit was sent     the per-document interval; pruned
 * </pre>
 */
final class PendingRecords
{
    static final long NONE = Long.MIN_VALUE;

    final RecordType type;
    final RecordSnapshot snapshot;
    private final ChronicleMap<LongValue, byte[]> map;
    private final DocumentEncoder encoder;
    private final Long2LongHashMap dirtySince = new Long2LongHashMap(NONE);
    private final LongArrayQueue waiting = new LongArrayQueue(NONE);
    private final LongHashSet inFlight = new LongHashSet();
    private final Long2LongHashMap lastWrite = new Long2LongHashMap(NONE);
    private final Record scanRecord;
    private final RecordMaps.Visitor onScanEntry = this::onScanEntry;
    private long scanNowMs;
    private int scanFound;

    PendingRecords(final RecordType type, final RecordTable table, final DocumentEncoder encoder, final int snapshotAttempts)
    {
        this.type = type;
        this.map = table.map();
        this.snapshot = new RecordSnapshot(map, table.schema(), snapshotAttempts);
        this.encoder = encoder;
        this.scanRecord = Record.flyweight(table.schema());
    }

    /**
     * @return true when the id was not pending before.
     */
    boolean markDirty(final long id, final long nowMs)
    {
        if (dirtySince.putIfAbsent(id, nowMs) == NONE)
        {
            waiting.addLong(id);
            return true;
        }
        return false;
    }

    /**
     * Finds every record with {@code version > syncedVersion}: after a restart and after the change log
     * overflowed. Holds each map segment's read lock while it walks that segment.
     *
     * @return how many were not pending yet.
     */
    int rescan(final long nowMs)
    {
        scanNowMs = nowMs;
        scanFound = 0;
        RecordMaps.forEach(map, scanRecord, onScanEntry);
        return scanFound;
    }

    int waitingCount()
    {
        return waiting.size();
    }

    long pollWaiting()
    {
        return waiting.pollLong();
    }

    void requeue(final long id)
    {
        waiting.addLong(id);
    }

    /**
     * @return true when the per-document interval allows a write of this id now.
     */
    boolean writeAllowed(final long id, final long nowMs, final long minIntervalMs)
    {
        final long last = lastWrite.get(id);
        return last == NONE || nowMs - last >= minIntervalMs;
    }

    /**
     * Takes a snapshot of a waiting id for a write.
     *
     * @return the write, or null when it needs none (absent or clean: no longer pending) or the engine
     * kept writing it (requeued).
     */
    DocumentWrite prepareWrite(final long id, final long nowMs)
    {
        final RecordSnapshot.Result result = snapshot.read(id);
        if (result == RecordSnapshot.Result.BUSY)
        {
            waiting.addLong(id);
            return null;
        }
        if (result == RecordSnapshot.Result.ABSENT)
        {
            dirtySince.remove(id);
            return null;
        }
        final Record copy = snapshot.value();
        final long v = copy.version();
        if (v <= copy.syncedVersion())
        {
            dirtySince.remove(id);
            return null;
        }
        inFlight.add(id);
        lastWrite.put(id, nowMs);
        return new DocumentWrite(type, id, v, encoder.encode(copy));
    }

    /**
     * The write of {@code ackedVersion} was acknowledged. The record stays pending when it has changed
     * since (the engine re-offers it too, but only once it has applied the acknowledgement).
     *
     * @return when the acknowledged change was first pending (epoch ms), or NONE.
     */
    long onWritten(final long id, final long ackedVersion, final long sentMs)
    {
        final long dirtySinceMs = dirtySince.get(id);
        inFlight.remove(id);
        if (snapshot.currentVersion(id) > ackedVersion)
        {
            dirtySince.put(id, sentMs);
            waiting.addLong(id);
        }
        else
        {
            dirtySince.remove(id);
        }
        return dirtySinceMs;
    }

    /**
     * The write failed or timed out: the record waits for the next round.
     */
    void onFailed(final long id)
    {
        inFlight.remove(id);
        // Most likely not written: only the backoff, not the per-document interval, delays the retry.
        lastWrite.remove(id);
        waiting.addLong(id);
    }

    /**
     * Forgets write times older than the interval, which no longer hold anything back.
     */
    void prune(final long nowMs, final long minIntervalMs)
    {
        final Long2LongHashMap.EntryIterator it = lastWrite.entrySet().iterator();
        while (it.hasNext())
        {
            it.next();
            if (nowMs - it.getLongValue() >= minIntervalMs)
            {
                it.remove();
            }
        }
    }

    int pendingCount()
    {
        return dirtySince.size();
    }

    int inFlightCount()
    {
        return inFlight.size();
    }

    /**
     * @return the earliest first-dirty time of any pending record, or {@link #NONE}.
     */
    long oldestDirtyMs()
    {
        return dirtySince.isEmpty() ? NONE : dirtySince.minValue();
    }

    int rememberedWrites()
    {
        return lastWrite.size();
    }

    private void onScanEntry(final long id, final Record record)
    {
        if (record.version() > record.syncedVersion() && markDirty(id, scanNowMs))
        {
            scanFound++;
        }
    }
}

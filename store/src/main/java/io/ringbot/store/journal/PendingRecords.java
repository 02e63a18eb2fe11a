package io.ringbot.store.journal;

import io.ringbot.store.record.ChatRecord;
import io.ringbot.store.record.UserRecord;
import net.openhft.chronicle.core.values.LongValue;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.MapEntry;
import net.openhft.chronicle.values.Values;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.LongArrayQueue;
import org.agrona.collections.LongHashSet;

import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * The journal's bookkeeping for one record type, owned by the journal thread.
 * <pre>
 *   dirtySince: id -> epoch ms it was first seen dirty      every pending record (waiting or in flight)
 *   waiting:    FIFO of pending ids not in flight           the order records are considered in
 *   inFlight:   ids in a commit awaiting acknowledgement    never two writes of one document at once
 *   lastWrite:  id -> epoch ms its last commit was sent     the per-document interval; pruned
 * </pre>
 *
 * @param <V> the record's value interface.
 */
final class PendingRecords<V>
{
    static final long NONE = Long.MIN_VALUE;

    final RecordType type;
    final RecordSnapshot<V> snapshot;
    private final ChronicleMap<LongValue, V> map;
    private final Function<V, Map<String, Object>> encoder;
    private final ToLongFunction<V> version;
    private final ToLongFunction<V> syncedVersion;
    private final Long2LongHashMap dirtySince = new Long2LongHashMap(NONE);
    private final LongArrayQueue waiting = new LongArrayQueue(NONE);
    private final LongHashSet inFlight = new LongHashSet();
    private final Long2LongHashMap lastWrite = new Long2LongHashMap(NONE);
    private final LongValue scanKey = Values.newHeapInstance(LongValue.class);
    private final V scanCopy;
    private final Consumer<MapEntry<LongValue, V>> onScanEntry = this::onScanEntry;
    private long scanNowMs;
    private int scanFound;

    private PendingRecords(
        final RecordType type,
        final ChronicleMap<LongValue, V> map,
        final Class<V> valueType,
        final RecordSnapshot<V> snapshot,
        final Function<V, Map<String, Object>> encoder,
        final ToLongFunction<V> version,
        final ToLongFunction<V> syncedVersion)
    {
        this.type = type;
        this.map = map;
        this.snapshot = snapshot;
        this.encoder = encoder;
        this.version = version;
        this.syncedVersion = syncedVersion;
        this.scanCopy = Values.newHeapInstance(valueType);
    }

    static PendingRecords<UserRecord> users(
        final ChronicleMap<LongValue, UserRecord> map, final DocumentEncoder encoder, final int snapshotAttempts)
    {
        return new PendingRecords<>(RecordType.USER, map, UserRecord.class, RecordSnapshot.users(map, snapshotAttempts),
            encoder::encodeUser, UserRecord::getVersion, UserRecord::getSyncedVersion);
    }

    static PendingRecords<ChatRecord> chats(
        final ChronicleMap<LongValue, ChatRecord> map, final DocumentEncoder encoder, final int snapshotAttempts)
    {
        return new PendingRecords<>(RecordType.CHAT, map, ChatRecord.class, RecordSnapshot.chats(map, snapshotAttempts),
            encoder::encodeChat, ChatRecord::getVersion, ChatRecord::getSyncedVersion);
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
        map.forEachEntry(onScanEntry);
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
        final V copy = snapshot.value();
        final long v = version.applyAsLong(copy);
        if (v <= syncedVersion.applyAsLong(copy))
        {
            dirtySince.remove(id);
            return null;
        }
        inFlight.add(id);
        lastWrite.put(id, nowMs);
        return new DocumentWrite(type, id, v, encoder.apply(copy));
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

    private void onScanEntry(final MapEntry<LongValue, V> entry)
    {
        final V copy = entry.value().getUsing(scanCopy);
        if (version.applyAsLong(copy) > syncedVersion.applyAsLong(copy))
        {
            final long id = entry.key().getUsing(scanKey).getValue();
            if (markDirty(id, scanNowMs))
            {
                scanFound++;
            }
        }
    }
}

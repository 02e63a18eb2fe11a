package io.ringbot.store.journal;

import io.ringbot.store.StateStore;
import io.ringbot.store.retry.Backoff;
import io.ringbot.store.status.CountersFile;
import io.ringbot.store.status.ErrorRecorder;
import io.ringbot.store.status.LatencyHistograms;
import org.HdrHistogram.Recorder;
import io.ringbot.store.status.RingbotCounter;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.status.AtomicCounter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;

/**
 * Journals changed records to the store of record (Firestore) on its own thread, run by an Agrona
 * {@code AgentRunner}; it only reads records, never writes them.
 * <p>
 * Each duty cycle:
 * <ol>
 *   <li>after a {@link ChangeLog} overflow, rescans every record type's map for {@code version > syncedVersion};</li>
 *   <li>drains the change log into the pending records;</li>
 *   <li>takes acknowledgements and failures of commits in flight; a commit unacknowledged after the
 *       commit timeout is cancelled and counts as failed;</li>
 *   <li>every flush interval, takes a seqlock snapshot of each pending record that is not in flight and
 *       was last written at least the per-document interval ago, and commits them in batches (at most
 *       max-batch writes, at most max-in-flight commits). Changes within the interval coalesce into one
 *       write of the latest state.</li>
 * </ol>
 * An acknowledged write is reported to {@link JournalAcks} with the version it carried. A failed commit
 * leaves its records pending and pauses new commits for the journal's {@link Backoff}.
 * {@link #onStart()} rescans once: whatever changed but was not synced before a restart is found again.
 */
public final class JournalAgent implements Agent
{
    public static final String ROLE_NAME = "ringbot-journal";

    private static final Logger LOG = LoggerFactory.getLogger(JournalAgent.class);
    private static final int DRAIN_LIMIT = 65_536;
    private static final long COUNTERS_INTERVAL_MS = 1000;

    private final ChangeLog changeLog;
    private final JournalSink sink;
    private final JournalAcks acks;
    private final EpochClock clock;
    private final ErrorRecorder errors;
    private final PendingRecords[] records;
    private final ChangeLog.ChangeHandler onChange = this::onChange;
    private final Queue<Commit> completions = new ConcurrentLinkedQueue<>();
    private final List<Commit> inFlight = new ArrayList<>();
    private final long minWriteIntervalMs;
    private final long flushIntervalMs;
    private final int maxBatch;
    private final int maxInFlight;
    private final Backoff backoff;
    private final long commitTimeoutMs;
    private final AtomicCounter pendingCounter;
    private final AtomicCounter oldestPendingCounter;
    private final AtomicCounter writesCounter;
    private final AtomicCounter commitsCounter;
    private final AtomicCounter commitsFailedCounter;

    private List<DocumentWrite> batch;
    private long nowMs;
    private long nextFlushMs;
    private long retryAtMs;
    private int failuresInARow;
    private boolean backlogged;
    private boolean flushing;
    private long passes;
    private long nextPruneMs;
    private long nextOldestScanMs;
    private long oldestDirtyMs = PendingRecords.NONE;
    private final Recorder commitLatency = LatencyHistograms.newRecorder();
    private final Recorder lag = LatencyHistograms.newRecorder();
    private volatile long lastCommitLatencyMs;
    private volatile long maxCommitLatencyMs;

    /**
     * @param ctx       the configuration (concluded here); needs {@link JournalContext#countersFile()}.
     * @param store     the store whose records are journaled.
     * @param changeLog the channel the engine offers changed ids to.
     * @param sink      where records are written.
     * @param acks      where acknowledged versions are reported.
     */
    public JournalAgent(
        final JournalContext ctx,
        final StateStore store,
        final ChangeLog changeLog,
        final JournalSink sink,
        final JournalAcks acks)
    {
        ctx.conclude();
        final CountersFile counters = ctx.requireCounters("JournalAgent");
        this.changeLog = changeLog;
        this.sink = sink;
        this.acks = acks;
        this.clock = ctx.epochClock();
        this.errors = ctx.errorRecorder();
        final DocumentEncoder encoder = new DocumentEncoder();
        final RecordType[] types = store.types();
        this.records = new PendingRecords[types.length];
        for (int t = 0; t < types.length; t++)
        {
            records[t] = new PendingRecords(types[t], store.table(types[t]), encoder, ctx.snapshotAttempts());
        }
        this.minWriteIntervalMs = ctx.minWriteIntervalMs();
        this.flushIntervalMs = ctx.flushIntervalMs();
        this.maxBatch = ctx.maxBatch();
        this.maxInFlight = ctx.maxCommitsInFlight();
        this.backoff = new Backoff(ctx.retryBackoffInitialMs(), ctx.retryBackoffMaxMs());
        this.commitTimeoutMs = ctx.commitTimeoutMs();
        this.pendingCounter = counters.counter(RingbotCounter.JOURNAL_PENDING);
        this.oldestPendingCounter = counters.counter(RingbotCounter.JOURNAL_OLDEST_PENDING_MS);
        this.writesCounter = counters.counter(RingbotCounter.JOURNAL_WRITES);
        this.commitsCounter = counters.counter(RingbotCounter.JOURNAL_COMMITS);
        this.commitsFailedCounter = counters.counter(RingbotCounter.JOURNAL_COMMITS_FAILED);
        this.batch = new ArrayList<>(maxBatch);
    }

    /**
     * Finds every record changed but not synced, e.g. before a restart.
     */
    public void onStart()
    {
        nowMs = clock.time();
        final int found = rescan();
        if (found > 0)
        {
            LOG.info("journal: {} records changed but not yet in Firestore, writing them", found);
        }
    }

    public int doWork()
    {
        nowMs = clock.time();
        int work = 0;
        if (changeLog.takeOverflow())
        {
            work += 1 + rescan();
            errors.onCondition("journal change log overflow", "journal: the change log overflowed, so the journal " +
                "rescans the maps (nothing is lost, but a rescan walks every record): raise JOURNAL_CHANGE_LOG_CAPACITY " +
                "if this recurs");
        }
        work += changeLog.drain(onChange, DRAIN_LIMIT);
        work += takeCompletions();
        work += expireCommits();
        if (nowMs >= retryAtMs && (flushing || nowMs >= nextFlushMs || (backlogged && inFlight.size() < maxInFlight)))
        {
            work += flushPass();
            work += takeCompletions(); // a sink that acknowledges at once does so within this cycle
        }
        if (nowMs >= nextPruneMs)
        {
            for (final PendingRecords type : records)
            {
                type.prune(nowMs, minWriteIntervalMs);
            }
            nextPruneMs = nowMs + Math.max(minWriteIntervalMs, COUNTERS_INTERVAL_MS);
        }
        updateCounters();
        return work;
    }

    public String roleName()
    {
        return ROLE_NAME;
    }

    /**
     * Writes everything pending now, ignoring the per-document interval, and waits for the
     * acknowledgements. For shutdown: call it on the stopping thread after the agent's runner is
     * closed, once the engine has stopped changing records (while acknowledgements can still reach it,
     * or else they are applied at the next start's rescan by writing those records again).
     *
     * @param timeout how long to wait in all.
     * @return true when nothing is pending or in flight any more.
     */
    public boolean flush(final Duration timeout)
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        flushing = true;
        try
        {
            while (true)
            {
                final int work = doWork();
                if (isSynced())
                {
                    return true;
                }
                if (System.nanoTime() - deadline >= 0)
                {
                    LOG.warn("journal: {} records still pending after the shutdown flush of {} ms; " +
                        "they are written at the next start", pendingCount(), timeout.toMillis());
                    return false;
                }
                if (work == 0)
                {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                }
            }
        }
        finally
        {
            flushing = false;
        }
    }

    /**
     * @return true when no change is waiting in the change log, pending or in flight.
     */
    public boolean isSynced()
    {
        return pendingCount() == 0 && inFlight.isEmpty() && changeLog.size() == 0 && !changeLog.overflowed();
    }

    /**
     * @return records pending (waiting or in flight); journal thread only, others read the counter.
     */
    public int pendingCount()
    {
        int pending = 0;
        for (final PendingRecords type : records)
        {
            pending += type.pendingCount();
        }
        return pending;
    }

    /**
     * @return commits awaiting acknowledgement; journal thread only.
     */
    public int commitsInFlight()
    {
        return inFlight.size();
    }

    /**
     * @return commit latencies in nanoseconds (millisecond resolution); readers take interval histograms.
     */
    public Recorder commitLatency()
    {
        return commitLatency;
    }

    /**
     * @return journal lag per written document in nanoseconds (ms resolution): from its first pending
     * change to Firestore's acknowledgement, the per-document interval included.
     */
    public Recorder lag()
    {
        return lag;
    }

    public long lastCommitLatencyMs()
    {
        return lastCommitLatencyMs;
    }

    /**
     * @return the longest time from send to acknowledgement of a successful commit since start, in milliseconds.
     */
    public long maxCommitLatencyMs()
    {
        return maxCommitLatencyMs;
    }

    /**
     * @return snapshots given up because the engine kept writing the record (retried next round).
     */
    public long snapshotsBusy()
    {
        long busy = 0;
        for (final PendingRecords type : records)
        {
            busy += type.snapshot.busy();
        }
        return busy;
    }

    private int rescan()
    {
        int found = 0;
        for (final PendingRecords type : records)
        {
            found += type.rescan(nowMs);
        }
        if (found > 0 && oldestDirtyMs == PendingRecords.NONE)
        {
            oldestDirtyMs = nowMs;
        }
        return found;
    }

    private void onChange(final int typeIndex, final long id)
    {
        if (records[typeIndex].markDirty(id, nowMs) && oldestDirtyMs == PendingRecords.NONE)
        {
            oldestDirtyMs = nowMs;
        }
    }

    private PendingRecords records(final RecordType type)
    {
        return records[type.index()];
    }

    private int flushPass()
    {
        nextFlushMs = nowMs + flushIntervalMs;
        backlogged = false;
        // Rotate which type goes first so that a backlog of one cannot starve the others.
        final int first = (int)(passes++ % records.length);
        int written = 0;
        for (int n = 0; n < records.length && !backlogged; n++)
        {
            written += fill(records[(first + n) % records.length]);
        }
        if (!batch.isEmpty())
        {
            submit();
        }
        return written;
    }

    /**
     * Moves due records of one type into batches, in the order they became pending; records not yet
     * due go to the back of the queue.
     */
    private int fill(final PendingRecords records)
    {
        final long interval = flushing ? 0 : minWriteIntervalMs;
        int written = 0;
        for (int n = records.waitingCount(); n > 0; n--)
        {
            if (batch.isEmpty() && inFlight.size() >= maxInFlight)
            {
                backlogged = true;
                break;
            }
            final long id = records.pollWaiting();
            if (!records.writeAllowed(id, nowMs, interval))
            {
                records.requeue(id);
                continue;
            }
            final DocumentWrite write = records.prepareWrite(id, nowMs);
            if (write != null)
            {
                batch.add(write);
                written++;
                if (batch.size() >= maxBatch)
                {
                    submit();
                }
            }
        }
        return written;
    }

    private void submit()
    {
        final Commit commit = new Commit(batch, nowMs, completions);
        batch = new ArrayList<>(maxBatch);
        inFlight.add(commit);
        CompletableFuture<Void> future;
        try
        {
            future = sink.commit(commit.writes);
        }
        catch (final RuntimeException ex)
        {
            future = CompletableFuture.failedFuture(ex);
        }
        commit.future = future;
        future.whenComplete(commit);
    }

    private int takeCompletions()
    {
        int taken = 0;
        Commit commit;
        while ((commit = completions.poll()) != null)
        {
            if (commit.abandoned)
            {
                continue; // already counted as failed when it timed out
            }
            inFlight.remove(commit);
            if (commit.failure == null)
            {
                onCommitted(commit);
            }
            else
            {
                onCommitFailed(commit, commit.failure);
            }
            taken++;
        }
        return taken;
    }

    private int expireCommits()
    {
        int expired = 0;
        for (int i = inFlight.size() - 1; i >= 0; i--)
        {
            final Commit commit = inFlight.get(i);
            if (nowMs - commit.sentMs >= commitTimeoutMs)
            {
                inFlight.remove(i);
                commit.abandoned = true;
                // Cancelling also cancels the RPC, so that a late landing cannot overwrite a newer write.
                commit.future.cancel(true);
                onCommitFailed(commit, new TimeoutException(
                    "commit of " + commit.writes.size() + " writes unacknowledged after " + commitTimeoutMs + " ms"));
                expired++;
            }
        }
        return expired;
    }

    private void onCommitted(final Commit commit)
    {
        final long latency = nowMs - commit.sentMs;
        lastCommitLatencyMs = latency;
        commitLatency.recordValue(Math.max(0, latency) * 1_000_000L);
        if (latency > maxCommitLatencyMs)
        {
            maxCommitLatencyMs = latency;
        }
        failuresInARow = 0;
        final List<DocumentWrite> writes = commit.writes;
        for (int i = 0, size = writes.size(); i < size; i++)
        {
            final DocumentWrite w = writes.get(i);
            final long dirtySinceMs = records(w.type()).onWritten(w.id(), w.version(), commit.sentMs);
            if (dirtySinceMs > 0 && nowMs >= dirtySinceMs)
            {
                lag.recordValue((nowMs - dirtySinceMs) * 1_000_000L);
            }
            try
            {
                acks.onSynced(w.type(), w.id(), w.version());
            }
            catch (final RuntimeException ex)
            {
                errors.onError("journal acknowledgement", ex);
            }
        }
        writesCounter.getAndAddRelease(writes.size());
        commitsCounter.incrementRelease();
    }

    private void onCommitFailed(final Commit commit, final Throwable failure)
    {
        final List<DocumentWrite> writes = commit.writes;
        for (int i = 0, size = writes.size(); i < size; i++)
        {
            final DocumentWrite w = writes.get(i);
            records(w.type()).onFailed(w.id());
        }
        commitsFailedCounter.incrementRelease();
        errors.onError("journal commit", failure);
        failuresInARow++;
        retryAtMs = nowMs + backoff.delayMillis(failuresInARow);
    }

    private void updateCounters()
    {
        final int pending = pendingCount();
        pendingCounter.setRelease(pending);
        if (nowMs >= nextOldestScanMs)
        {
            // minValue() walks the whole pending map: once a second is enough for a gauge.
            long oldest = PendingRecords.NONE;
            for (final PendingRecords type : records)
            {
                final long t = type.oldestDirtyMs();
                oldest = oldest == PendingRecords.NONE ? t : t == PendingRecords.NONE ? oldest : Math.min(oldest, t);
            }
            oldestDirtyMs = oldest;
            nextOldestScanMs = nowMs + COUNTERS_INTERVAL_MS;
        }
        if (pending == 0)
        {
            oldestDirtyMs = PendingRecords.NONE;
        }
        oldestPendingCounter.setRelease(oldestDirtyMs == PendingRecords.NONE ? 0 : Math.max(0, nowMs - oldestDirtyMs));
    }

    /**
     * One commit in flight; completes itself into the agent's queue (bound once, no lambda per commit).
     */
    private static final class Commit implements BiConsumer<Void, Throwable>
    {
        final List<DocumentWrite> writes;
        final long sentMs;
        final Queue<Commit> completions;
        CompletableFuture<Void> future;
        Throwable failure;
        boolean abandoned;

        Commit(final List<DocumentWrite> writes, final long sentMs, final Queue<Commit> completions)
        {
            this.writes = writes;
            this.sentMs = sentMs;
            this.completions = completions;
        }

        public void accept(final Void ignore, final Throwable failure)
        {
            this.failure = failure instanceof CompletionException && failure.getCause() != null ?
                failure.getCause() : failure;
            completions.offer(this); // the queue's offer publishes the failure field to the journal thread
        }
    }
}

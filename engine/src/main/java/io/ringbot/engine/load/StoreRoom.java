package io.ringbot.engine.load;

import io.ringbot.store.record.Record;
import io.ringbot.store.record.RecordMaps;
import io.ringbot.store.record.RecordTable;
import io.ringbot.store.status.ErrorRecorder;
import org.agrona.concurrent.status.AtomicCounter;

/**
 * Room in the store for new records (engine thread).
 * <p>
 * A table that had no room for a record ({@link #onFull(int)}: the update needing it is refused 503) is
 * published in the {@code store_full_tables} gauge, so {@code /healthz} says {@code down} with what to do.
 * With Firestore off the store is the only copy: nothing is dropped, and the table stays full until a
 * restart with a larger capacity.
 * <p>
 * A table that refused a record below its capacity because the disk holding the data folder is under its reserve
 * ({@link RecordTable#diskLow()}) is not marked: the disk guard's own gauge ({@code store_disk_low}) tells
 * {@code /healthz}, and the refusals stop when it clears. It is logged once; nothing is evicted for it.
 * <p>
 * With Firestore on, the local store is a cache over it: a table above its high-water mark
 * ({@link #HIGH_WATER} of its capacity), or one that refused a record, is swept one Chronicle Map segment per
 * {@link #doWork()}, and in each segment the records Firestore holds (version == synced version), not being
 * written (even seqlock) and not awaited by a parked update are evicted, oldest {@code lastSeen} first, down to
 * the segment's share of the low-water mark ({@link #LOW_WATER}). Keys hash evenly over the segments, so
 * oldest-first per segment is oldest-first for the table without sorting it. An evicted record is read back
 * through ({@link ParkingLot}) on its next update. The engine calls {@link #doWork()} between updates, so no
 * record the current update binds is ever evicted. A step either walks one segment (a bounded share of the
 * table) or removes at most {@link #MAX_REMOVALS_PER_STEP} of the records the walk picked, each checked again;
 * it allocates nothing once the candidate arrays have grown to a segment's size; the tables' counts are read
 * at every call (a field each: a table at 90% of a small capacity fills within a few updates).
 */
public final class StoreRoom
{
    /** A table with more records than this share of its capacity is swept (Firestore on). */
    public static final double HIGH_WATER = 0.9;
    /** The sweep evicts down to this share of the capacity. */
    public static final double LOW_WATER = 0.8;
    /**
     * Records removed per step at most: a removal is a hash lookup (~1-3 µs), and a segment of a large table
     * can have thousands to evict, so they are spread over the following steps.
     */
    static final int MAX_REMOVALS_PER_STEP = 128;
    /** Logged once when a new record is refused for want of disk. */
    public static final String DISK_LOW_KIND = "store disk low";
    static final String DISK_LOW_MESSAGE = "the disk holding DATA_DIR is under STORE_DISK_RESERVE_MB: updates that " +
        "need a new record are refused with 503 + Retry-After (Telegram delivers them again) and nothing of them is " +
        "kept, counted as store_full_total; records the store holds go on changing. Free disk space or move DATA_DIR " +
        "to a larger disk: new records are stored again within a second of the space coming back";

    private final RecordTable[] tables;
    private final boolean evicting;
    private final ParkingLot parking;
    private final AtomicCounter evictions;
    private final AtomicCounter fullTables;
    private final ErrorRecorder errors;
    private final String[] fullKinds;
    private final String[] fullMessages;
    private final long[] highWater;
    private final long[] lowWater;
    private final int[] nextSegment;
    private final int[] sweepSteps;
    private final boolean[] sweeping;
    private final RecordMaps.Visitor onRecord = this::onRecord;
    private long[] candidateIds = new long[256];
    private long[] candidateSeen = new long[256];
    private long[] select = new long[256];
    private int candidates;
    private int segmentRecords;
    private int walkType;
    private int picked;
    private int removed;
    private int pickedType;
    private long fullMask;
    private int lastSwept;

    /**
     * @param tables     the store's tables, indexed by record type.
     * @param evicting   true when Firestore holds every synced record (journal and read-through on).
     * @param parking    the updates waiting for reads (their records are never evicted), or null.
     * @param evictions  counts records evicted.
     * @param fullTables the gauge of tables that have no room.
     * @param errors     logs a table without room once.
     */
    public StoreRoom(
        final RecordTable[] tables,
        final boolean evicting,
        final ParkingLot parking,
        final AtomicCounter evictions,
        final AtomicCounter fullTables,
        final ErrorRecorder errors)
    {
        this.tables = tables.clone();
        this.evicting = evicting;
        this.parking = parking;
        this.evictions = evictions;
        this.fullTables = fullTables;
        this.errors = errors;
        fullKinds = new String[tables.length];
        fullMessages = new String[tables.length];
        highWater = new long[tables.length];
        lowWater = new long[tables.length];
        nextSegment = new int[tables.length];
        sweepSteps = new int[tables.length];
        sweeping = new boolean[tables.length];
        for (int t = 0; t < tables.length; t++)
        {
            highWater[t] = (long)(tables[t].capacity() * HIGH_WATER);
            lowWater[t] = (long)(tables[t].capacity() * LOW_WATER);
            final String name = tables[t].schema().name();
            fullKinds[t] = "store full: " + name;
            fullMessages[t] = "the " + name + " table has no room for a new record: updates that need one are " +
                "refused with 503 + Retry-After (Telegram delivers them again) and nothing of them is kept, counted " +
                "as store_full_total. " + (evicting ?
                "Firestore is on, but every record in it has changes Firestore has not acknowledged yet, so none " +
                "can be evicted: check that Firestore is reachable (/healthz); room comes back as it acknowledges" :
                "Firestore is off, so the store is the only copy of every record and nothing is evicted: raise " +
                "USERS_CAPACITY (--users-capacity, now " + tables[t].capacity() + ") and restart, or turn the " +
                "Firestore journal on so that records it holds are evicted and read back");
        }
        fullTables.setRelease(0);
    }

    /**
     * A table had no room for a new record: published for {@code /healthz}; with Firestore on, its sweep
     * starts now whatever its size.
     *
     * @param type the table's record type index.
     */
    public void onFull(final int type)
    {
        if (!tables[type].full() && tables[type].diskLow())
        {
            errors.onCondition(DISK_LOW_KIND, DISK_LOW_MESSAGE);
            return;
        }
        errors.onCondition(fullKinds[type], fullMessages[type]);
        fullMask |= 1L << type;
        fullTables.setRelease(fullMask);
        if (evicting && !sweeping[type])
        {
            startSweep(type);
        }
    }

    /**
     * @param type a record type index.
     * @return true while the table is known to have no room (until an eviction frees some).
     */
    public boolean isFull(final int type)
    {
        return (fullMask & (1L << type)) != 0;
    }

    /**
     * One bounded step, between updates: at most one segment of one table is walked.
     *
     * @return records evicted.
     */
    public int doWork()
    {
        if (!evicting)
        {
            return 0;
        }
        for (int t = 0; t < tables.length; t++)
        {
            if (!sweeping[t] && tables[t].count() > highWater[t])
            {
                startSweep(t);
            }
        }
        if (removed < picked)
        {
            return removePicked();
        }
        for (int i = 1; i <= tables.length; i++)
        {
            // round robin: one table's sweep never starves another's
            final int t = (lastSwept + i) % tables.length;
            if (sweeping[t])
            {
                lastSwept = t;
                return step(t);
            }
        }
        return 0;
    }

    private void startSweep(final int type)
    {
        sweeping[type] = true;
        sweepSteps[type] = 0;
    }

    /**
     * Walks one segment and picks its oldest evictable records (its excess over its share of the low-water
     * mark); they are removed {@link #MAX_REMOVALS_PER_STEP} at a time by this and the next steps.
     */
    private int step(final int type)
    {
        final RecordTable table = tables[type];
        final int segments = table.segments();
        final int segment = nextSegment[type] % segments;
        nextSegment[type] = (segment + 1) % segments;
        candidates = 0;
        segmentRecords = 0;
        walkType = type;
        table.forEachInSegment(segment, onRecord);
        final long share = (lowWater[type] + segments - 1) / segments;
        final long excess = segmentRecords - share;
        picked = 0;
        if (excess > 0 && candidates > 0)
        {
            final int k = (int)Math.min(excess, candidates);
            System.arraycopy(candidateSeen, 0, select, 0, candidates);
            final long cutoff = kthSmallest(select, candidates, k - 1);
            for (int i = 0; i < candidates && picked < k; i++)
            {
                if (candidateSeen[i] <= cutoff)
                {
                    candidateIds[picked++] = candidateIds[i]; // compacted in place: picked <= i
                }
            }
        }
        pickedType = type;
        removed = 0;
        final int evicted = removePicked();
        if (++sweepSteps[type] >= segments)
        {
            // one pass at most: what is left is not in Firestore yet (it lags or is down), looked at again at
            // the next check or the next refusal
            sweeping[type] = false;
        }
        return evicted;
    }

    /**
     * Removes up to {@link #MAX_REMOVALS_PER_STEP} of the records the last walk picked, each checked again (an
     * update since may have changed it, or parked for it).
     */
    private int removePicked()
    {
        final RecordTable table = tables[pickedType];
        final int end = Math.min(picked, removed + MAX_REMOVALS_PER_STEP);
        int evicted = 0;
        for (; removed < end; removed++)
        {
            final long id = candidateIds[removed];
            final Record record = table.find(id);
            if (record != null && isEvictable(record) && (parking == null || !parking.isWaitedFor(pickedType, id)))
            {
                table.remove(id);
                evicted++;
            }
        }
        if (evicted > 0)
        {
            evictions.getAndAddRelease(evicted);
            if (isFull(pickedType))
            {
                fullMask &= ~(1L << pickedType);
                fullTables.setRelease(fullMask);
            }
        }
        if (removed == picked && table.count() <= lowWater[pickedType])
        {
            sweeping[pickedType] = false;
        }
        return evicted;
    }

    private void onRecord(final long id, final Record record)
    {
        segmentRecords++;
        if (!isEvictable(record) || (parking != null && parking.isWaitedFor(walkType, id)))
        {
            return;
        }
        if (candidates == candidateIds.length)
        {
            // grows to the largest segment once, then reused
            candidateIds = java.util.Arrays.copyOf(candidateIds, candidates * 2);
            candidateSeen = java.util.Arrays.copyOf(candidateSeen, candidates * 2);
            select = new long[candidates * 2];
        }
        candidateIds[candidates] = id;
        candidateSeen[candidates] = record.lastSeenMillis();
        candidates++;
    }

    /**
     * Whether Firestore holds a record as it is here and no write is open on it: only such a record may leave
     * the local store (evicted, or dropped by {@code /clearcache}) and be read back later.
     *
     * @param record a record in place.
     * @return true when it is synced and its seqlock is even.
     */
    public static boolean isEvictable(final Record record)
    {
        return (record.seq() & 1) == 0 && record.isSynced();
    }

    /**
     * The value of rank {@code rank} (0 = smallest) among {@code values[0, count)}, reordering them
     * (Hoare's selection; hand-written because the JDK has none for primitives without sorting everything).
     */
    static long kthSmallest(final long[] values, final int count, final int rank)
    {
        int lo = 0;
        int hi = count - 1;
        while (lo < hi)
        {
            final long pivot = values[(lo + hi) >>> 1];
            int i = lo;
            int j = hi;
            while (i <= j)
            {
                while (values[i] < pivot)
                {
                    i++;
                }
                while (values[j] > pivot)
                {
                    j--;
                }
                if (i <= j)
                {
                    final long v = values[i];
                    values[i] = values[j];
                    values[j] = v;
                    i++;
                    j--;
                }
            }
            if (rank <= j)
            {
                hi = j;
            }
            else if (rank >= i)
            {
                lo = i;
            }
            else
            {
                return values[rank];
            }
        }
        return values[rank];
    }
}

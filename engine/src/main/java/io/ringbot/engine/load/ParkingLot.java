package io.ringbot.engine.load;

import io.ringbot.bot.Update;
import io.ringbot.engine.ring.AnswerReleaser;
import io.ringbot.engine.ring.UpdateEvent;
import io.ringbot.store.journal.DocumentEncoder;
import io.ringbot.store.journal.RecordType;
import io.ringbot.store.record.Record;
import io.ringbot.store.record.RecordTable;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.LongHashSet;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.agrona.concurrent.status.AtomicCounter;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Updates waiting for a record that is not in the local store to arrive from Firestore (engine thread).
 * <p>
 * An update needs its user, its chat, and the records the bot declares for it ({@link RecordNeeds}: other
 * users, orders, ... of any record type). It waits when one of them is absent (a read is requested) or
 * already being read, or when an earlier update that needs the same record still waits: updates of a
 * chat, a user or an order are released in order, others go on. A waiting update is copied out of its
 * ring slot, which is released at once (a slow read must not stall the ring); its HTTP answer is held
 * until it is applied. The lot is a fixed pool: when it is full the update is answered 503 and Telegram
 * redelivers it later.
 * <p>
 * A record read back while its table has no room is not stored: the updates waiting for it are then refused
 * ({@link #releasedWithoutRoom()}: 503, Telegram redelivers), never run against a fresh record in its place.
 * <p>
 * Pool entries come back from the responder threads through a concurrent free queue.
 */
public final class ParkingLot implements AnswerReleaser
{
    public static final int CAPACITY_DEFAULT = 1024;
    static final int BODY_CAPACITY = 4 * 1024;
    static final int REPLY_CAPACITY = 4 * 1024;

    private final LoadRequests loads;
    private final RecordTable[] tables;
    private final RecordType[] types;
    private final RecordNeeds needs;
    private final int slots;
    private final AtomicCounter parkedTotal;
    private final AtomicCounter parkedNow;
    private final AtomicCounter fieldsRejected;
    private final AtomicCounter readBacks;
    private final DocumentEncoder documents = new DocumentEncoder();
    private final UpdateEvent[] events;
    private final int[] entryCount;
    private final int[] entryType;
    private final long[] entryId;
    private final int[] nextEntry;
    private final ManyToOneConcurrentArrayQueue<Integer> free;
    private final Integer[] indexes;
    private final LongHashSet[] pending;
    private final Long2LongHashMap[] parkedPer;
    private final LongHashSet[] blocked;
    private final LongHashSet[] unstored;
    private boolean releasedWithoutRoom;
    private int head = -1;
    private int tail = -1;
    private int parked;

    /**
     * @param capacity       how many updates may wait.
     * @param loads          where reads go.
     * @param tables         the store's tables, indexed by record type.
     * @param types          their record types.
     * @param needs          the records each update needs besides its sender and chat.
     * @param parkedTotal    counts updates parked.
     * @param parkedNow      updates waiting now.
     * @param fieldsRejected document fields that did not fit the schema.
     * @param readBacks      counts documents found and stored as local records.
     */
    public ParkingLot(
        final int capacity,
        final LoadRequests loads,
        final RecordTable[] tables,
        final RecordType[] types,
        final RecordNeeds needs,
        final AtomicCounter parkedTotal,
        final AtomicCounter parkedNow,
        final AtomicCounter fieldsRejected,
        final AtomicCounter readBacks)
    {
        this.loads = loads;
        this.tables = tables.clone();
        this.types = types.clone();
        this.needs = needs;
        this.slots = needs.capacity();
        this.parkedTotal = parkedTotal;
        this.parkedNow = parkedNow;
        this.fieldsRejected = fieldsRejected;
        this.readBacks = readBacks;
        pending = new LongHashSet[tables.length];
        unstored = new LongHashSet[tables.length];
        parkedPer = new Long2LongHashMap[tables.length];
        blocked = new LongHashSet[tables.length];
        for (int t = 0; t < tables.length; t++)
        {
            pending[t] = new LongHashSet();
            parkedPer[t] = new Long2LongHashMap(0);
            blocked[t] = new LongHashSet();
            unstored[t] = new LongHashSet();
        }
        events = new UpdateEvent[capacity];
        entryCount = new int[capacity];
        entryType = new int[capacity * slots];
        entryId = new long[capacity * slots];
        nextEntry = new int[capacity];
        indexes = new Integer[capacity];
        free = new ManyToOneConcurrentArrayQueue<>(capacity);
        for (int i = 0; i < capacity; i++)
        {
            events[i] = new UpdateEvent(BODY_CAPACITY, REPLY_CAPACITY);
            indexes[i] = i;
            free.offer(indexes[i]);
        }
    }

    /**
     * @return the pool's events, for the io layer to attach its response tasks to (once, at start).
     */
    public List<UpdateEvent> events()
    {
        final List<UpdateEvent> list = new ArrayList<>(events.length);
        Collections.addAll(list, events);
        return list;
    }

    /**
     * Decides whether an update must wait, asking for the reads it needs.
     *
     * @param update the decoded update.
     * @return true when it must wait.
     */
    public boolean mustWait(final Update update)
    {
        boolean wait = false;
        for (int n = 0, count = needs.collect(update); n < count; n++)
        {
            wait |= mustWaitFor(needs.type(n), needs.id(n));
        }
        return wait;
    }

    private boolean mustWaitFor(final int type, final long id)
    {
        if (pending[type].contains(id) || parkedPer[type].get(id) > 0)
        {
            return true;
        }
        if (tables[type].find(id) == null && loads.request(types[type], id))
        {
            pending[type].add(id);
            return true;
        }
        return false;
    }

    /**
     * Copies an update out of its ring slot to wait.
     *
     * @param slot   the ring slot (released by the caller without an answer when this returns true).
     * @param update the decoded update.
     * @return false when the lot is full: answer the update 503 instead.
     */
    public boolean park(final UpdateEvent slot, final Update update)
    {
        final Integer taken = free.poll();
        if (taken == null)
        {
            return false;
        }
        final int i = taken;
        final UpdateEvent event = events[i];
        final int length = slot.bodyLength();
        System.arraycopy(slot.body(), 0, event.bodyBufferFor(length), 0, length);
        event.type(UpdateEvent.UPDATE)
            .responder(slot.responder())
            .connection(slot.connection())
            .keepAlive(slot.keepAlive())
            .receivedNanos(slot.receivedNanos());
        final int count = needs.collect(update);
        entryCount[i] = count;
        for (int n = 0; n < count; n++)
        {
            entryType[i * slots + n] = needs.type(n);
            entryId[i * slots + n] = needs.id(n);
            add(parkedPer[needs.type(n)], needs.id(n), 1);
        }
        nextEntry[i] = -1;
        if (tail < 0)
        {
            head = i;
        }
        else
        {
            nextEntry[tail] = i;
        }
        tail = i;
        parked++;
        parkedTotal.incrementRelease();
        parkedNow.setRelease(parked);
        return true;
    }

    /**
     * Applies a read's outcome: a found document becomes the local record (synced: it is not written
     * back unless it changes); otherwise the update goes on with a fresh record.
     *
     * @param loaded the outcome.
     * @return the record type index whose table had no room for the document, or -1.
     */
    public int onLoaded(final LoadedRecord loaded)
    {
        final int type = loaded.type.index();
        pending[type].remove(loaded.id);
        final RecordTable table = tables[type];
        if (loaded.fields != null && table.find(loaded.id) == null)
        {
            final Record record = table.tryAcquire(loaded.id);
            if (record == null)
            {
                if (parkedPer[type].get(loaded.id) > 0)
                {
                    unstored[type].add(loaded.id);
                }
                return type;
            }
            unstored[type].remove(loaded.id);
            readBacks.incrementRelease();
            record.beginWrite();
            final int rejected = documents.decode(loaded.fields, record);
            if (rejected > 0)
            {
                fieldsRejected.getAndAddRelease(rejected);
            }
            record.id(loaded.id);
            record.endWriteUnversioned();
        }
        return -1;
    }

    /**
     * @param type a record type index.
     * @param id   a record id.
     * @return true when a read of it is pending or a parked update needs it: it must not be evicted.
     */
    public boolean isWaitedFor(final int type, final long id)
    {
        return pending[type].contains(id) || parkedPer[type].get(id) > 0;
    }

    /**
     * @return true when the update {@link #releaseReady} just handed over needs a record whose document was
     * read but found no room in the store: refuse it (503) rather than run it.
     */
    public boolean releasedWithoutRoom()
    {
        return releasedWithoutRoom;
    }

    /**
     * Hands every waiting update that nothing blocks any more, in arrival order, to a consumer; an
     * update stays while one of its reads or an earlier update that needs one of its records still waits.
     *
     * @param replay runs the update and answers it through its responder.
     */
    public void releaseReady(final Replay replay)
    {
        for (int t = 0; t < blocked.length; t++)
        {
            blocked[t].clear();
        }
        int previous = -1;
        int i = head;
        while (i >= 0)
        {
            final int next = nextEntry[i];
            final int base = i * slots;
            final int count = entryCount[i];
            boolean isBlocked = false;
            for (int n = 0; n < count && !isBlocked; n++)
            {
                final int type = entryType[base + n];
                final long id = entryId[base + n];
                isBlocked = pending[type].contains(id) || blocked[type].contains(id);
            }
            if (isBlocked)
            {
                for (int n = 0; n < count; n++)
                {
                    blocked[entryType[base + n]].add(entryId[base + n]);
                }
                previous = i;
            }
            else
            {
                releasedWithoutRoom = false;
                for (int n = 0; n < count && !releasedWithoutRoom; n++)
                {
                    releasedWithoutRoom = unstored[entryType[base + n]].contains(entryId[base + n]);
                }
                unlink(previous, i, next);
                replay.run(events[i], i);
                releasedWithoutRoom = false;
            }
            i = next;
        }
    }

    /**
     * @return updates waiting now.
     */
    public int parked()
    {
        return parked;
    }

    /** Responder threads: the answer of pool entry {@code index} was written. */
    public void release(final long index)
    {
        final int i = (int)index;
        events[i].clear();
        free.offer(indexes[i]);
    }

    private void unlink(final int previous, final int i, final int next)
    {
        if (previous < 0)
        {
            head = next;
        }
        else
        {
            nextEntry[previous] = next;
        }
        if (tail == i)
        {
            tail = previous;
        }
        final int base = i * slots;
        for (int n = 0, count = entryCount[i]; n < count; n++)
        {
            final int type = entryType[base + n];
            final long id = entryId[base + n];
            add(parkedPer[type], id, -1);
            if (parkedPer[type].get(id) == 0)
            {
                // no update waits for it any more: its next update reads it again
                unstored[type].remove(id);
            }
        }
        parked--;
        parkedNow.setRelease(parked);
    }

    private static void add(final Long2LongHashMap counts, final long key, final long delta)
    {
        final long count = counts.get(key) + delta;
        if (count == 0)
        {
            counts.remove(key);
        }
        else
        {
            counts.put(key, count);
        }
    }

    /** Runs a released update on the engine thread. */
    @FunctionalInterface
    public interface Replay
    {
        void run(UpdateEvent event, int index);
    }
}

package io.ringbot.engine.load;

import io.ringbot.bot.Update;
import io.ringbot.engine.ring.AnswerReleaser;
import io.ringbot.engine.ring.UpdateEvent;
import io.ringbot.store.journal.DocumentEncoder;
import io.ringbot.store.journal.RecordType;
import io.ringbot.bot.OtherUser;
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
 * An update waits when its user, its chat, or the other user the bot declares for it
 * ({@link io.ringbot.bot.Bot#otherUser}) is absent (a read is requested) or already being read, or
 * when an earlier update of the same chat or user still waits: that chat's updates are released in
 * order, other chats go on. A waiting update is copied out of its ring slot, which is released at once
 * (a slow read must not stall the ring); its HTTP answer is held until it is applied. The lot is a
 * fixed pool: when it is full the update is answered 503 and Telegram redelivers it later.
 * <p>
 * Pool entries come back from the responder threads through a concurrent free queue.
 */
public final class ParkingLot implements AnswerReleaser
{
    public static final int CAPACITY_DEFAULT = 1024;
    static final int BODY_CAPACITY = 4 * 1024;
    static final int REPLY_CAPACITY = 4 * 1024;

    private final LoadRequests loads;
    private final RecordTable users;
    private final RecordTable chats;
    private final OtherUser otherUser;
    private final AtomicCounter parkedTotal;
    private final AtomicCounter parkedNow;
    private final AtomicCounter fieldsRejected;
    private final DocumentEncoder documents = new DocumentEncoder();
    private final UpdateEvent[] events;
    private final long[] entryUser;
    private final long[] entryChat;
    private final long[] entryOther;
    private final int[] nextEntry;
    private final ManyToOneConcurrentArrayQueue<Integer> free;
    private final Integer[] indexes;
    private final LongHashSet pendingUsers = new LongHashSet();
    private final LongHashSet pendingChats = new LongHashSet();
    private final Long2LongHashMap parkedPerUser = new Long2LongHashMap(0);
    private final Long2LongHashMap parkedPerChat = new Long2LongHashMap(0);
    private final LongHashSet blockedUsers = new LongHashSet();
    private final LongHashSet blockedChats = new LongHashSet();
    private int head = -1;
    private int tail = -1;
    private int parked;

    public ParkingLot(
        final int capacity,
        final LoadRequests loads,
        final RecordTable users,
        final RecordTable chats,
        final OtherUser otherUser,
        final AtomicCounter parkedTotal,
        final AtomicCounter parkedNow,
        final AtomicCounter fieldsRejected)
    {
        this.loads = loads;
        this.users = users;
        this.chats = chats;
        this.otherUser = otherUser;
        this.parkedTotal = parkedTotal;
        this.parkedNow = parkedNow;
        this.fieldsRejected = fieldsRejected;
        events = new UpdateEvent[capacity];
        entryUser = new long[capacity];
        entryChat = new long[capacity];
        entryOther = new long[capacity];
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
        if (update.hasFrom())
        {
            wait = mustWaitForUser(update.fromId());
        }
        final long other = otherUserOf(update);
        if (other != Update.NONE)
        {
            wait |= mustWaitForUser(other);
        }
        if (update.hasChat())
        {
            final long id = update.chatId();
            if (pendingChats.contains(id) || parkedPerChat.get(id) > 0)
            {
                wait = true;
            }
            else if (chats.find(id) == null && loads.request(RecordType.CHAT, id))
            {
                pendingChats.add(id);
                wait = true;
            }
        }
        return wait;
    }

    private boolean mustWaitForUser(final long id)
    {
        if (pendingUsers.contains(id) || parkedPerUser.get(id) > 0)
        {
            return true;
        }
        if (users.find(id) == null && loads.request(RecordType.USER, id))
        {
            pendingUsers.add(id);
            return true;
        }
        return false;
    }

    private long otherUserOf(final Update update)
    {
        if (otherUser == null)
        {
            return Update.NONE;
        }
        final long id = otherUser.otherUserId(update);
        return update.hasFrom() && id == update.fromId() ? Update.NONE : id;
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
        entryUser[i] = update.hasFrom() ? update.fromId() : Update.NONE;
        entryChat[i] = update.hasChat() ? update.chatId() : Update.NONE;
        entryOther[i] = otherUserOf(update);
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
        if (entryUser[i] != Update.NONE)
        {
            add(parkedPerUser, entryUser[i], 1);
        }
        if (entryChat[i] != Update.NONE)
        {
            add(parkedPerChat, entryChat[i], 1);
        }
        if (entryOther[i] != Update.NONE)
        {
            add(parkedPerUser, entryOther[i], 1);
        }
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
     */
    public void onLoaded(final LoadedRecord loaded)
    {
        final boolean user = loaded.type == RecordType.USER;
        (user ? pendingUsers : pendingChats).remove(loaded.id);
        final RecordTable table = user ? users : chats;
        if (loaded.fields != null && table.find(loaded.id) == null)
        {
            final Record record = table.acquire(loaded.id);
            record.beginWrite();
            final int rejected = documents.decode(loaded.fields, record);
            if (rejected > 0)
            {
                fieldsRejected.getAndAddRelease(rejected);
            }
            record.id(loaded.id);
            record.endWriteUnversioned();
        }
    }

    /**
     * Hands every waiting update that nothing blocks any more, in arrival order, to a consumer; an
     * update stays while its own read or an earlier update of its chat or user is still waiting.
     *
     * @param replay runs the update and answers it through its responder.
     */
    public void releaseReady(final Replay replay)
    {
        blockedUsers.clear();
        blockedChats.clear();
        int previous = -1;
        int i = head;
        while (i >= 0)
        {
            final int next = nextEntry[i];
            final long user = entryUser[i];
            final long chat = entryChat[i];
            final long other = entryOther[i];
            final boolean blocked =
                (user != Update.NONE && (pendingUsers.contains(user) || blockedUsers.contains(user))) ||
                (other != Update.NONE && (pendingUsers.contains(other) || blockedUsers.contains(other))) ||
                (chat != Update.NONE && (pendingChats.contains(chat) || blockedChats.contains(chat)));
            if (blocked)
            {
                if (user != Update.NONE)
                {
                    blockedUsers.add(user);
                }
                if (other != Update.NONE)
                {
                    blockedUsers.add(other);
                }
                if (chat != Update.NONE)
                {
                    blockedChats.add(chat);
                }
                previous = i;
            }
            else
            {
                unlink(previous, i, next);
                replay.run(events[i], i);
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
        if (entryUser[i] != Update.NONE)
        {
            add(parkedPerUser, entryUser[i], -1);
        }
        if (entryChat[i] != Update.NONE)
        {
            add(parkedPerChat, entryChat[i], -1);
        }
        if (entryOther[i] != Update.NONE)
        {
            add(parkedPerUser, entryOther[i], -1);
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

package io.ringbot.store.journal;

import io.ringbot.store.record.ChatRecord;
import io.ringbot.store.record.SeqlockCopy;
import io.ringbot.store.record.UserRecord;
import net.openhft.chronicle.core.values.LongValue;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.values.Values;

import java.util.function.ToLongFunction;

/**
 * Takes a consistent copy of one record while the engine thread may be writing it in place, using the
 * record's seqlock: the engine makes {@code seq} odd, changes fields, then makes it even again.
 * <p>
 * A read binds a native reference to the entry and copies it into a reused heap instance with the
 * seqlock protocol ({@link SeqlockCopy}). After a bounded number of attempts it gives up
 * ({@link Result#BUSY}) and the caller tries again in its next round. One instance per thread; no
 * allocation per read.
 *
 * @param <V> the record's value interface.
 */
public final class RecordSnapshot<V>
{
    /**
     * The outcome of a {@link #read(long)}.
     */
    public enum Result
    {
        /** {@link #value()} holds a consistent copy. */
        COPIED,
        /** No record with that id. */
        ABSENT,
        /** The engine kept writing it: try again later. */
        BUSY
    }

    public static final int MAX_ATTEMPTS_DEFAULT = 100;

    private final ChronicleMap<LongValue, V> map;
    private final LongValue key = Values.newHeapInstance(LongValue.class);
    private final V live;
    private final V copy;
    private final ToLongFunction<V> volatileSeq;
    private final ToLongFunction<V> volatileVersion;
    private final int maxAttempts;
    private long busy;

    private RecordSnapshot(
        final ChronicleMap<LongValue, V> map,
        final Class<V> type,
        final ToLongFunction<V> volatileSeq,
        final ToLongFunction<V> volatileVersion,
        final int maxAttempts)
    {
        if (maxAttempts < 1)
        {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        this.map = map;
        this.live = Values.newNativeReference(type);
        this.copy = Values.newHeapInstance(type);
        this.volatileSeq = volatileSeq;
        this.volatileVersion = volatileVersion;
        this.maxAttempts = maxAttempts;
    }

    /**
     * @param map         the users map ({@code StateStore.users().map()}).
     * @param maxAttempts reads tried before giving up on a record the engine keeps writing.
     * @return a snapshot reader for users.
     */
    public static RecordSnapshot<UserRecord> users(final ChronicleMap<LongValue, UserRecord> map, final int maxAttempts)
    {
        return new RecordSnapshot<>(map, UserRecord.class, UserRecord::getVolatileSeq,
            UserRecord::getVolatileVersion, maxAttempts);
    }

    /**
     * @param map         the chats map ({@code StateStore.chats().map()}).
     * @param maxAttempts reads tried before giving up on a record the engine keeps writing.
     * @return a snapshot reader for chats.
     */
    public static RecordSnapshot<ChatRecord> chats(final ChronicleMap<LongValue, ChatRecord> map, final int maxAttempts)
    {
        return new RecordSnapshot<>(map, ChatRecord.class, ChatRecord::getVolatileSeq,
            ChatRecord::getVolatileVersion, maxAttempts);
    }

    /**
     * Copies the record with this id into {@link #value()}.
     *
     * @param id the record's id.
     * @return whether a consistent copy was taken.
     */
    public Result read(final long id)
    {
        key.setValue(id);
        for (int attempt = 0; attempt < maxAttempts; attempt++)
        {
            // bound anew each attempt: the entry may have been removed meanwhile (/clearcache)
            if (map.getUsing(key, live) == null)
            {
                return Result.ABSENT;
            }
            if (SeqlockCopy.tryCopy(live, copy, volatileSeq) != SeqlockCopy.CHANGED)
            {
                return Result.COPIED;
            }
            Thread.onSpinWait();
        }
        busy++;
        return Result.BUSY;
    }

    /**
     * Reads only the record's current version, live (no copy, no seqlock: one field is read atomically).
     *
     * @param id the record's id.
     * @return the version, or -1 when there is no such record.
     */
    public long currentVersion(final long id)
    {
        key.setValue(id);
        return map.getUsing(key, live) == null ? -1 : volatileVersion.applyAsLong(live);
    }

    /**
     * @return the heap copy of the last {@link Result#COPIED} read; overwritten by the next read.
     */
    public V value()
    {
        return copy;
    }

    /**
     * @return reads that gave up because the engine kept writing the record.
     */
    public long busy()
    {
        return busy;
    }
}

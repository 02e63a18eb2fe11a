package io.ringbot.engine.admin;

import io.ringbot.store.StateStore;
import io.ringbot.store.record.ChatRecord;
import io.ringbot.store.record.RecordTable;
import io.ringbot.store.record.UserRecord;
import net.openhft.chronicle.core.values.LongValue;

import java.util.ArrayList;
import java.util.List;

/**
 * /clearcache: drops records that Firestore already holds (version == syncedVersion) and that were not
 * used for a while; a record with an unsynced change, or one being changed by the current update (odd
 * seq, e.g. the admin's own record created by this command), is never dropped. A dropped record is read back
 * from Firestore on its next update. With journaling off the store is the only copy, so nothing is
 * dropped.
 * <p>
 * Runs on the engine thread (the only writer may remove entries) and walks the whole store: an
 * operator's command, it pauses updates for about a second per million records and allocates.
 */
final class CacheClearer
{
    static final long IDLE_MILLIS_DEFAULT = 3_600_000;

    private final StateStore store;
    private final boolean journalEnabled;
    private final long idleMillis;

    CacheClearer(final StateStore store, final boolean journalEnabled, final long idleMillis)
    {
        this.store = store;
        this.journalEnabled = journalEnabled;
        this.idleMillis = idleMillis;
    }

    void clear(final long nowMillis, final StringBuilder report)
    {
        if (!journalEnabled)
        {
            report.append("journaling is off: the store is the only copy of every record, so nothing was dropped");
            return;
        }
        final long cutoff = nowMillis - idleMillis;
        final long[] kept = new long[1];
        final List<Long> users = new ArrayList<>();
        store.users().map().forEachEntry(entry ->
        {
            final UserRecord r = entry.value().get();
            if ((r.getSeq() & 1) != 0 || r.getVersion() != r.getSyncedVersion())
            {
                kept[0]++;
            }
            else if (r.getLastSeenMillis() < cutoff)
            {
                users.add(key(entry.key().get()));
            }
        });
        final List<Long> chats = new ArrayList<>();
        store.chats().map().forEachEntry(entry ->
        {
            final ChatRecord r = entry.value().get();
            if ((r.getSeq() & 1) != 0 || r.getVersion() != r.getSyncedVersion())
            {
                kept[0]++;
            }
            else if (r.getLastMessageMillis() < cutoff)
            {
                chats.add(key(entry.key().get()));
            }
        });
        remove(store.users(), users);
        remove(store.chats(), chats);
        report.append("dropped ").append(users.size()).append(" users and ").append(chats.size())
            .append(" chats (in Firestore, unused for ").append(idleMillis / 1000).append(" s); kept ")
            .append(kept[0]).append(" with changes not yet in Firestore");
    }

    private static long key(final LongValue key)
    {
        return key.getValue();
    }

    private static <V> void remove(final RecordTable<V> table, final List<Long> ids)
    {
        for (final Long id : ids)
        {
            table.remove(id);
        }
    }
}

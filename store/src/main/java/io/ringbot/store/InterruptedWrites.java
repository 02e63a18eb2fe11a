package io.ringbot.store;

import io.ringbot.store.record.ChatRecord;
import io.ringbot.store.record.RecordTable;
import io.ringbot.store.record.UserRecord;
import net.openhft.chronicle.core.values.LongValue;

import java.util.ArrayList;
import java.util.List;

/**
 * After a crash, closes the seqlocks of records whose change the crash interrupted (odd seq): readers
 * would otherwise wait on them forever. The fields keep whatever the change had written; the version
 * rises so that the journal writes the record again. Runs once at start, before the engine.
 */
final class InterruptedWrites
{
    private InterruptedWrites()
    {
    }

    static int repair(final RecordTable<UserRecord> users, final RecordTable<ChatRecord> chats)
    {
        int repaired = 0;
        for (final long id : oddIds(users, true))
        {
            final UserRecord r = users.acquire(id);
            r.setOrderedVersion(r.getVersion() + 1);
            r.setOrderedSeq(r.getSeq() + 1);
            repaired++;
        }
        for (final long id : oddIds(chats, false))
        {
            final ChatRecord r = chats.acquire(id);
            r.setOrderedVersion(r.getVersion() + 1);
            r.setOrderedSeq(r.getSeq() + 1);
            repaired++;
        }
        return repaired;
    }

    private static <V> List<Long> oddIds(final RecordTable<V> table, final boolean user)
    {
        final List<Long> ids = new ArrayList<>();
        table.map().forEachEntry(entry ->
        {
            final V value = entry.value().get();
            final long seq = user ? ((UserRecord)value).getSeq() : ((ChatRecord)value).getSeq();
            if ((seq & 1) != 0)
            {
                final LongValue key = entry.key().get();
                ids.add(key.getValue());
            }
        });
        return ids;
    }
}

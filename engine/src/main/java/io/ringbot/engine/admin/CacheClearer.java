package io.ringbot.engine.admin;

import io.ringbot.engine.load.StoreRoom;
import io.ringbot.store.StateStore;
import io.ringbot.store.record.Record;
import io.ringbot.store.record.RecordMaps;
import io.ringbot.store.record.RecordTable;

import java.util.ArrayList;
import java.util.List;

/**
 * /clearcache: drops records that Firestore already holds (version == syncedVersion) and that were not
 * seen for a while (the engine's {@code lastSeen}, kept for every record type and every bot); a record
 * with an unsynced change, or one being changed by the current update (odd seq, e.g. the admin's own
 * record created by this command), is never dropped. A dropped record is read back from Firestore on its
 * next update. With journaling off the store is the only copy, so nothing is dropped. The engine's own
 * eviction ({@link StoreRoom}) drops by the same rule, a segment at a time, when a table nears its capacity.
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
        report.append("dropped ");
        final RecordTable[] tables = store.tables();
        for (int t = 0; t < tables.length; t++)
        {
            final RecordTable table = tables[t];
            final List<Long> idle = new ArrayList<>();
            RecordMaps.forEach(table.map(), Record.flyweight(table.schema()), (id, r) ->
            {
                if (!StoreRoom.isEvictable(r))
                {
                    kept[0]++;
                }
                else if (r.lastSeenMillis() < cutoff)
                {
                    idle.add(id);
                }
            });
            for (final Long id : idle)
            {
                table.remove(id);
            }
            report.append(t == 0 ? "" : t == tables.length - 1 ? " and " : ", ").append(idle.size()).append(' ')
                .append(table.schema().name());
        }
        report.append(" (in Firestore, unused for ").append(idleMillis / 1000).append(" s); kept ")
            .append(kept[0]).append(" with changes not yet in Firestore");
    }
}

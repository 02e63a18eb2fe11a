package io.ringbot.engine.journal;

import io.ringbot.engine.JournalAckHandler;
import io.ringbot.engine.dispatch.RecordChanges;
import io.ringbot.store.journal.RecordType;
import io.ringbot.store.record.Record;
import io.ringbot.store.record.RecordTable;
import org.agrona.concurrent.status.AtomicCounter;

/**
 * Engine thread: advances each acknowledged record's synced version, and offers the record to the
 * journal again when it changed after the acknowledged version (it stays dirty).
 */
public final class AckApplier implements JournalAckHandler
{
    private final RecordTable[] tables;
    private final RecordType[] types;
    private final RecordChanges changes;
    private final AtomicCounter applied;

    /**
     * @param tables  the record tables, indexed by {@link RecordType#index()} ({@code StateStore.tables()}).
     * @param changes where records that changed since the acknowledged version are offered again.
     * @param applied counts acknowledgements applied.
     */
    public AckApplier(final RecordTable[] tables, final RecordChanges changes, final AtomicCounter applied)
    {
        this.tables = tables.clone();
        this.types = new RecordType[tables.length];
        for (int t = 0; t < tables.length; t++)
        {
            types[t] = RecordType.of(t, tables[t].schema().name());
        }
        this.changes = changes;
        this.applied = applied;
    }

    public void onAcks(final Object payload)
    {
        final JournalAckBatch batch = (JournalAckBatch)payload;
        final long[] triples = batch.triples;
        final int count = batch.count;
        for (int i = 0; i < count * 3; i += 3)
        {
            final int type = (int)triples[i];
            final long id = triples[i + 1];
            final long version = triples[i + 2];
            final Record record = tables[type].find(id);
            if (record != null && record.syncedVersion() < version)
            {
                record.orderedSyncedVersion(version);
                if (record.version() > version)
                {
                    changes.changed(types[type], id);
                }
            }
        }
        applied.getAndAddRelease(count);
    }
}

package io.ringbot.store;

import io.ringbot.store.record.Record;
import io.ringbot.store.record.RecordMaps;
import io.ringbot.store.record.RecordTable;

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

    static int repair(final RecordTable... tables)
    {
        final int[] repaired = new int[1];
        for (final RecordTable table : tables)
        {
            RecordMaps.forEach(table.map(), Record.flyweight(table.schema()), (id, record) ->
            {
                if ((record.seq() & 1) != 0)
                {
                    record.endWrite();
                    repaired[0]++;
                }
            });
        }
        return repaired[0];
    }
}

package io.ringbot.engine.journal;

import io.ringbot.engine.Engine;
import io.ringbot.engine.ring.UpdateEvent;
import io.ringbot.store.journal.JournalAcks;
import io.ringbot.store.journal.RecordType;

import java.util.concurrent.locks.LockSupport;

/**
 * The journal thread's side of acknowledgements: gathers them into batches and publishes each batch
 * as one {@link UpdateEvent#JOURNAL_ACK} event, so the engine (the only writer of records) advances
 * the synced versions. Waits for room in the ring rather than drop an ack; gives up only when the
 * engine has stopped (those records are journaled again at the next start).
 */
public final class RingJournalAcks implements JournalAcks
{
    static final int BATCH = 512;

    private final Engine engine;
    private JournalAckBatch batch = new JournalAckBatch(BATCH);

    public RingJournalAcks(final Engine engine)
    {
        this.engine = engine;
    }

    public void onSynced(final RecordType type, final long id, final long version)
    {
        batch.add(type.index(), id, version);
        if (batch.isFull())
        {
            flush();
        }
    }

    /**
     * Publishes what was gathered; the journal's duty cycle calls it after each unit of work.
     *
     * @return the number of acknowledgements published.
     */
    public int flush()
    {
        final JournalAckBatch full = batch;
        if (full.count == 0)
        {
            return 0;
        }
        long sequence;
        while ((sequence = engine.tryClaim()) < 0)
        {
            if (!engine.isRunning())
            {
                full.count = 0;
                return 0;
            }
            LockSupport.parkNanos(50_000);
        }
        batch = new JournalAckBatch(BATCH);
        engine.slot(sequence).type(UpdateEvent.JOURNAL_ACK).payload(full);
        engine.publish(sequence);
        return full.count;
    }
}

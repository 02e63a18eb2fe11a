package io.ringbot.engine;

import io.ringbot.bot.UpdateKind;
import io.ringbot.store.record.RecordTable;
import io.ringbot.store.status.CountersFile;
import io.ringbot.store.status.LatencyHistograms;
import io.ringbot.store.status.RingbotCounter;
import org.HdrHistogram.Recorder;
import org.agrona.concurrent.status.AtomicCounter;

/**
 * The engine thread's counters, resolved once: the hot path increments fields, never looks up.
 * The engine is their only writer, so increments are plain release stores.
 */
public final class EngineCounters
{
    final AtomicCounter updates;
    final AtomicCounter duplicates;
    final AtomicCounter handlerErrors;
    final AtomicCounter badJson;
    final AtomicCounter missingUpdateId;
    final AtomicCounter badNumber;
    final AtomicCounter updateIdJumps;
    final AtomicCounter unhandled;
    final AtomicCounter replies;
    final AtomicCounter heartbeat;
    final AtomicCounter undoFull;
    private final AtomicCounter bindingHits;
    private final AtomicCounter bindingMisses;
    private final AtomicCounter[] kinds;
    private final RecordTable[] tables;
    private final Recorder latency = LatencyHistograms.newRecorder();

    /**
     * @param file   the counters file.
     * @param tables every record table of the store (users, chats, further types).
     */
    public EngineCounters(final CountersFile file, final RecordTable[] tables)
    {
        updates = file.counter(RingbotCounter.ENGINE_UPDATES);
        duplicates = file.counter(RingbotCounter.ENGINE_DUPLICATES);
        handlerErrors = file.counter(RingbotCounter.ENGINE_HANDLER_ERRORS);
        badJson = file.counter(RingbotCounter.ENGINE_BAD_JSON);
        missingUpdateId = file.counter(RingbotCounter.ENGINE_MISSING_UPDATE_ID);
        badNumber = file.counter(RingbotCounter.ENGINE_BAD_NUMBER);
        updateIdJumps = file.counter(RingbotCounter.ENGINE_UPDATE_ID_JUMPS);
        unhandled = file.counter(RingbotCounter.ENGINE_UNHANDLED);
        replies = file.counter(RingbotCounter.ENGINE_REPLIES);
        heartbeat = file.counter(RingbotCounter.ENGINE_HEARTBEAT_MS);
        undoFull = file.counter(RingbotCounter.ENGINE_UNDO_FULL);
        bindingHits = file.counter(RingbotCounter.STORE_BINDING_HITS);
        bindingMisses = file.counter(RingbotCounter.STORE_BINDING_MISSES);
        kinds = new AtomicCounter[UpdateKind.count()];
        for (int i = 0; i < kinds.length; i++)
        {
            kinds[i] = file.newCounter("updates kind=" + UpdateKind.of(i).fieldName(), CountersFile.KIND_TYPE_ID);
        }
        this.tables = tables.clone();
    }

    /**
     * @return the engine's per-update time in nanoseconds (decode to reply), wait-free for the engine;
     * readers take interval histograms.
     */
    public Recorder latency()
    {
        return latency;
    }

    AtomicCounter kind(final UpdateKind kind)
    {
        return kinds[kind.ordinal()];
    }

    /**
     * @param kind an update kind.
     * @return how many updates of that kind were applied.
     */
    public long kindCount(final UpdateKind kind)
    {
        return kinds[kind.ordinal()].get();
    }


    /** Publishes what the tables count in plain fields, once per batch rather than per lookup. */
    void onEndOfBatch()
    {
        long hits = 0;
        long misses = 0;
        for (int t = 0; t < tables.length; t++)
        {
            hits += tables[t].bindingHits();
            misses += tables[t].bindingMisses();
        }
        bindingHits.setRelease(hits);
        bindingMisses.setRelease(misses);
    }
}

package io.ringbot.engine.load;

import io.ringbot.engine.Engine;
import io.ringbot.engine.ring.UpdateEvent;
import io.ringbot.store.journal.LoadCallback;
import io.ringbot.store.journal.RecordLoader;
import io.ringbot.store.journal.RecordType;

import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Connects the store's {@link RecordLoader} to the engine: requests go to the loader, results come
 * back as {@link UpdateEvent#RECORD_LOADED} events. Runs on the loader's thread, which may wait for
 * room in the ring (the engine never waits for it).
 */
public final class RingLoadCallback implements LoadCallback, LoadRequests
{
    private final Engine engine;
    private final RecordLoader loader;

    public RingLoadCallback(final Engine engine, final RecordLoader loader)
    {
        this.engine = engine;
        this.loader = loader;
    }

    public boolean request(final RecordType type, final long id)
    {
        return loader.load(type, id, this);
    }

    public void onLoaded(final RecordType type, final long id, final Map<String, Object> fields)
    {
        publish(new LoadedRecord(type, id, fields, false));
    }

    public void onNotFound(final RecordType type, final long id)
    {
        publish(new LoadedRecord(type, id, null, false));
    }

    public void onFailed(final RecordType type, final long id, final Throwable reason)
    {
        publish(new LoadedRecord(type, id, null, true));
    }

    private void publish(final LoadedRecord record)
    {
        long sequence;
        while ((sequence = engine.tryClaim()) < 0)
        {
            if (!engine.isRunning())
            {
                return;
            }
            LockSupport.parkNanos(50_000);
        }
        engine.slot(sequence).type(UpdateEvent.RECORD_LOADED).payload(record);
        engine.publish(sequence);
    }
}

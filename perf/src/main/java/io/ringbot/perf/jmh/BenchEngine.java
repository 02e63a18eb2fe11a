package io.ringbot.perf.jmh;

import io.ringbot.engine.Engine;
import io.ringbot.engine.EngineContext;
import io.ringbot.engine.ring.UpdateEvent;
import io.ringbot.store.StateStore;
import io.ringbot.store.StoreContext;
import io.ringbot.store.status.CountersFile;
import org.agrona.IoUtil;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The engine benchmarks' fixture: a store and counters file in a temporary folder, an engine over them, and
 * one update at a time handed to the engine's handler on the calling thread (no ring hand-off), as the
 * engine thread receives it.
 */
final class BenchEngine
{
    private final Path dir;
    private final StateStore store;
    private final CountersFile counters;
    private final UpdateEvent event = new UpdateEvent();
    private Engine engine;
    private long sequence;

    /**
     * Opens the store (in a new temporary folder) and the counters; {@link #start} then makes the engine.
     *
     * @param storeContext the store's configuration, without its folder.
     */
    BenchEngine(final StoreContext storeContext) throws IOException
    {
        dir = Files.createTempDirectory("ringbot-bench");
        store = StateStore.open(storeContext.dataDir(dir));
        counters = CountersFile.create(dir);
        event.responder((e, s) -> { });
    }

    /**
     * @param engineContext the engine's configuration; the store and the counters are set here.
     * @return this.
     */
    BenchEngine start(final EngineContext engineContext)
    {
        engine = new Engine(engineContext.store(store).countersFile(counters));
        return this;
    }

    Path dir()
    {
        return dir;
    }

    StateStore store()
    {
        return store;
    }

    CountersFile counters()
    {
        return counters;
    }

    /**
     * @param body an update's JSON.
     * @return the reply's length.
     */
    int handle(final byte[] body)
    {
        System.arraycopy(body, 0, event.bodyBufferFor(body.length), 0, body.length);
        event.type(UpdateEvent.UPDATE);
        engine.handler().onEvent(event, sequence++, (sequence & 63) == 0);
        return event.replyLength();
    }

    /**
     * @return the last reply, for a check after the measurement.
     */
    String lastReply()
    {
        return new String(event.reply(), 0, event.replyLength(), StandardCharsets.UTF_8);
    }

    void close() throws IOException
    {
        store.close();
        counters.close();
        IoUtil.delete(dir.toFile(), false);
    }
}

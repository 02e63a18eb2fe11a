package io.ringbot.perf.jmh;

import io.ringbot.bot.Bot;
import io.ringbot.engine.Engine;
import io.ringbot.engine.EngineContext;
import io.ringbot.engine.admin.AdminReports;
import io.ringbot.engine.reference.ReferenceBot;
import io.ringbot.engine.ring.UpdateEvent;
import io.ringbot.store.StateStore;
import io.ringbot.store.StoreContext;
import io.ringbot.store.status.CountersFile;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The engine handler per update, on its own thread as in production but without the ring hand-off:
 * decode, de-duplicate, route, change the user's and chat's records in place in the persisted
 * Chronicle Maps, encode the reply into the slot. Run with {@code -prof gc} for bytes per update.
 */
@State(Scope.Thread)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@Warmup(iterations = 5, time = 2)
public class EngineHandlerBenchmark extends OffHeapBenchmark
{
    /** Distinct users cycled through: 1,000 fit the binding cache, 100,000 mostly miss it. */
    @Param({"1000", "100000"})
    int users;

    /** The engine's latency histogram (two clock reads and a wait-free record per update) on or off. */
    @Param({"true", "false"})
    boolean histograms;

    private Path dir;
    private StateStore store;
    private CountersFile counters;
    private Engine engine;
    private TextUpdates updates;
    private final UpdateEvent event = new UpdateEvent();
    private long sequence;

    @Setup(Level.Trial)
    public void setUp() throws IOException
    {
        dir = Files.createTempDirectory("ringbot-bench");
        store = StateStore.open(new StoreContext().dataDir(dir).usersCapacity(users * 2L)
            .userSchema(ReferenceBot.USERS).chatSchema(ReferenceBot.CHATS));
        counters = CountersFile.create(dir);
        final Bot bot = ReferenceBot.create("");
        new AdminReports(store, counters.reader(), System.currentTimeMillis(), "bench").registerWith(bot);
        engine = new Engine(new EngineContext().store(store).countersFile(counters)
            .bot(bot)
            .ringSize(1024).recordLatency(histograms));
        updates = new TextUpdates(users);
        event.responder((e, s) -> { });
    }

    @Benchmark
    public int handleTextUpdate()
    {
        final int i = updates.next();
        final byte[] body = updates.bodies[i];
        System.arraycopy(body, 0, event.bodyBufferFor(body.length), 0, body.length);
        event.type(UpdateEvent.UPDATE);
        engine.handler().onEvent(event, sequence++, (sequence & 63) == 0);
        return event.replyLength();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException
    {
        store.close();
        counters.close();
        try (var files = Files.walk(dir))
        {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}

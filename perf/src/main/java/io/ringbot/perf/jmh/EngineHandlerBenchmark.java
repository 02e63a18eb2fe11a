package io.ringbot.perf.jmh;

import io.ringbot.bot.Bot;
import io.ringbot.engine.EngineContext;
import io.ringbot.engine.admin.AdminReports;
import io.ringbot.engine.reference.ReferenceBot;
import io.ringbot.store.StoreContext;
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

    private BenchEngine bench;
    private TextUpdates updates;

    @Setup(Level.Trial)
    public void setUp() throws IOException
    {
        bench = new BenchEngine(new StoreContext().usersCapacity(users * 2L)
            .userSchema(ReferenceBot.USERS).chatSchema(ReferenceBot.CHATS));
        final Bot bot = ReferenceBot.create("");
        new AdminReports(bench.store(), bench.counters().reader(), System.currentTimeMillis(), "bench").registerWith(bot);
        bench.start(new EngineContext().bot(bot).ringSize(1024).recordLatency(histograms));
        updates = new TextUpdates(users);
    }

    @Benchmark
    public int handleTextUpdate()
    {
        return bench.handle(updates.bodies[updates.next()]);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException
    {
        bench.close();
    }
}

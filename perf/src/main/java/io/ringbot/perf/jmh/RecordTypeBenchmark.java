package io.ringbot.perf.jmh;

import io.ringbot.engine.EngineContext;
import io.ringbot.engine.shop.ShopBot;
import io.ringbot.store.StoreContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.util.List;

/**
 * The engine handler per update of the shop bot, which has a third record type. Half the updates are
 * "/order N 5": the order the update needs is checked (as with journaling on; every order is in the store
 * after the first round) and read with {@code ctx.record(ORDERS, n)} (it exists: the answer is an error
 * text); half are "/gift A B", which needs and changes two other users' records. Run with
 * {@code -prof gc}: 0 B/op.
 */
@State(Scope.Thread)
@BenchmarkMode({Mode.AverageTime})
@Warmup(iterations = 5, time = 2)
public class RecordTypeBenchmark extends OffHeapBenchmark
{
    private static final int USERS = 1000;
    private static final int ORDERS_COUNT = 1000;

    private BenchEngine bench;
    private TextUpdates updates;

    @Setup(Level.Trial)
    public void setUp() throws IOException
    {
        bench = new BenchEngine(new StoreContext().usersCapacity(USERS * 2L)
            .userSchema(ShopBot.USERS).chatSchema(ShopBot.CHATS).furtherSchemas(List.of(ShopBot.ORDERS)));
        // reads are asked for (as with journaling on) but none is needed: every order is in the store after the first round
        bench.start(new EngineContext().bot(ShopBot.create()).ringSize(1024).loadRequests((type, id) -> false));
        final String[] texts = new String[USERS];
        for (int u = 0; u < USERS; u++)
        {
            texts[u] = (u & 1) == 0 ? "/order " + (1 + u % ORDERS_COUNT) + " 5" :
                "/gift " + (100_000_000L + (u + 1) % USERS) + " " + (100_000_000L + (u + 2) % USERS);
        }
        updates = new TextUpdates(USERS, texts);
    }

    @Benchmark
    public int handleOrderUpdate()
    {
        return bench.handle(updates.bodies[updates.next()]);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException
    {
        bench.close();
    }
}

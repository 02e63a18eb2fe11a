package io.ringbot.perf.jmh;

import io.ringbot.engine.EngineContext;
import io.ringbot.engine.wallet.WalletBot;
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
 * The wallet bot's {@code /send} per update through the engine handler (decode, de-duplicate, name the
 * recipient, route, parse the arguments in place, change two users' records, encode the reply), in a
 * ring: user u sends 1 coin to user u + 1, so balances stay put. {@code balance} is the baseline of the
 * same path without the transfer. Run with {@code -prof gc}: both should be 0 B/op.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@Warmup(iterations = 5, time = 2)
public class WalletBenchmark extends OffHeapBenchmark
{
    private static final long FIRST_USER = 100_000_000L;

    /** Distinct users in the ring. */
    @Param({"1000"})
    int users;

    private BenchEngine bench;
    private TextUpdates sends;
    private TextUpdates balances;

    @Setup(Level.Trial)
    public void setUp() throws IOException
    {
        bench = new BenchEngine(new StoreContext().usersCapacity(users * 2L)
            .userSchema(WalletBot.USERS).chatSchema(WalletBot.CHATS))
            .start(new EngineContext().bot(WalletBot.create("")).ringSize(1024));
        final String[] sendTexts = new String[users];
        final String[] balanceTexts = new String[users];
        for (int u = 0; u < users; u++)
        {
            sendTexts[u] = "/send " + (FIRST_USER + (u + 1) % users) + " 1";
            balanceTexts[u] = "/balance";
        }
        sends = new TextUpdates(users, sendTexts);
        balances = new TextUpdates(users, balanceTexts);
    }

    @Benchmark
    public int send()
    {
        return handle(sends);
    }

    @Benchmark
    public int balance()
    {
        return handle(balances);
    }

    private int handle(final TextUpdates updates)
    {
        return bench.handle(updates.bodies[updates.next()]);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException
    {
        final String reply = bench.lastReply();
        if (!reply.contains("balance="))
        {
            throw new IllegalStateException("the wallet did not answer as expected: " + reply);
        }
        bench.close();
    }
}

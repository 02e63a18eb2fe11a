package io.ringbot.perf.jmh;

import io.ringbot.engine.outbound.OutboundProxy;
import io.ringbot.engine.outbound.OutboundRing;
import io.ringbot.store.status.CountersFile;
import org.agrona.IoUtil;
import org.agrona.concurrent.MessageHandler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One handler's outbound call alone, without the engine around it: a sendMessage with a text and a
 * one-button keyboard built through {@code ctx.outbound()}'s implementation, and (send) written into the
 * persisted queue and committed as the engine commits an update. The queue is read on the same thread
 * every 1,024 calls (its cost is in the figure). Where {@link OutboundEngineBenchmark} and
 * {@link OutboundPairedBenchmark} show what a call adds to an update, this shows what the call itself costs,
 * for work on its path. Run with {@code -prof gc}: 0 B/op.
 */
@State(Scope.Thread)
public class OutboundCallBenchmark extends OffHeapBenchmark
{
    private static final MessageHandler DROP = (type, buffer, index, length) -> { };

    /** build: the call is built, never sent; send: built, queued and committed. */
    @Param({"build", "send"})
    String mode;

    private Path dir;
    private CountersFile counters;
    private OutboundRing ring;
    private final OutboundProxy proxy = new OutboundProxy();
    private long count;
    private boolean send;

    @Setup(Level.Trial)
    public void setUp() throws IOException
    {
        dir = Files.createTempDirectory("ringbot-call-bench");
        counters = CountersFile.create(dir);
        ring = OutboundRing.open(dir, OutboundRing.CAPACITY_DEFAULT, counters);
        proxy.ring(ring);
        send = "send".equals(mode);
    }

    @Benchmark
    public long call()
    {
        final long c = ++count;
        proxy.sendMessage(1234567890L).button("\uD83D\uDC4D", "like").text().append("you wrote ").append(c);
        if (send)
        {
            proxy.call().send(c);
            proxy.commitUpdate();
            if ((c & 1023) == 0)
            {
                ring.ring().read(DROP, Integer.MAX_VALUE);
            }
        }
        return c;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException
    {
        ring.close();
        counters.close();
        IoUtil.delete(dir.toFile(), false);
    }
}

package io.ringbot.perf.jmh;

import io.ringbot.bot.BotContext;
import io.ringbot.bot.UpdateHandler;
import io.ringbot.engine.reference.ReferenceBot;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.util.Arrays;

/**
 * {@link OutboundEngineBenchmark}'s two modes in one run, for a loaded machine: each invocation hands the
 * same update to a reply-only engine and to an engine whose handler also makes one outbound call (which
 * call: {@code outboundMode}), alternating which goes first, timing each with {@code System.nanoTime()}; a
 * third, empty timing measures the clock's own cost. Both sides see the same moments of the machine's load, so the per-iteration medians
 * printed at each iteration's end compare them where separate runs cannot. The JMH score is the pair's time.
 * The queue is drained on the same thread every 256 updates, inside the timing or outside it ({@code drainTimed}).
 */
@State(Scope.Thread)
public class OutboundPairedBenchmark extends OffHeapBenchmark
{
    private static final int SAMPLES = 1 << 22;

    /** The queue's size: the default, and one that stays in the CPU's caches (the cost of cold queue lines). */
    @Param({"16777216", "65536"})
    int queueBytes;

    /**
     * What the outbound engine's handler does besides the same reply. text: also queues a sendMessage with a
     * text; keyboard: a sendMessage with a text and a one-button keyboard; build: builds that call and never
     * sends it (what queuing adds is the difference); instead: queues the reply's sendMessage as an outbound
     * call in place of the reply (the same message, the other path).
     */
    @Param({"text", "keyboard", "build", "instead"})
    String outboundMode;

    /**
     * true: the queue is read on the engine's thread inside the timed window (its cost in the figure);
     * false: read between the timed windows, as the sender thread reads it in ringbot.
     */
    @Param({"false", "true"})
    boolean drainTimed;

    private OutboundEngineSide reply;
    private OutboundEngineSide outbound;
    private TextUpdates updates;
    private final long[] replyNanos = new long[SAMPLES];
    private final long[] outboundNanos = new long[SAMPLES];
    private final long[] clockNanos = new long[SAMPLES];
    private int samples;
    private long invocations;

    @Setup(Level.Trial)
    public void setUp() throws IOException
    {
        reply = new OutboundEngineSide(OutboundEngineBenchmark::reply, queueBytes, drainTimed ? 256 : 0);
        // 256 calls of ~128 bytes: half of the small queue
        outbound = new OutboundEngineSide(handler(outboundMode), queueBytes, drainTimed ? 256 : 0);
        updates = new TextUpdates(1_000);
    }

    @Setup(Level.Iteration)
    public void startIteration()
    {
        samples = 0;
    }

    @Benchmark
    public int pair()
    {
        final byte[] body = updates.bodies[updates.next()];
        final boolean replyFirst = (invocations++ & 1) == 0;
        final long t0 = System.nanoTime();
        final long t1 = System.nanoTime();
        final int a = replyFirst ? reply.handle(body) : outbound.handle(body);
        final long t2 = System.nanoTime();
        final int b = replyFirst ? outbound.handle(body) : reply.handle(body);
        final long t3 = System.nanoTime();
        if (!drainTimed && (invocations & 255) == 0) // the sender's read, outside the timed window
        {
            reply.drain();
            outbound.drain();
        }
        if (samples < SAMPLES)
        {
            clockNanos[samples] = t1 - t0;
            replyNanos[samples] = replyFirst ? t2 - t1 : t3 - t2;
            outboundNanos[samples] = replyFirst ? t3 - t2 : t2 - t1;
            samples++;
        }
        return a + b;
    }

    @TearDown(Level.Iteration)
    public void report()
    {
        final long clock = median(clockNanos, samples);
        final long r = median(replyNanos, samples) - clock;
        final long o = median(outboundNanos, samples) - clock;
        System.out.printf("%n  paired medians over %,d updates: reply %,d ns, outbound %,d ns (+%.1f%%), clock %d ns%n",
            samples, r, o, 100.0 * (o - r) / r, clock);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException
    {
        reply.close();
        outbound.close();
    }

    /** Sorts in place (the samples are dropped after the iteration): no allocation to count against an update. */
    private static long median(final long[] values, final int count)
    {
        Arrays.sort(values, 0, count);
        return count == 0 ? 0 : values[count / 2];
    }

    private static UpdateHandler handler(final String outboundMode)
    {
        switch (outboundMode)
        {
            case "text":
                return OutboundEngineBenchmark::replyAndSend;
            case "keyboard":
                return OutboundEngineBenchmark::replyAndSendKeyboard;
            case "build":
                return OutboundEngineBenchmark::replyAndBuildKeyboard;
            case "instead":
                return OutboundPairedBenchmark::sendInsteadOfReply;
            default:
                throw new IllegalArgumentException("outboundMode: text, keyboard, build or instead, was " + outboundMode);
        }
    }

    static void sendInsteadOfReply(final BotContext ctx)
    {
        final long count = ctx.user().add(ReferenceBot.USER_MESSAGES, 1);
        ctx.outbound().sendMessage(ctx.update().chatId()).text().append("count=").append(count);
        ctx.outbound().call().send(count);
    }
}

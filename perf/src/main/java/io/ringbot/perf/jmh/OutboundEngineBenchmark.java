package io.ringbot.perf.jmh;

import io.ringbot.bot.BotContext;
import io.ringbot.engine.outbound.OutboundRing;
import io.ringbot.engine.reference.ReferenceBot;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;

/**
 * The engine per update with one outbound call per update (a sendMessage written into the persisted
 * outbound queue) against the reply-only path: same bot, same reply; the call has a text (outbound) or a
 * text and a one-button keyboard (keyboard). The queue is drained on the same thread every 1,024 updates
 * (its cost, a read and a memset, is in the figure). Run with {@code -prof gc}: every mode must be 0 B/op.
 * Separate forks differ by more than the call costs on a shared machine: {@link OutboundPairedBenchmark}
 * compares the modes within one run.
 */
@State(Scope.Thread)
public class OutboundEngineBenchmark extends OffHeapBenchmark
{
    @Param({"reply", "outbound", "keyboard"})
    String mode;

    private OutboundEngineSide side;
    private TextUpdates updates;

    @Setup(Level.Trial)
    public void setUp() throws IOException
    {
        side = new OutboundEngineSide("keyboard".equals(mode) ? OutboundEngineBenchmark::replyAndSendKeyboard :
            "outbound".equals(mode) ? OutboundEngineBenchmark::replyAndSend : OutboundEngineBenchmark::reply,
            OutboundRing.CAPACITY_DEFAULT, 1024);
        updates = new TextUpdates(1_000);
    }

    static void reply(final BotContext ctx)
    {
        ctx.sendMessage().text().append("count=").append(ctx.user().add(ReferenceBot.USER_MESSAGES, 1));
    }

    static void replyAndSend(final BotContext ctx)
    {
        final long count = ctx.user().add(ReferenceBot.USER_MESSAGES, 1);
        ctx.sendMessage().text().append("count=").append(count);
        ctx.outbound().sendMessage(ctx.update().chatId()).text().append("you wrote ").append(count);
        ctx.outbound().call().send(count);
    }

    static void replyAndSendKeyboard(final BotContext ctx)
    {
        ctx.outbound().call().send(replyAndBuildKeyboard(ctx));
    }

    /**
     * Replies, and builds (does not send) a sendMessage with a text and a one-button keyboard.
     *
     * @return the user's count, the call's correlation.
     */
    static long replyAndBuildKeyboard(final BotContext ctx)
    {
        final long count = ctx.user().add(ReferenceBot.USER_MESSAGES, 1);
        ctx.sendMessage().text().append("count=").append(count);
        ctx.outbound().sendMessage(ctx.update().chatId()).button("👍", "like").text().append("you wrote ").append(count);
        return count;
    }

    @Benchmark
    public int handleTextUpdate()
    {
        return side.handle(updates.bodies[updates.next()]);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException
    {
        side.close();
    }
}

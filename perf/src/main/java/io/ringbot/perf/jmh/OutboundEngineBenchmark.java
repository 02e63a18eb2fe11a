package io.ringbot.perf.jmh;

import io.ringbot.engine.Engine;
import io.ringbot.engine.EngineContext;
import io.ringbot.bot.Bot;
import io.ringbot.bot.BotContext;
import io.ringbot.bot.UpdateHandler;
import io.ringbot.engine.outbound.OutboundRing;
import io.ringbot.engine.reference.ReferenceBot;
import io.ringbot.engine.ring.UpdateEvent;
import io.ringbot.store.StateStore;
import io.ringbot.store.StoreContext;
import io.ringbot.store.status.CountersFile;
import io.ringbot.store.status.RingbotCounter;
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
 * The engine per update with one outbound call per update (a sendMessage written into the persisted
 * outbound queue) against the reply-only path: same bot, same reply. The queue is drained on the same
 * thread every 1,024 updates (its cost, a read and a memset, is in the figure). Run with
 * {@code -prof gc}: both must be 0 B/op.
 */
@State(Scope.Thread)
public class OutboundEngineBenchmark extends OffHeapBenchmark
{
    @Param({"reply", "outbound"})
    String mode;

    private static final MessageHandler DROP = (type, buffer, index, length) -> { };

    private Path dir;
    private StateStore store;
    private CountersFile counters;
    private OutboundRing ring;
    private Engine engine;
    private TextUpdates updates;
    private final UpdateEvent event = new UpdateEvent();
    private long sequence;

    @Setup(Level.Trial)
    public void setUp() throws IOException
    {
        dir = Files.createTempDirectory("ringbot-bench");
        store = StateStore.open(new StoreContext().dataDir(dir).usersCapacity(2_000)
            .userSchema(ReferenceBot.USERS).chatSchema(ReferenceBot.CHATS));
        counters = CountersFile.create(dir);
        ring = new OutboundRing(dir, OutboundRing.CAPACITY_DEFAULT, counters.counter(RingbotCounter.OUTBOUND_ACCEPTED),
            counters.counter(RingbotCounter.OUTBOUND_REJECTED));
        final boolean outbound = "outbound".equals(mode);
        final UpdateHandler handler = outbound ? OutboundEngineBenchmark::replyAndSend : OutboundEngineBenchmark::reply;
        engine = new Engine(new EngineContext().store(store).countersFile(counters).bot(new Bot().text(handler))
            .outbound(ring).ringSize(1024).recordLatency(false));
        updates = new TextUpdates(1_000);
        event.responder((e, s) -> { });
    }

    static void reply(final BotContext ctx)
    {
        ctx.sendMessage().text().append("count=").append(ctx.user().add(ReferenceBot.USER_MESSAGES, 1));
    }

    static void replyAndSend(final BotContext ctx)
    {
        final long count = ctx.user().add(ReferenceBot.USER_MESSAGES, 1);
        ctx.sendMessage().text().append("count=").append(count);
        ctx.outbound().sendMessage(ctx.update().chatId()).button("👍", "like").text().append("you wrote ").append(count);
        ctx.outbound().call().send(count);
    }

    @Benchmark
    public int handleTextUpdate()
    {
        final int i = updates.next();
        final byte[] body = updates.bodies[i];
        System.arraycopy(body, 0, event.bodyBufferFor(body.length), 0, body.length);
        event.type(UpdateEvent.UPDATE);
        engine.handler().onEvent(event, sequence++, (sequence & 63) == 0);
        if ((sequence & 1023) == 0)
        {
            ring.ring().read(DROP, Integer.MAX_VALUE);
        }
        return event.replyLength();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException
    {
        if (counters.counter(RingbotCounter.OUTBOUND_REJECTED).get() > 0)
        {
            throw new IllegalStateException("the outbound queue refused calls: the figure would be wrong");
        }
        ring.close();
        store.close();
        counters.close();
        try (var files = Files.walk(dir))
        {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}

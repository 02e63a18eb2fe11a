package io.ringbot.perf.jmh;

import io.ringbot.bot.Bot;
import io.ringbot.bot.UpdateHandler;
import io.ringbot.engine.Engine;
import io.ringbot.engine.EngineContext;
import io.ringbot.engine.outbound.OutboundRing;
import io.ringbot.engine.reference.ReferenceBot;
import io.ringbot.engine.ring.UpdateEvent;
import io.ringbot.store.StateStore;
import io.ringbot.store.StoreContext;
import io.ringbot.store.status.CountersFile;
import io.ringbot.store.status.RingbotCounter;
import org.agrona.concurrent.MessageHandler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One engine of the outbound benchmarks, with its own store, counters and outbound queue: the reference
 * bot's records and a handler that replies (and, depending on the benchmark, also queues a call).
 */
final class OutboundEngineSide
{
    private static final MessageHandler DROP = (type, buffer, index, length) -> { };

    private final Path dir;
    private final StateStore store;
    private final CountersFile counters;
    private final OutboundRing ring;
    private final Engine engine;
    private final UpdateEvent event = new UpdateEvent();
    private final int drainMask;
    private long sequence;

    /**
     * @param handler    the bot's text handler.
     * @param queueBytes the outbound queue's size.
     * @param drainEvery drain the queue on the engine's thread every so many updates (a power of two), or 0
     *                   when another thread drains it ({@link #drain()}).
     */
    OutboundEngineSide(final UpdateHandler handler, final int queueBytes, final int drainEvery) throws IOException
    {
        dir = Files.createTempDirectory("ringbot-bench");
        store = StateStore.open(new StoreContext().dataDir(dir).usersCapacity(2_000)
            .userSchema(ReferenceBot.USERS).chatSchema(ReferenceBot.CHATS));
        counters = CountersFile.create(dir);
        ring = new OutboundRing(dir, queueBytes, counters.counter(RingbotCounter.OUTBOUND_ACCEPTED),
            counters.counter(RingbotCounter.OUTBOUND_REJECTED));
        engine = new Engine(new EngineContext().store(store).countersFile(counters).bot(new Bot().text(handler))
            .outbound(ring).ringSize(1024).recordLatency(false));
        event.responder((e, s) -> { });
        drainMask = drainEvery - 1;
    }

    int handle(final byte[] body)
    {
        System.arraycopy(body, 0, event.bodyBufferFor(body.length), 0, body.length);
        event.type(UpdateEvent.UPDATE);
        engine.handler().onEvent(event, sequence++, (sequence & 63) == 0);
        if (drainMask >= 0 && (sequence & drainMask) == 0)
        {
            drain();
        }
        return event.replyLength();
    }

    /**
     * Reads and drops what the queue holds, as the sender would (on whichever thread calls it).
     *
     * @return the calls read.
     */
    int drain()
    {
        return ring.ring().read(DROP, Integer.MAX_VALUE);
    }

    void close() throws IOException
    {
        if (counters.counter(RingbotCounter.OUTBOUND_REJECTED).get() > 0)
        {
            throw new IllegalStateException("the outbound queue refused calls: the figure would be wrong");
        }
        ring.close();
        store.close();
        counters.close();
        try (Stream<Path> files = Files.walk(dir))
        {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}

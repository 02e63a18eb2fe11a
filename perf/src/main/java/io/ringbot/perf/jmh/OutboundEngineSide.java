package io.ringbot.perf.jmh;

import io.ringbot.bot.Bot;
import io.ringbot.bot.UpdateHandler;
import io.ringbot.engine.EngineContext;
import io.ringbot.engine.outbound.OutboundRing;
import io.ringbot.engine.reference.ReferenceBot;
import io.ringbot.store.StoreContext;
import io.ringbot.store.status.RingbotCounter;
import org.agrona.concurrent.MessageHandler;

import java.io.IOException;

/**
 * One engine of the outbound benchmarks, with its own store, counters and outbound queue: the reference
 * bot's records and a handler that replies (and, depending on the benchmark, also queues a call).
 */
final class OutboundEngineSide
{
    private static final MessageHandler DROP = (type, buffer, index, length) -> { };

    private final BenchEngine bench;
    private final OutboundRing ring;
    private final int drainMask;
    private long handled;

    /**
     * @param handler    the bot's text handler.
     * @param queueBytes the outbound queue's size.
     * @param drainEvery drain the queue on the engine's thread every so many updates (a power of two), or 0
     *                   when another thread drains it ({@link #drain()}).
     */
    OutboundEngineSide(final UpdateHandler handler, final int queueBytes, final int drainEvery) throws IOException
    {
        bench = new BenchEngine(new StoreContext().usersCapacity(2_000)
            .userSchema(ReferenceBot.USERS).chatSchema(ReferenceBot.CHATS));
        ring = OutboundRing.open(bench.dir(), queueBytes, bench.counters());
        bench.start(new EngineContext().bot(new Bot().text(handler)).outbound(ring).ringSize(1024).recordLatency(false));
        drainMask = drainEvery - 1;
    }

    int handle(final byte[] body)
    {
        final int length = bench.handle(body);
        if (drainMask >= 0 && (++handled & drainMask) == 0)
        {
            drain();
        }
        return length;
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
        if (bench.counters().counter(RingbotCounter.OUTBOUND_REJECTED).get() > 0)
        {
            throw new IllegalStateException("the outbound queue refused calls: the figure would be wrong");
        }
        ring.close();
        bench.close();
    }
}

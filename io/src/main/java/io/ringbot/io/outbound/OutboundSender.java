package io.ringbot.io.outbound;

import io.ringbot.engine.Engine;
import io.ringbot.engine.outbound.OutboundRing;
import io.ringbot.engine.outbound.RingSendResults;
import io.ringbot.store.record.RecordTable;
import io.ringbot.store.status.CountersFile;
import org.agrona.concurrent.SystemEpochClock;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;

/**
 * The outbound side of a server, as {@code RingbotServer} starts and stops it: the persisted queue
 * (opened before the engine, which writes it), then the Bot API client and the sender (after the
 * engine, which receives their results). Absent without BOT_TOKEN.
 */
public final class OutboundSender implements AutoCloseable
{
    private final OutboundContext ctx;
    private final OutboundRing queue;
    private final CountersFile counters;
    private final Path dataDir;
    private OutboundAgent agent;

    private OutboundSender(final OutboundContext ctx, final Path dataDir, final CountersFile counters)
    {
        this.ctx = ctx;
        this.dataDir = dataDir;
        this.counters = counters;
        queue = OutboundRing.open(dataDir, ctx.queueBytes(), counters);
        if (queue.droppedAtOpen() > 0)
        {
            LoggerFactory.getLogger(OutboundSender.class).warn("{} outbound calls of an update the last run did not " +
                "finish were dropped (it is redelivered and queues them again); counted in outbound_dropped_total",
                queue.droppedAtOpen());
        }
    }

    /**
     * @return the sender with its queue open, or null when no BOT_TOKEN is configured.
     */
    public static OutboundSender open(final OutboundContext ctx, final Path dataDir, final CountersFile counters)
    {
        return ctx.enabled() ? new OutboundSender(ctx, dataDir, counters) : null;
    }

    public OutboundRing queue()
    {
        return queue;
    }

    /**
     * Starts sending (after the engine started).
     */
    public void start(final Engine engine, final RecordTable users)
    {
        final BotApiClient client = new BotApiClient(ctx.botApiUrl(), ctx.botToken(), ctx.connections(),
            ctx.timeoutMillis());
        agent = new OutboundAgent(ctx, queue, client, new RingSendResults(engine), users, counters, dataDir,
            SystemEpochClock.INSTANCE).start();
    }

    /**
     * @return the sender, once started (tests).
     */
    public OutboundAgent agent()
    {
        return agent;
    }

    /**
     * Stops sending: waits (bounded) for the calls in flight; what was not sent stays queued for the next start.
     */
    public void stop()
    {
        if (agent != null)
        {
            agent.close(5_000);
            agent = null;
        }
    }

    /**
     * Closes the queue file (after the engine stopped writing it).
     */
    public void close()
    {
        stop();
        queue.close();
    }
}

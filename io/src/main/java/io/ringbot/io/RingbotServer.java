package io.ringbot.io;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.ringbot.engine.Engine;
import io.ringbot.engine.EngineContext;
import io.ringbot.engine.admin.AdminReports;
import io.ringbot.engine.bot.Bot;
import io.ringbot.engine.reference.ReferenceBot;
import io.ringbot.io.config.ServerConfig;
import io.ringbot.io.webhook.WebhookMetrics;
import io.ringbot.io.webhook.WebhookServer;
import io.ringbot.store.StateStore;
import io.ringbot.store.StoreContext;
import io.ringbot.store.status.CountersFile;
import io.ringbot.store.status.ErrorRecorder;
import io.ringbot.store.status.RingbotCounter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One ringbot server: the store, the counters, the engine, the webhook and the ops endpoints, started
 * in that order and closed in reverse. Used by {@code ./ringbot serve} and by the system tests.
 */
public final class RingbotServer implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(RingbotServer.class);

    private final ServerConfig config;
    private final StateStore store;
    private final CountersFile counters;
    private final Engine engine;
    private final WebhookServer webhook;
    private final String secret;
    private final boolean secretGenerated;
    private boolean closed;

    /**
     * Starts a server.
     *
     * @param config the configuration (concluded here).
     * @param bot    the bot to run, or null for the reference bot.
     * @throws InterruptedException when interrupted while binding.
     */
    public RingbotServer(final ServerConfig config, final Bot bot) throws InterruptedException
    {
        this.config = config.conclude();
        if (config.webhookSecret() == null)
        {
            final WebhookSecrets.Loaded loaded = WebhookSecrets.loadOrGenerate(config.dataDir());
            secret = loaded.secret;
            secretGenerated = loaded.generated;
            config.webhookSecret(secret);
        }
        else
        {
            secret = config.webhookSecret();
            secretGenerated = false;
        }
        store = StateStore.open(new StoreContext().dataDir(config.dataDir()).usersCapacity(config.usersCapacity()));
        counters = CountersFile.create(config.dataDir());
        try
        {
            final ErrorRecorder errors = new ErrorRecorder(counters.counter(RingbotCounter.ERRORS), counters.errorLog());
            final long startMillis = System.currentTimeMillis();
            final Bot theBot = bot != null ? bot : ReferenceBot.create(
                new AdminReports(store, counters.reader(), startMillis, "ringbot " + Version.VERSION + "\n" + config.summary()),
                config.botUsername());
            engine = new Engine(new EngineContext()
                .store(store)
                .countersFile(counters)
                .errors(errors)
                .bot(theBot)
                .adminIds(config.adminIds())
                .ringSize(config.ringSize())
                .waitStrategy(config.engineWait()));
            final EventLoopGroup group = eventLoops(config.ioThreads(), "ringbot-webhook");
            webhook = new WebhookServer(engine, group, serverChannel(), config.bind(), config.port(),
                config.webhookPath(), secret, config.maxBodyBytes(), config.idleTimeoutSeconds(), new WebhookMetrics(counters));
            engine.start();
        }
        catch (final RuntimeException | InterruptedException ex)
        {
            counters.close();
            store.close();
            throw ex;
        }
        LOG.info("ringbot {} serving webhooks on http://{}:{}{}{}", Version.VERSION, config.bind(), webhook.port(),
            config.webhookPath(), store.recovered() ? " (store recovered after an unclean exit)" : "");
    }

    public int webhookPort()
    {
        return webhook.port();
    }

    public String secret()
    {
        return secret;
    }

    public boolean secretGenerated()
    {
        return secretGenerated;
    }

    public Engine engine()
    {
        return engine;
    }

    public StateStore store()
    {
        return store;
    }

    public CountersFile counters()
    {
        return counters;
    }

    public ServerConfig config()
    {
        return config;
    }

    /**
     * Stops accepting webhooks, lets the engine finish what is on the ring, then closes the store
     * cleanly (so the next start needs no recovery).
     */
    public synchronized void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        webhook.stopAccepting();
        final boolean drained = engine.drainAndStop(10_000);
        webhook.close();
        store.close();
        counters.close();
        LOG.info("ringbot stopped{}", drained ? "" : " (the ring did not drain in 10 s)");
    }

    static EventLoopGroup eventLoops(final int threads, final String name)
    {
        final ThreadFactory factory = new ThreadFactory()
        {
            private final AtomicInteger count = new AtomicInteger();

            public Thread newThread(final Runnable r)
            {
                final Thread t = new Thread(r, name + '-' + count.incrementAndGet());
                t.setDaemon(true);
                return t;
            }
        };
        return new MultiThreadIoEventLoopGroup(threads, factory,
            Epoll.isAvailable() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    }

    static Class<? extends ServerChannel> serverChannel()
    {
        return Epoll.isAvailable() ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }
}

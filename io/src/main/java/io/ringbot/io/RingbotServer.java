package io.ringbot.io;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.util.concurrent.FastThreadLocalThread;
import io.ringbot.engine.Engine;
import io.ringbot.engine.EngineContext;
import io.ringbot.engine.EngineThreading;
import io.ringbot.engine.admin.AdminReports;
import io.ringbot.bot.Bot;
import io.ringbot.engine.reference.ReferenceBot;
import io.ringbot.io.config.ServerConfig;
import io.ringbot.io.delivery.UpdatePoller;
import io.ringbot.io.delivery.WebhookRegistrar;
import io.ringbot.io.ops.LatencyRecorders;
import io.ringbot.io.ops.LatencySource;
import io.ringbot.io.ops.OpsContext;
import io.ringbot.io.ops.OpsServer;
import io.ringbot.io.outbound.BotApiClient;
import io.ringbot.io.outbound.OutboundSender;
import io.ringbot.io.transport.Transport;
import io.ringbot.io.webhook.WebhookMetrics;
import io.ringbot.io.webhook.WebhookServer;
import io.ringbot.store.StateStore;
import io.ringbot.store.StoreContext;
import io.ringbot.store.journal.JournalContext;
import io.ringbot.store.journal.JournalSink;
import io.ringbot.store.status.CountersFile;
import io.ringbot.store.status.ErrorRecorder;
import io.ringbot.store.status.RingbotCounter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One ringbot server: the store, the counters, the engine, the journal (when Firestore is configured),
 * the ops endpoints and the webhook, started in that order (the webhook's port is bound last, when
 * everything an update needs is wired) and closed in reverse. Used by
 * {@code ./ringbot serve} and by the system tests.
 */
public final class RingbotServer implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(RingbotServer.class);

    private final ServerConfig config;
    private final StateStore store;
    private final CountersFile counters;
    private final Engine engine;
    private final Journal journal;
    private final WebhookServer webhook;
    private final OpsServer ops;
    private final OutboundSender outbound;
    private final String secret;
    private final Transport transport;
    private final boolean secretGenerated;
    private BotApiClient deliveryClient;
    private WebhookRegistrar registrar;
    private UpdatePoller poller;
    private boolean closed;
    private boolean synced = true;

    /**
     * Starts a server.
     *
     * @param config      the configuration (concluded here).
     * @param bot         the bot to run, or null for the reference bot.
     * @param environment where the Firestore settings come from (System.getenv() in production).
     * @throws InterruptedException when interrupted while binding.
     */
    public RingbotServer(final ServerConfig config, final Bot bot, final Map<String, String> environment)
        throws InterruptedException
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
        transport = Transport.of(config.transport());
        final JournalContext journalContext = JournalContext.fromEnvironment(environment);
        store = StateStore.open(new StoreContext().dataDir(config.dataDir()).usersCapacity(config.usersCapacity())
            .userSchema(bot != null && bot.userSchema() != null ? bot.userSchema() : ReferenceBot.USERS)
            .chatSchema(bot != null && bot.chatSchema() != null ? bot.chatSchema() : ReferenceBot.CHATS)
            .furtherSchemas(bot != null ? bot.furtherSchemas() : java.util.List.of())
            .botName(bot != null ? bot.name() : ReferenceBot.NAME)
            .dropFields(config.dropFields())
            .firestoreJournal(journalContext.firestoreConfigured()));
        counters = CountersFile.create(config.dataDir());
        Journal startedJournal = null;
        OutboundSender openedOutbound = null;
        Engine startedEngine = null;
        WebhookServer startedWebhook = null;
        OpsServer startedOps = null;
        EventLoopGroup loops = null;
        try
        {
            final ErrorRecorder errors = new ErrorRecorder(counters.counter(RingbotCounter.ERRORS), counters.errorLog());
            final long startMillis = System.currentTimeMillis();
            final Bot theBot = bot != null ? bot : referenceBot(
                new AdminReports(store, counters.reader(), startMillis,
                    "ringbot " + Version.VERSION + "\n" + config.summary() + "\n" + Journal.describe(journalContext),
                    journalContext.firestoreConfigured(), config.clearCacheIdleSeconds() * 1000L),
                config.botUsername());
            final EngineContext engineContext = new EngineContext()
                .store(store)
                .countersFile(counters)
                .errors(errors)
                .bot(theBot)
                .adminIds(config.adminIds())
                .ringSize(config.ringSize())
                .waitStrategy(config.engineWait())
                .threading(config.threading());
            loops = eventLoops(config.ioThreads(), "ringbot-webhook", transport);
            if (config.threading() == EngineThreading.SHARED)
            {
                engineContext.sharedHost(loops.next());
            }
            startedJournal = Journal.configure(journalContext, store, counters, errors, engineContext);
            openedOutbound = OutboundSender.open(config.outbound(), config.dataDir(), counters);
            engineContext.outbound(openedOutbound == null ? null : openedOutbound.queue());
            startedEngine = new Engine(engineContext);
            final WebhookMetrics webhookMetrics = new WebhookMetrics(counters);
            startedWebhook = new WebhookServer(startedEngine, loops, transport.serverChannel(), config, secret, webhookMetrics);
            tenureLongLivedObjects();
            startedEngine.start();
            if (startedJournal != null)
            {
                startedJournal.start(startedEngine);
            }
            if (openedOutbound != null)
            {
                openedOutbound.start(startedEngine, store.users());
            }
            final LatencyRecorders latency = new LatencyRecorders()
                .add(LatencySource.Stage.WEBHOOK, webhookMetrics.latency())
                .add(LatencySource.Stage.ENGINE, startedEngine.counters().latency());
            if (startedJournal != null)
            {
                latency.add(LatencySource.Stage.JOURNAL_COMMIT, startedJournal.commitLatency())
                    .add(LatencySource.Stage.JOURNAL_LAG, startedJournal.lag());
            }
            startedOps = new OpsServer(new OpsContext()
                .bind(config.opsBind())
                .port(config.opsPort())
                .samplePeriodMillis(config.dashboardSampleMillis())
                .maxConnections(config.opsMaxConnections())
                .requestTimeoutMillis(config.headTimeoutMillis())
                .allowedHosts(config.opsAllowedHosts())
                .connectionsRejected(counters.counter(RingbotCounter.OPS_CONNECTIONS_REJECTED))
                .misdirected(counters.counter(RingbotCounter.OPS_MISDIRECTED))
                .errors(counters.counter(RingbotCounter.OPS_ERRORS))
                .counters(counters.reader())
                .health(new ServerHealth(counters.reader(), startedEngine, store, startedJournal,
                    openedOutbound != null, () -> registrar == null ? "" : registrar.lastErrorMessage()))
                .latency(latency)).start();
            // last: an update may arrive the moment the port is bound, so everything it needs is wired before
            // (the engine, the journal's loader for users only Firestore knows)
            startedWebhook.start();
            startDelivery(theBot, startedEngine, openedOutbound);
        }
        catch (final RuntimeException | InterruptedException ex)
        {
            closeDelivery();
            if (startedOps != null)
            {
                startedOps.close();
            }
            if (startedWebhook != null)
            {
                startedWebhook.close();
            }
            else if (loops != null)
            {
                loops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            }
            if (startedEngine != null)
            {
                startedEngine.drainAndStop(1_000);
            }
            if (startedJournal != null)
            {
                startedJournal.close(Duration.ZERO);
            }
            if (openedOutbound != null)
            {
                openedOutbound.close();
            }
            counters.close();
            store.close();
            throw ex;
        }
        engine = startedEngine;
        journal = startedJournal;
        outbound = openedOutbound;
        webhook = startedWebhook;
        ops = startedOps;
        LOG.info("ringbot {} serving webhooks on http://{}:{}{} ({} transport), ops on http://{}:{}; engine {}{}{}",
            Version.VERSION, config.bind(), webhook.port(), config.webhookPath(), transport.label(), config.opsBind(), ops.port(),
            engine.threading() == EngineThreading.SHARED ? "on the event loop (shared threading)" : "on its own thread",
            store.recovered() ? " (store recovered after an unclean exit)" : "",
            journal == null ? "; journaling off: the store file is the only copy" : "; journaling to Firestore");
    }

    /**
     * Registers the webhook (PUBLIC_URL) or starts long polling (POLLING); neither without them. A refusal
     * stops the start with Telegram's description.
     */
    private void startDelivery(final Bot bot, final Engine engine, final OutboundSender outbound)
    {
        if (!config.polling() && config.publicUrl().isEmpty())
        {
            return;
        }
        // the client's read timeout exceeds the long-poll timeout
        deliveryClient = new BotApiClient(config.outbound().botApiUrl(), config.botToken(), 2,
            (config.pollTimeoutSeconds() + 15) * 1000L);
        if (config.polling())
        {
            UpdatePoller.deleteWebhook(deliveryClient);
            poller = new UpdatePoller(deliveryClient, engine, outbound.queue(), bot.allowedUpdates(),
                config.pollTimeoutSeconds(), config.dataDir(), counters).start();
        }
        else
        {
            registrar = new WebhookRegistrar(deliveryClient, config.publicUrl() + config.webhookPath(), secret,
                bot.allowedUpdates(), config.webhookMaxConnections(), counters);
            registrar.register(config.dropPendingUpdates());
            registrar.watch(config.webhookInfoIntervalSeconds());
        }
    }

    private void closeDelivery()
    {
        if (poller != null)
        {
            poller.close(); // finishes the batch in hand and confirms the offset
        }
        if (registrar != null)
        {
            registrar.close();
        }
        if (deliveryClient != null)
        {
            deliveryClient.close();
        }
    }

    /**
     * @return the long poller, or null unless POLLING.
     */
    public UpdatePoller poller()
    {
        return poller;
    }

    /**
     * @return the webhook registrar, or null without PUBLIC_URL.
     */
    public WebhookRegistrar registrar()
    {
        return registrar;
    }

    /**
     * @return why delivery stopped by itself (long polling refused: 401, 409), or null.
     */
    public String deliveryFailure()
    {
        return poller == null ? null : poller.failure();
    }

    /**
     * A server without Firestore unless the process environment configures it.
     *
     * @param config the configuration.
     * @param bot    the bot, or null for the reference bot.
     * @throws InterruptedException when interrupted while binding.
     */
    public RingbotServer(final ServerConfig config, final Bot bot) throws InterruptedException
    {
        this(config, bot, Map.of());
    }

    public int webhookPort()
    {
        return webhook.port();
    }

    public int opsPort()
    {
        return ops.port();
    }

    /**
     * @return the webhook server (e.g. its queued bytes).
     */
    public WebhookServer webhook()
    {
        return webhook;
    }

    /**
     * @return the ops server.
     */
    public OpsServer ops()
    {
        return ops;
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
     * @return the journal's sink, or null when journaling is off.
     */
    public JournalSink journalSink()
    {
        return journal == null ? null : journal.sink();
    }

    /**
     * @return the outbound Bot API sender, or null without BOT_TOKEN.
     */
    public OutboundSender outbound()
    {
        return outbound;
    }

    /**
     * @return after {@link #close()}: whether every change reached Firestore (always true without it).
     */
    public synchronized boolean synced()
    {
        return synced;
    }

    /**
     * Stops accepting webhooks, lets the engine finish what is on the ring and what waits for reads,
     * flushes the journal (bounded) while the engine still applies acknowledgements, then stops the
     * engine and closes the store cleanly (so the next start needs no recovery).
     */
    public synchronized void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        closeDelivery();
        webhook.stopAccepting();
        engine.awaitIdle(5_000);
        if (outbound != null)
        {
            outbound.stop(); // answers of calls in flight still reach the engine
            engine.awaitIdle(2_000);
        }
        if (journal != null)
        {
            synced = journal.close(Duration.ofMillis(journal.shutdownFlushTimeoutMs()));
            engine.awaitIdle(2_000);
        }
        final boolean drained = engine.drainAndStop(10_000);
        ops.close();
        webhook.close();
        if (outbound != null)
        {
            outbound.close();
        }
        store.close();
        counters.close();
        LOG.info("ringbot stopped{}{}", drained ? "" : " (the ring did not drain in 10 s)",
            journal == null ? "" : synced ? "; every change reached Firestore" :
            "; some changes did not reach Firestore: they are journaled at the next start");
    }

    /**
     * One full collection before serving: the ring's slot buffers and other start-up objects (tens of
     * MiB that live as long as the process) move to the old generation now, rather than being copied
     * by the first young collections under load, which measured 81 ms pauses (BENCHMARKS.md).
     */
    private static void tenureLongLivedObjects()
    {
        System.gc();
    }

    static EventLoopGroup eventLoops(final int threads, final String name, final Transport transport)
    {
        final ThreadFactory factory = new ThreadFactory()
        {
            private final AtomicInteger count = new AtomicInteger();

            public Thread newThread(final Runnable r)
            {
                // a FastThreadLocalThread: Netty 4.2 keeps its object pools and buffer caches only for these
                final Thread t = new FastThreadLocalThread(r, name + '-' + count.incrementAndGet());
                t.setDaemon(true);
                return t;
            }
        };
        return new MultiThreadIoEventLoopGroup(threads, factory, transport.ioHandlerFactory());
    }

    /**
     * @return the webhook's transport (TRANSPORT, auto resolved).
     */
    public Transport transport()
    {
        return transport;
    }

    /** The reference bot with the built-in admin commands (a bot of one's own adds its own). */
    private static Bot referenceBot(final AdminReports admin, final String username)
    {
        final Bot bot = ReferenceBot.create(username);
        admin.registerWith(bot);
        return bot;
    }
}

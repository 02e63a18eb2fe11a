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
import io.ringbot.io.config.ServerContext;
import io.ringbot.io.delivery.DeliveryContext;
import io.ringbot.io.delivery.UpdatePoller;
import io.ringbot.io.delivery.WebhookRegistrar;
import io.ringbot.io.ops.LatencyRecorders;
import io.ringbot.io.ops.LatencySource;
import io.ringbot.io.ops.OpsServer;
import io.ringbot.io.outbound.BotApiClient;
import io.ringbot.io.outbound.OutboundSender;
import io.ringbot.io.transport.Transport;
import io.ringbot.io.webhook.WebhookMetrics;
import io.ringbot.io.webhook.WebhookServer;
import io.ringbot.store.StateStore;
import io.ringbot.store.journal.JournalSink;
import io.ringbot.store.record.RecordTable;
import io.ringbot.store.status.CountersFile;
import io.ringbot.store.status.DiskRoomGuard;
import io.ringbot.store.status.ErrorRecorder;
import io.ringbot.store.status.RingbotCounter;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.status.AtomicCounter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One ringbot server: the store, the counters, the engine, the journal (when Firestore is configured),
 * the ops endpoints and the webhook, started in that order (the webhook's port is bound last, when
 * everything an update needs is wired) and closed in reverse. Its {@link ServerContext} holds every setting;
 * the server wires the resources it opens into the components' contexts. Used by {@code ./ringbot serve},
 * a team's own main ({@link Ringbot}) and the system tests.
 */
public final class RingbotServer implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(RingbotServer.class);

    private final ServerContext context;
    private final StateStore store;
    private final CountersFile counters;
    private final Engine engine;
    private final Journal journal;
    private final WebhookServer webhook;
    private final OpsServer ops;
    private final OutboundSender outbound;
    private final AgentRunner diskGuard;
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
     * @param context the settings (concluded here); the server wires what it opens into its contexts.
     * @param bot     the bot to run, or null for the reference bot.
     * @throws InterruptedException when interrupted while binding.
     */
    public RingbotServer(final ServerContext context, final Bot bot) throws InterruptedException
    {
        this.context = context.conclude();
        if (context.webhook().secret() == null)
        {
            final WebhookSecrets.Loaded loaded = WebhookSecrets.loadOrGenerate(context.dataDir());
            secret = loaded.secret;
            secretGenerated = loaded.generated;
            context.webhook().secret(secret);
        }
        else
        {
            secret = context.webhook().secret();
            secretGenerated = false;
        }
        transport = Transport.of(context.webhook().transport());
        store = StateStore.open(context.store()
            .userSchema(bot != null && bot.userSchema() != null ? bot.userSchema() : ReferenceBot.USERS)
            .chatSchema(bot != null && bot.chatSchema() != null ? bot.chatSchema() : ReferenceBot.CHATS)
            .furtherSchemas(bot != null ? bot.furtherSchemas() : List.of())
            .botName(bot != null ? bot.name() : ReferenceBot.NAME)
            .firestoreJournal(context.journal().firestoreConfigured()));
        counters = CountersFile.create(context.dataDir());
        Journal startedJournal = null;
        OutboundSender openedOutbound = null;
        Engine startedEngine = null;
        WebhookServer startedWebhook = null;
        OpsServer startedOps = null;
        AgentRunner startedGuard = null;
        EventLoopGroup loops = null;
        try
        {
            final ErrorRecorder errors = new ErrorRecorder(counters.counter(RingbotCounter.ERRORS), counters.errorLog());
            startedGuard = startDiskGuard(errors);
            final long startMillis = System.currentTimeMillis();
            final Bot theBot = bot != null ? bot : referenceBot(
                new AdminReports(store, counters.reader(), startMillis,
                    "ringbot " + Version.VERSION + "\n" + context.summary() + "\n" + Journal.describe(context.journal()),
                    context.journal().firestoreConfigured(), context.clearCacheIdleSeconds() * 1000L),
                context.botUsername());
            final EngineContext engineContext = context.engine()
                .store(store)
                .countersFile(counters)
                .errors(errors)
                .bot(theBot);
            loops = eventLoops(context.webhook().ioThreads(), "ringbot-webhook", transport);
            if (engineContext.threading() == EngineThreading.SHARED)
            {
                engineContext.sharedHost(loops.next());
            }
            startedJournal = Journal.configure(context.journal(), store, counters, errors, engineContext);
            openedOutbound = OutboundSender.open(context.outbound(), context.dataDir(), counters);
            engineContext.outbound(openedOutbound == null ? null : openedOutbound.queue());
            startedEngine = new Engine(engineContext);
            final WebhookMetrics webhookMetrics = new WebhookMetrics(counters);
            startedWebhook = new WebhookServer(startedEngine, loops, transport.serverChannel(), context.webhook(), secret,
                webhookMetrics);
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
            startedOps = new OpsServer(context.ops()
                .connectionsRejected(counters.counter(RingbotCounter.OPS_CONNECTIONS_REJECTED))
                .misdirected(counters.counter(RingbotCounter.OPS_MISDIRECTED))
                .errors(counters.counter(RingbotCounter.OPS_ERRORS))
                .counters(counters.reader())
                .health(new ServerHealth(counters.reader(), startedEngine, store, startedJournal,
                    openedOutbound != null, () -> registrar == null ? "" : registrar.lastErrorMessage())
                    .diskReserveBytes(context.storeDiskReserveMb() << 20))
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
            if (startedGuard != null)
            {
                startedGuard.close();
            }
            counters.close();
            store.close();
            throw ex;
        }
        diskGuard = startedGuard;
        engine = startedEngine;
        journal = startedJournal;
        outbound = openedOutbound;
        webhook = startedWebhook;
        ops = startedOps;
        LOG.info("ringbot {} serving webhooks on http://{}:{}{} ({} transport), ops on http://{}:{}; engine {}{}{}",
            Version.VERSION, context.webhook().bind(), webhook.port(), context.webhook().path(), transport.label(),
            context.ops().bind(), ops.port(),
            engine.threading() == EngineThreading.SHARED ? "on the event loop (shared threading)" : "on its own thread",
            store.recovered() ? " (store recovered after an unclean exit)" : "",
            journal == null ? "; journaling off: the store file is the only copy" : "; journaling to Firestore");
    }

    /**
     * Starts the disk guard on its own thread (a statfs per second never runs on the engine's) after one sample
     * here, so a disk already full refuses new records from the first update; the tables read its flag.
     */
    private AgentRunner startDiskGuard(final ErrorRecorder errors)
    {
        final AtomicCounter low = counters.counter(RingbotCounter.STORE_DISK_LOW);
        final DiskRoomGuard guard = new DiskRoomGuard(
            context.diskUsableBytes() != null ? context.diskUsableBytes() : DiskRoomGuard.usableSpaceOf(context.dataDir()),
            context.storeDiskReserveMb() << 20, counters.counter(RingbotCounter.STORE_DISK_USABLE_BYTES), low,
            context.dataDir().toString());
        guard.doWork();
        for (final RecordTable table : store.tables())
        {
            table.diskLow(low);
        }
        final AgentRunner runner = new AgentRunner(new SleepingMillisIdleStrategy(context.diskSamplePeriodMillis()),
            t -> errors.onError("disk guard", t), null, guard);
        AgentRunner.startOnThread(runner, r ->
        {
            final Thread thread = new Thread(r, guard.roleName());
            thread.setDaemon(true);
            return thread;
        });
        return runner;
    }

    /**
     * Registers the webhook (PUBLIC_URL) or starts long polling (POLLING); neither without them. A refusal
     * stops the start with Telegram's description.
     */
    private void startDelivery(final Bot bot, final Engine engine, final OutboundSender outbound)
    {
        final DeliveryContext delivery = context.delivery();
        if (!delivery.enabled())
        {
            return;
        }
        // the client's read timeout exceeds the long-poll timeout
        deliveryClient = new BotApiClient(context.outbound().botApiUrl(), context.outbound().botToken(), 2,
            (delivery.pollTimeoutSeconds() + 15) * 1000L);
        if (delivery.polling())
        {
            UpdatePoller.deleteWebhook(deliveryClient);
            poller = new UpdatePoller(deliveryClient, engine, outbound.queue(), bot.allowedUpdates(),
                delivery.pollTimeoutSeconds(), context.outbound().maxPauseSeconds(), context.dataDir(), counters)
                .start();
        }
        else
        {
            registrar = new WebhookRegistrar(deliveryClient, delivery.publicUrl() + context.webhook().path(), secret,
                bot.allowedUpdates(), delivery.webhookMaxConnections(), counters);
            registrar.register(delivery.dropPendingUpdates());
            registrar.watch(delivery.webhookInfoIntervalSeconds());
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

    /**
     * @return the server's settings, concluded, with the resources it opened wired into the components' contexts.
     */
    public ServerContext context()
    {
        return context;
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
        diskGuard.close();
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

package io.ringbot.io.config;

import io.ringbot.engine.EngineContext;
import io.ringbot.engine.EngineThreading;
import io.ringbot.io.delivery.DeliveryContext;
import io.ringbot.io.ops.OpsContext;
import io.ringbot.io.outbound.OutboundContext;
import io.ringbot.io.webhook.WebhookContext;
import io.ringbot.store.StoreContext;
import io.ringbot.store.journal.JournalContext;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The configuration of a {@link io.ringbot.io.RingbotServer} (after Aeron's MediaDriver.Context): the contexts of
 * its components, each owning its settings' defaults and checks, plus the few settings of the server as a whole
 * (which bot, the engine's threading, /clearcache). {@link #conclude()} validates every setting a user makes once,
 * before anything is opened; the server then wires the components' resources into the same contexts.
 */
public final class ServerContext
{
    /** The built-in bot run when none is named: the reference bot. */
    public static final String BOT_DEFAULT = "reference";
    /** Auto: shared when the process sees one CPU, else dedicated ({@link EngineThreading#of}). */
    public static final String ENGINE_THREADING_DEFAULT = "auto";
    public static final long CLEARCACHE_IDLE_SECONDS_DEFAULT = 3600;
    /**
     * Under this much usable space on DATA_DIR's disk new records are refused. It is what the store may still take
     * while the next sample comes (a second), with a wide margin: the fastest growth measured is ~14k new users/s at
     * ~1.3 KiB of disk each (~18 MiB/s, BENCHMARKS.md "The store grows with the bot"), and the outbound queue, also
     * sparse, may take up to its 16 MiB.
     */
    public static final long STORE_DISK_RESERVE_MB_DEFAULT = 64;
    /** How often the disk guard samples the free space: the reserve covers the growth in between. */
    public static final long DISK_SAMPLE_PERIOD_MILLIS = 1000;

    private final WebhookContext webhook = new WebhookContext();
    private final StoreContext store = new StoreContext();
    private final EngineContext engine = new EngineContext();
    private final OpsContext ops = new OpsContext();
    private final OutboundContext outbound = new OutboundContext();
    private final JournalContext journal = new JournalContext();
    private final DeliveryContext delivery = new DeliveryContext();
    private String bot = BOT_DEFAULT;
    private String botClass = "";
    private String botJar = "";
    private String botUsername = "";
    private String engineThreading = ENGINE_THREADING_DEFAULT;
    private long clearCacheIdleSeconds = CLEARCACHE_IDLE_SECONDS_DEFAULT;
    private long storeDiskReserveMb = STORE_DISK_RESERVE_MB_DEFAULT;
    private java.util.function.LongSupplier diskUsableBytes;
    private long diskSamplePeriodMillis = DISK_SAMPLE_PERIOD_MILLIS;

    public WebhookContext webhook()
    {
        return webhook;
    }

    public StoreContext store()
    {
        return store;
    }

    /**
     * @return the engine's context; its threading is set by {@link #conclude()} from {@link #engineThreading()}.
     */
    public EngineContext engine()
    {
        return engine;
    }

    public OpsContext ops()
    {
        return ops;
    }

    /**
     * @return the outbound Bot API client's context; its token is the bot's (BOT_TOKEN).
     */
    public OutboundContext outbound()
    {
        return outbound;
    }

    /**
     * @return the Firestore journal's context: journaling is on when it names a project, an emulator or a key.
     */
    public JournalContext journal()
    {
        return journal;
    }

    public DeliveryContext delivery()
    {
        return delivery;
    }

    /**
     * @return the data folder: the store's files, the counters, the outbound queue, the polling offset and the
     * generated webhook secret.
     */
    public Path dataDir()
    {
        return store.dataDir();
    }

    public ServerContext dataDir(final Path dataDir)
    {
        store.dataDir(dataDir);
        return this;
    }

    /**
     * @return the built-in bot's name (reference or wallet), when no bot is given in code or by class.
     */
    public String bot()
    {
        return bot;
    }

    public ServerContext bot(final String bot)
    {
        this.bot = bot == null ? "" : bot;
        return this;
    }

    public String botClass()
    {
        return botClass;
    }

    public ServerContext botClass(final String botClass)
    {
        this.botClass = botClass == null ? "" : botClass;
        return this;
    }

    public String botJar()
    {
        return botJar;
    }

    public ServerContext botJar(final String botJar)
    {
        this.botJar = botJar == null ? "" : botJar;
        return this;
    }

    /**
     * @return the bot's username without "@": commands addressed to another bot are ignored.
     */
    public String botUsername()
    {
        return botUsername;
    }

    public ServerContext botUsername(final String botUsername)
    {
        this.botUsername = botUsername == null ? "" : botUsername.replace("@", "");
        return this;
    }

    /**
     * @return auto, dedicated or shared, as configured.
     */
    public String engineThreading()
    {
        return engineThreading;
    }

    public ServerContext engineThreading(final String engineThreading)
    {
        this.engineThreading = engineThreading;
        return this;
    }

    /**
     * @return /clearcache drops records in Firestore that were not used for this long.
     */
    public long clearCacheIdleSeconds()
    {
        return clearCacheIdleSeconds;
    }

    public ServerContext clearCacheIdleSeconds(final long clearCacheIdleSeconds)
    {
        this.clearCacheIdleSeconds = clearCacheIdleSeconds;
        return this;
    }

    /**
     * @return under this many MiB of usable space on the disk holding DATA_DIR, new records are refused 503.
     */
    public long storeDiskReserveMb()
    {
        return storeDiskReserveMb;
    }

    public ServerContext storeDiskReserveMb(final long storeDiskReserveMb)
    {
        this.storeDiskReserveMb = storeDiskReserveMb;
        return this;
    }

    /**
     * @return where the disk guard reads the usable bytes of DATA_DIR's disk, or null for the file store itself.
     */
    public java.util.function.LongSupplier diskUsableBytes()
    {
        return diskUsableBytes;
    }

    /**
     * Replaces the file store's usable space as the disk guard's source (tests drive a disk that fills).
     *
     * @param diskUsableBytes the usable bytes now, or null for the file store holding DATA_DIR.
     * @return this.
     */
    public ServerContext diskUsableBytes(final java.util.function.LongSupplier diskUsableBytes)
    {
        this.diskUsableBytes = diskUsableBytes;
        return this;
    }

    /**
     * @return the disk guard's period ({@link #DISK_SAMPLE_PERIOD_MILLIS}).
     */
    public long diskSamplePeriodMillis()
    {
        return diskSamplePeriodMillis;
    }

    public ServerContext diskSamplePeriodMillis(final long diskSamplePeriodMillis)
    {
        this.diskSamplePeriodMillis = diskSamplePeriodMillis;
        return this;
    }

    /**
     * Applies the settings an environment sets, as {@code ./ringbot serve} reads them (a variable set to empty
     * counts as set); the others keep their values.
     *
     * @param environment variables by name, e.g. {@link System#getenv()}.
     * @return this.
     * @throws IllegalArgumentException naming the variable whose value is not of its kind.
     */
    public ServerContext environment(final Map<String, String> environment)
    {
        for (final Setting setting : Setting.values())
        {
            final String value = setting.valueIn(environment);
            if (value != null)
            {
                setting.apply(this, value);
            }
        }
        return this;
    }

    /**
     * Validates every setting once, each in the context that owns it, then what spans two of them. Nothing is
     * opened: a bad value stops the start before the store is touched.
     *
     * @return this.
     * @throws IllegalArgumentException with a message naming the variable and what to change.
     */
    public ServerContext conclude()
    {
        webhook.conclude();
        store.concludeSettings();
        engine.threading(EngineThreading.of(engineThreading, Runtime.getRuntime().availableProcessors()));
        engine.concludeSettings();
        ops.concludeSettings();
        outbound.conclude();
        journal.conclude();
        delivery.conclude();
        if (webhook.port() != 0 && webhook.port() == ops.port() && webhook.bind().equals(ops.bind()))
        {
            throw new IllegalArgumentException("PORT and OPS_PORT must differ, both were " + webhook.port());
        }
        if (delivery.enabled() && !outbound.enabled())
        {
            throw new IllegalArgumentException((delivery.polling() ? "POLLING" : "PUBLIC_URL") + " needs BOT_TOKEN");
        }
        if (clearCacheIdleSeconds < 0)
        {
            throw new IllegalArgumentException("CLEARCACHE_IDLE_SECONDS must be 0 or more, was " + clearCacheIdleSeconds);
        }
        if (storeDiskReserveMb < 0 || storeDiskReserveMb > (Long.MAX_VALUE >> 20))
        {
            throw new IllegalArgumentException("STORE_DISK_RESERVE_MB must be 0 or more MiB (0 never refuses), was " +
                storeDiskReserveMb);
        }
        if (diskSamplePeriodMillis < 1)
        {
            throw new IllegalArgumentException("the disk guard's sample period must be 1 ms or more, was " +
                diskSamplePeriodMillis);
        }
        return this;
    }

    /**
     * @return the configuration for a log line or /production, with secrets masked.
     */
    public String summary()
    {
        return "webhook: http://" + webhook.bind() + ':' + webhook.port() + webhook.path() +
            "\nops: http://" + ops.bind() + ':' + ops.port() +
            "\ndata: " + dataDir().toAbsolutePath().normalize() +
            "\nwebhook secret: " + mask(webhook.secret()) +
            "\nbot token: " + mask(outbound.botToken()) +
            "\nadmins: " + engine.adminIds().length +
            "\nusers capacity: " + store.usersCapacity() +
            "\nring: " + engine.ringSize() + " slots, engine " + describeThreading() +
            "\nio threads: " + webhook.ioThreads() + ", transport " + webhook.transport() +
            "\nconnections: at most " + webhook.maxConnections() + " (ops " + ops.maxConnections() + "); head deadline " +
            webhook.headTimeoutMillis() + " ms, body deadline " + webhook.bodyTimeoutMillis() + " ms" +
            "\n" + outbound.summary() +
            "\n" + delivery.summary(webhook.path());
    }

    /**
     * @return e.g. "threading dedicated (auto), wait blocking"; the mode is resolved once {@link #conclude()} ran.
     */
    private String describeThreading()
    {
        final EngineThreading resolved = engine.threading();
        final boolean auto = "auto".equals(engineThreading);
        return "threading " + (auto ? resolved.name().toLowerCase(Locale.ROOT) + " (auto)" : engineThreading) +
            (resolved == EngineThreading.SHARED ? "" : ", wait " + engine.waitStrategy());
    }

    private static String mask(final String secret)
    {
        if (secret == null || secret.isEmpty())
        {
            return "(none)";
        }
        return "set (" + secret.length() + " chars, not shown)"; // no character of it: /production goes to a chat
    }
}

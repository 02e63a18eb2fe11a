package io.ringbot.io.config;

import io.ringbot.engine.EngineContext;
import io.ringbot.engine.EngineThreading;
import io.ringbot.io.delivery.UpdatePoller;
import io.ringbot.io.ops.OpsContext;
import io.ringbot.io.outbound.OutboundContext;
import io.ringbot.io.transport.Transport;
import io.ringbot.store.StoreContext;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The server's configuration (Aeron-style context: fluent same-name accessors; {@link #conclude()}
 * validates once and says what to change). Every setting a user can make has an environment variable and a
 * --flag ({@link Setting}); the defaults are declared once, here or in the component's context (ops, engine,
 * store, outbound), and the embedded ones: loopback, ./data, no Firestore.
 */
public final class ServerConfig
{
    /** The built-in bot run when none is named: the reference bot. */
    public static final String BOT_DEFAULT = "reference";
    /** Webhook address: loopback, with a TLS proxy in front for Telegram. */
    public static final String BIND_DEFAULT = "127.0.0.1";
    public static final int PORT_DEFAULT = 8080;
    public static final String DATA_DIR_DEFAULT = StoreContext.DATA_DIR_DEFAULT;
    public static final String WEBHOOK_PATH_DEFAULT = "/webhook";
    /** Auto: shared when the process sees one CPU, else dedicated ({@link EngineThreading#of}). */
    public static final String ENGINE_THREADING_DEFAULT = "auto";
    public static final int IO_THREADS_DEFAULT = 1;
    public static final int IDLE_TIMEOUT_SECONDS_DEFAULT = 75;
    /** Telegram's updates are far smaller; a body over this is answered 413. */
    public static final int MAX_BODY_BYTES_DEFAULT = 1024 * 1024;
    public static final int MAX_BODY_BYTES_MIN = 1024;
    public static final long CLEARCACHE_IDLE_SECONDS_DEFAULT = 3600;
    public static final int MAX_CONNECTIONS_DEFAULT = 1024;
    public static final long HEAD_TIMEOUT_MS_DEFAULT = 10_000;
    public static final long BODY_TIMEOUT_MS_DEFAULT = 30_000;
    /** Epoll where it loads, else NIO ({@link Transport#of}). */
    public static final String TRANSPORT_DEFAULT = "auto";
    /** Telegram's own default for setWebhook's max_connections. */
    public static final int WEBHOOK_MAX_CONNECTIONS_DEFAULT = 40;
    public static final int WEBHOOK_INFO_INTERVAL_SECONDS_DEFAULT = 60;
    public static final int POLL_TIMEOUT_SECONDS_DEFAULT = UpdatePoller.TIMEOUT_SECONDS_DEFAULT;

    private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{1,256}");

    private String bind = BIND_DEFAULT;
    private int port = PORT_DEFAULT;
    private String opsBind = OpsContext.BIND_DEFAULT;
    private int opsPort = OpsContext.PORT_DEFAULT;
    private Path dataDir = Path.of(DATA_DIR_DEFAULT);
    private String webhookPath = WEBHOOK_PATH_DEFAULT;
    private String webhookSecret;
    private String botToken = "";
    private String botUsername = "";
    private long[] adminIds = new long[0];
    private long usersCapacity = StoreContext.USERS_CAPACITY_DEFAULT;
    private String dropFields = StoreContext.DROP_FIELDS_DEFAULT;
    private int ringSize = EngineContext.RING_SIZE_DEFAULT;
    private String engineWait = EngineContext.WAIT_STRATEGY_DEFAULT;
    private String engineThreading = ENGINE_THREADING_DEFAULT;
    private EngineThreading threading;
    private int ioThreads = IO_THREADS_DEFAULT;
    private int idleTimeoutSeconds = IDLE_TIMEOUT_SECONDS_DEFAULT;
    private int maxBodyBytes = MAX_BODY_BYTES_DEFAULT;
    private long clearCacheIdleSeconds = CLEARCACHE_IDLE_SECONDS_DEFAULT;
    private long dashboardSampleMillis = OpsContext.SAMPLE_PERIOD_MILLIS_DEFAULT;
    private final OutboundContext outbound = new OutboundContext();
    private int maxConnections = MAX_CONNECTIONS_DEFAULT;
    private int opsMaxConnections = OpsContext.MAX_CONNECTIONS_DEFAULT;
    private long headTimeoutMillis = HEAD_TIMEOUT_MS_DEFAULT;
    private long bodyTimeoutMillis = BODY_TIMEOUT_MS_DEFAULT;
    private String opsAllowedHosts = "";
    private String transport = TRANSPORT_DEFAULT;
    private String publicUrl = "";
    private int webhookMaxConnections = WEBHOOK_MAX_CONNECTIONS_DEFAULT;
    private boolean dropPendingUpdates;
    private boolean polling;
    private int webhookInfoIntervalSeconds = WEBHOOK_INFO_INTERVAL_SECONDS_DEFAULT;
    private int pollTimeoutSeconds = POLL_TIMEOUT_SECONDS_DEFAULT;

    public String bind()
    {
        return bind;
    }

    public ServerConfig bind(final String bind)
    {
        this.bind = bind;
        return this;
    }

    public int port()
    {
        return port;
    }

    public ServerConfig port(final int port)
    {
        this.port = port;
        return this;
    }

    public String opsBind()
    {
        return opsBind;
    }

    public ServerConfig opsBind(final String opsBind)
    {
        this.opsBind = opsBind;
        return this;
    }

    public int opsPort()
    {
        return opsPort;
    }

    public ServerConfig opsPort(final int opsPort)
    {
        this.opsPort = opsPort;
        return this;
    }

    public Path dataDir()
    {
        return dataDir;
    }

    public ServerConfig dataDir(final Path dataDir)
    {
        this.dataDir = dataDir;
        return this;
    }

    public String webhookPath()
    {
        return webhookPath;
    }

    public ServerConfig webhookPath(final String webhookPath)
    {
        this.webhookPath = webhookPath;
        return this;
    }

    /**
     * @return the secret, or null until {@link io.ringbot.io.RingbotServer} generates or loads one.
     */
    public String webhookSecret()
    {
        return webhookSecret;
    }

    public ServerConfig webhookSecret(final String webhookSecret)
    {
        this.webhookSecret = webhookSecret == null || webhookSecret.isEmpty() ? null : webhookSecret;
        return this;
    }

    public String botToken()
    {
        return botToken;
    }

    public ServerConfig botToken(final String botToken)
    {
        this.botToken = botToken == null ? "" : botToken;
        return this;
    }

    public String botUsername()
    {
        return botUsername;
    }

    public ServerConfig botUsername(final String botUsername)
    {
        this.botUsername = botUsername == null ? "" : botUsername.replace("@", "");
        return this;
    }

    public long[] adminIds()
    {
        return adminIds.clone();
    }

    public ServerConfig adminIds(final long... adminIds)
    {
        this.adminIds = adminIds.clone();
        return this;
    }

    /**
     * @param list comma-separated Telegram user ids, e.g. "123,456".
     * @return this.
     */
    public ServerConfig adminIds(final String list)
    {
        if (list == null || list.isBlank())
        {
            adminIds = new long[0];
            return this;
        }
        try
        {
            adminIds = Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .mapToLong(Long::parseLong).toArray();
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(
                "ADMIN_IDS must be comma-separated numeric Telegram user ids, e.g. 123456,789012; was \"" + list + "\"");
        }
        return this;
    }

    public long usersCapacity()
    {
        return usersCapacity;
    }

    public ServerConfig usersCapacity(final long usersCapacity)
    {
        this.usersCapacity = usersCapacity;
        return this;
    }

    /**
     * @return DROP_FIELDS: the fields and record types a start may drop from the data folder.
     */
    public String dropFields()
    {
        return dropFields;
    }

    public ServerConfig dropFields(final String dropFields)
    {
        this.dropFields = dropFields == null ? StoreContext.DROP_FIELDS_DEFAULT : dropFields;
        return this;
    }

    public int ringSize()
    {
        return ringSize;
    }

    public ServerConfig ringSize(final int ringSize)
    {
        this.ringSize = ringSize;
        return this;
    }

    public String engineWait()
    {
        return engineWait;
    }

    public ServerConfig engineWait(final String engineWait)
    {
        this.engineWait = engineWait;
        return this;
    }

    /**
     * @return auto, dedicated or shared, as configured.
     */
    public String engineThreading()
    {
        return engineThreading;
    }

    public ServerConfig engineThreading(final String engineThreading)
    {
        this.engineThreading = engineThreading;
        return this;
    }

    /**
     * @return the threading mode chosen by {@link #conclude()} (auto resolved by the CPUs this process sees).
     */
    public EngineThreading threading()
    {
        return threading;
    }

    public int ioThreads()
    {
        return ioThreads;
    }

    public ServerConfig ioThreads(final int ioThreads)
    {
        this.ioThreads = ioThreads;
        return this;
    }

    public int idleTimeoutSeconds()
    {
        return idleTimeoutSeconds;
    }

    public ServerConfig idleTimeoutSeconds(final int idleTimeoutSeconds)
    {
        this.idleTimeoutSeconds = idleTimeoutSeconds;
        return this;
    }

    public int maxBodyBytes()
    {
        return maxBodyBytes;
    }

    public ServerConfig maxBodyBytes(final int maxBodyBytes)
    {
        this.maxBodyBytes = maxBodyBytes;
        return this;
    }

    /**
     * @return /clearcache drops records in Firestore that were not used for this long.
     */
    public long clearCacheIdleSeconds()
    {
        return clearCacheIdleSeconds;
    }

    public ServerConfig clearCacheIdleSeconds(final long clearCacheIdleSeconds)
    {
        this.clearCacheIdleSeconds = clearCacheIdleSeconds;
        return this;
    }

    /**
     * @return how often the ops server samples for /dashboard and /stats.json.
     */
    public long dashboardSampleMillis()
    {
        return dashboardSampleMillis;
    }

    public ServerConfig dashboardSampleMillis(final long dashboardSampleMillis)
    {
        this.dashboardSampleMillis = dashboardSampleMillis;
        return this;
    }

    /**
     * @return the outbound Bot API settings (BOT_API_URL, SEND_*); the token is BOT_TOKEN.
     */
    public OutboundContext outbound()
    {
        return outbound;
    }

    /**
     * @return the most webhook connections open at once; more are answered 503 and closed.
     */
    public int maxConnections()
    {
        return maxConnections;
    }

    public ServerConfig maxConnections(final int maxConnections)
    {
        this.maxConnections = maxConnections;
        return this;
    }

    /**
     * @return the most ops connections open at once; more are answered 503 and closed.
     */
    public int opsMaxConnections()
    {
        return opsMaxConnections;
    }

    public ServerConfig opsMaxConnections(final int opsMaxConnections)
    {
        this.opsMaxConnections = opsMaxConnections;
        return this;
    }

    /**
     * @return how long a request's line and headers may take to arrive, from its first byte (408 and closed after).
     */
    public long headTimeoutMillis()
    {
        return headTimeoutMillis;
    }

    public ServerConfig headTimeoutMillis(final long headTimeoutMillis)
    {
        this.headTimeoutMillis = headTimeoutMillis;
        return this;
    }

    /**
     * @return how long a request's body may take to arrive once its head is in (408 and closed after).
     */
    public long bodyTimeoutMillis()
    {
        return bodyTimeoutMillis;
    }

    public ServerConfig bodyTimeoutMillis(final long bodyTimeoutMillis)
    {
        this.bodyTimeoutMillis = bodyTimeoutMillis;
        return this;
    }

    /**
     * @return comma-separated host names the ops server answers besides the loopback ones.
     */
    public String opsAllowedHosts()
    {
        return opsAllowedHosts;
    }

    public ServerConfig opsAllowedHosts(final String opsAllowedHosts)
    {
        this.opsAllowedHosts = opsAllowedHosts == null ? "" : opsAllowedHosts;
        return this;
    }

    /**
     * @return auto, epoll, io_uring or nio, as configured.
     */
    public String transport()
    {
        return transport;
    }

    public ServerConfig transport(final String transport)
    {
        this.transport = transport;
        return this;
    }

    /**
     * @return the public HTTPS base URL Telegram reaches the webhook at (PUBLIC_URL); empty: not registered.
     */
    public String publicUrl()
    {
        return publicUrl;
    }

    public ServerConfig publicUrl(final String publicUrl)
    {
        final String url = publicUrl == null ? "" : publicUrl.trim();
        this.publicUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        return this;
    }

    /**
     * @return setWebhook's max_connections (WEBHOOK_MAX_CONNECTIONS, 1-100).
     */
    public int webhookMaxConnections()
    {
        return webhookMaxConnections;
    }

    public ServerConfig webhookMaxConnections(final int webhookMaxConnections)
    {
        this.webhookMaxConnections = webhookMaxConnections;
        return this;
    }

    /**
     * @return whether setWebhook drops the updates Telegram still holds (DROP_PENDING_UPDATES).
     */
    public boolean dropPendingUpdates()
    {
        return dropPendingUpdates;
    }

    public ServerConfig dropPendingUpdates(final boolean dropPendingUpdates)
    {
        this.dropPendingUpdates = dropPendingUpdates;
        return this;
    }

    /**
     * @return whether updates are fetched by long polling (POLLING) instead of arriving at the webhook.
     */
    public boolean polling()
    {
        return polling;
    }

    public ServerConfig polling(final boolean polling)
    {
        this.polling = polling;
        return this;
    }

    /**
     * @return how often getWebhookInfo is read while the webhook is registered (WEBHOOK_INFO_INTERVAL_SECONDS).
     */
    public int webhookInfoIntervalSeconds()
    {
        return webhookInfoIntervalSeconds;
    }

    public ServerConfig webhookInfoIntervalSeconds(final int webhookInfoIntervalSeconds)
    {
        this.webhookInfoIntervalSeconds = webhookInfoIntervalSeconds;
        return this;
    }

    /**
     * @return getUpdates' long-poll timeout (POLL_TIMEOUT_SECONDS, 0-50).
     */
    public int pollTimeoutSeconds()
    {
        return pollTimeoutSeconds;
    }

    public ServerConfig pollTimeoutSeconds(final int pollTimeoutSeconds)
    {
        this.pollTimeoutSeconds = pollTimeoutSeconds;
        return this;
    }

    /**
     * Validates once.
     *
     * @return this.
     * @throws IllegalArgumentException with a message naming the variable and what to change.
     */
    public ServerConfig conclude()
    {
        checkPort("PORT", port);
        checkPort("OPS_PORT", opsPort);
        if (port != 0 && port == opsPort && bind.equals(opsBind))
        {
            throw new IllegalArgumentException("PORT and OPS_PORT must differ, both were " + port);
        }
        if (webhookPath == null || !webhookPath.startsWith("/") || webhookPath.contains("?"))
        {
            throw new IllegalArgumentException("WEBHOOK_PATH must start with / and have no query, was \"" + webhookPath + "\"");
        }
        if (webhookSecret != null && !SECRET.matcher(webhookSecret).matches())
        {
            throw new IllegalArgumentException(
                "WEBHOOK_SECRET must be 1-256 characters of A-Z, a-z, 0-9, _ and - (Telegram's rule)");
        }
        if (usersCapacity < 1)
        {
            throw new IllegalArgumentException("USERS_CAPACITY must be at least 1, was " + usersCapacity);
        }
        StoreContext.parseDropFields(dropFields);
        if (ringSize < 2 || Integer.bitCount(ringSize) != 1)
        {
            throw new IllegalArgumentException("RING_SIZE must be a power of two, was " + ringSize);
        }
        threading = EngineThreading.of(engineThreading, Runtime.getRuntime().availableProcessors());
        if (ioThreads < 1 || ioThreads > 64)
        {
            throw new IllegalArgumentException("IO_THREADS must be between 1 and 64, was " + ioThreads);
        }
        if (idleTimeoutSeconds < 1)
        {
            throw new IllegalArgumentException("IDLE_TIMEOUT_SECONDS must be at least 1, was " + idleTimeoutSeconds);
        }
        if (clearCacheIdleSeconds < 0)
        {
            throw new IllegalArgumentException("CLEARCACHE_IDLE_SECONDS must be 0 or more, was " + clearCacheIdleSeconds);
        }
        if (dashboardSampleMillis < OpsContext.SAMPLE_PERIOD_MILLIS_MIN || dashboardSampleMillis > OpsContext.SAMPLE_PERIOD_MILLIS_MAX)
        {
            throw new IllegalArgumentException("DASHBOARD_SAMPLE_MS must be between " + OpsContext.SAMPLE_PERIOD_MILLIS_MIN +
                " and " + OpsContext.SAMPLE_PERIOD_MILLIS_MAX + ", was " + dashboardSampleMillis);
        }
        Transport.of(transport); // an unknown name, or a native transport that cannot load here, says so now
        if (maxConnections < 1)
        {
            throw new IllegalArgumentException("MAX_CONNECTIONS must be at least 1, was " + maxConnections);
        }
        if (opsMaxConnections < 1)
        {
            throw new IllegalArgumentException("OPS_MAX_CONNECTIONS must be at least 1, was " + opsMaxConnections);
        }
        if (headTimeoutMillis < 100)
        {
            throw new IllegalArgumentException("HEAD_TIMEOUT_MS must be at least 100, was " + headTimeoutMillis);
        }
        if (bodyTimeoutMillis < 100)
        {
            throw new IllegalArgumentException("BODY_TIMEOUT_MS must be at least 100, was " + bodyTimeoutMillis);
        }
        if (maxBodyBytes < MAX_BODY_BYTES_MIN)
        {
            // not a variable or flag: only code that builds a ServerConfig sets it
            throw new IllegalArgumentException("ServerConfig.maxBodyBytes must be at least " + MAX_BODY_BYTES_MIN +
                " bytes, was " + maxBodyBytes);
        }
        outbound.botToken(botToken).conclude();
        concludeDelivery();
        return this;
    }

    /**
     * @return the configuration for a log line or /production, with secrets masked.
     */
    public String summary()
    {
        return "webhook: http://" + bind + ':' + port + webhookPath +
            "\nops: http://" + opsBind + ':' + opsPort +
            "\ndata: " + dataDir.toAbsolutePath().normalize() +
            "\nwebhook secret: " + mask(webhookSecret) +
            "\nbot token: " + mask(botToken) +
            "\nadmins: " + adminIds.length +
            "\nusers capacity: " + usersCapacity +
            "\nring: " + ringSize + " slots, engine " + describeThreading() +
            "\nio threads: " + ioThreads + ", transport " + transport +
            "\nconnections: at most " + maxConnections + " (ops " + opsMaxConnections + "); head deadline " +
            headTimeoutMillis + " ms, body deadline " + bodyTimeoutMillis + " ms" +
            "\n" + outbound.summary() +
            "\ndelivery: " + (polling ? "long polling" : publicUrl.isEmpty() ? "webhook (registered by hand)" :
            "webhook registered at " + publicUrl + webhookPath + " (max " + webhookMaxConnections + " connections)");
    }

    private void concludeDelivery()
    {
        if (!publicUrl.isEmpty() && !publicUrl.startsWith("https://"))
        {
            throw new IllegalArgumentException(
                "PUBLIC_URL must be the https:// URL Telegram reaches this server at (Telegram's rule), was \"" + publicUrl + "\"");
        }
        if (polling && !publicUrl.isEmpty())
        {
            throw new IllegalArgumentException("POLLING and PUBLIC_URL exclude each other: a bot gets updates by " +
                "long polling or at its webhook; unset one");
        }
        if ((polling || !publicUrl.isEmpty()) && botToken.isEmpty())
        {
            throw new IllegalArgumentException((polling ? "POLLING" : "PUBLIC_URL") + " needs BOT_TOKEN");
        }
        if (webhookMaxConnections < 1 || webhookMaxConnections > 100)
        {
            throw new IllegalArgumentException("WEBHOOK_MAX_CONNECTIONS must be between 1 and 100 (Telegram's range), was " +
                webhookMaxConnections);
        }
        if (pollTimeoutSeconds < 0 || pollTimeoutSeconds > 50)
        {
            throw new IllegalArgumentException("POLL_TIMEOUT_SECONDS must be between 0 and 50, was " + pollTimeoutSeconds);
        }
        if (webhookInfoIntervalSeconds < 1)
        {
            throw new IllegalArgumentException("WEBHOOK_INFO_INTERVAL_SECONDS must be at least 1, was " + webhookInfoIntervalSeconds);
        }
    }

    private String describeThreading()
    {
        final String mode = threading == null ? engineThreading : threading.name().toLowerCase(Locale.ROOT);
        return "threading " + mode + ("auto".equals(engineThreading) ? " (auto)" : "") +
            (threading == EngineThreading.SHARED ? "" : ", wait " + engineWait);
    }

    private static String mask(final String secret)
    {
        if (secret == null || secret.isEmpty())
        {
            return "(none)";
        }
        return "set (" + secret.length() + " chars, not shown)"; // no character of it: /production goes to a chat
    }

    private static void checkPort(final String name, final int port)
    {
        if (port < 0 || port > 65_535)
        {
            throw new IllegalArgumentException(name + " must be a TCP port between 1 and 65535, was " + port);
        }
    }
}

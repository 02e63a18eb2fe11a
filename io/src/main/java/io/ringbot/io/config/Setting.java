package io.ringbot.io.config;

import io.ringbot.engine.EngineContext;
import io.ringbot.io.delivery.DeliveryContext;
import io.ringbot.io.ops.OpsContext;
import io.ringbot.io.outbound.OutboundContext;
import io.ringbot.io.webhook.WebhookContext;
import io.ringbot.store.StoreContext;
import io.ringbot.store.journal.JournalContext;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * Every setting of {@code ringbot serve}, in one row each: the constant's name is the environment variable, then
 * the option, the default (a constant of the component's context, which owns it and validates the value), what
 * it does, and the setter of the {@link ServerContext} it goes to. {@code ./ringbot serve}'s options are built
 * from these rows ({@link ServeOptions}), and a test compares the README's tables with them.
 * <p>
 * Adding a setting is one row here (plus the README's row the test asks for): the default and the check of the
 * value go in the component's context, beside its other settings.
 */
public enum Setting
{
    BOT("--bot", ServerContext.BOT_DEFAULT, "the built-in bot: reference or wallet",
        (c, v) -> c.bot(v.text())),
    BOT_CLASS("--bot-class", "", "your bot: a class implementing io.ringbot.bot.BotFactory",
        (c, v) -> c.botClass(v.text())),
    BOT_JAR("--bot-jar", "", "the jar that holds --bot-class",
        (c, v) -> c.botJar(v.text())),
    BIND("--bind", WebhookContext.BIND_DEFAULT, "webhook address",
        (c, v) -> c.webhook().bind(v.text())),
    PORT("--port", WebhookContext.PORT_DEFAULT, "webhook port",
        (c, v) -> c.webhook().port(v.port())),
    OPS_BIND("--ops-bind", OpsContext.BIND_DEFAULT, "ops address",
        (c, v) -> c.ops().bind(v.text())),
    OPS_PORT("--ops-port", OpsContext.PORT_DEFAULT, "ops port",
        (c, v) -> c.ops().port(v.port())),
    OPS_ALLOWED_HOSTS("--ops-allowed-hosts", "",
        "Host names the ops server answers besides localhost, 127.0.0.1 and [::1]",
        (c, v) -> c.ops().allowedHosts(v.text())),
    DATA_DIR("--data-dir", StoreContext.DATA_DIR_DEFAULT, "data folder",
        (c, v) -> c.dataDir(v.path())),
    WEBHOOK_PATH("--webhook-path", WebhookContext.PATH_DEFAULT, "the path Telegram posts to",
        (c, v) -> c.webhook().path(v.text())),
    WEBHOOK_SECRET("--webhook-secret", "",
        "X-Telegram-Bot-Api-Secret-Token; generated and kept in the data folder when unset",
        (c, v) -> c.webhook().secret(v.text())),
    BOT_TOKEN("--bot-token", "", "the bot's token: with it the outbound Bot API client runs",
        (c, v) -> c.outbound().botToken(v.text())),
    BOT_USERNAME("--bot-username", "", "commands addressed to another bot are ignored",
        (c, v) -> c.botUsername(v.text())),
    ADMIN_IDS("--admin-ids", "", "comma-separated user ids allowed the admin commands",
        (c, v) -> c.engine().adminIds(v.ids())),
    USERS_CAPACITY("--users-capacity", StoreContext.USERS_CAPACITY_DEFAULT, "users (and chats) the store is sized for",
        (c, v) -> c.store().usersCapacity(v.wholeNumber())),
    DROP_FIELDS("--drop-fields", StoreContext.DROP_FIELDS_DEFAULT,
        "fields (users.firstName) and record types (orders) a start may drop from the data folder",
        (c, v) -> c.store().dropFields(v.text())),
    RING_SIZE("--ring-size", EngineContext.RING_SIZE_DEFAULT, "ring slots, a power of two",
        (c, v) -> c.engine().ringSize(v.integer())),
    ENGINE_THREADING("--engine-threading", ServerContext.ENGINE_THREADING_DEFAULT,
        "dedicated (own thread), shared (runs on the webhook event loop) or auto: shared when the process sees one CPU",
        (c, v) -> c.engineThreading(v.text())),
    ENGINE_WAIT("--engine-wait", EngineContext.WAIT_STRATEGY_DEFAULT, "blocking, sleeping, yielding or busyspin",
        (c, v) -> c.engine().waitStrategy(v.text())),
    IO_THREADS("--io-threads", WebhookContext.IO_THREADS_DEFAULT, "Netty event loops for the webhook",
        (c, v) -> c.webhook().ioThreads(v.integer())),
    TRANSPORT("--transport", WebhookContext.TRANSPORT_DEFAULT, "auto (epoll where available, else nio), epoll, io_uring or nio",
        (c, v) -> c.webhook().transport(v.text())),
    MAX_CONNECTIONS("--max-connections", WebhookContext.MAX_CONNECTIONS_DEFAULT,
        "webhook connections open at once; more get 503",
        (c, v) -> c.webhook().maxConnections(v.integer())),
    OPS_MAX_CONNECTIONS("--ops-max-connections", OpsContext.MAX_CONNECTIONS_DEFAULT,
        "ops connections open at once; more get 503",
        (c, v) -> c.ops().maxConnections(v.integer())),
    HEAD_TIMEOUT_MS("--head-timeout-ms", WebhookContext.HEAD_TIMEOUT_MS_DEFAULT,
        "a request's line and headers must arrive within this; on the ops port the whole request",
        (c, v) ->
        {
            final long millis = v.wholeNumber();
            c.webhook().headTimeoutMillis(millis);
            c.ops().requestTimeoutMillis(millis);
        }),
    BODY_TIMEOUT_MS("--body-timeout-ms", WebhookContext.BODY_TIMEOUT_MS_DEFAULT,
        "a request's body must arrive within this once its head is in",
        (c, v) -> c.webhook().bodyTimeoutMillis(v.wholeNumber())),
    IDLE_TIMEOUT_SECONDS("--idle-timeout", WebhookContext.IDLE_TIMEOUT_SECONDS_DEFAULT,
        "keep-alive connections that send nothing for this long are closed",
        (c, v) -> c.webhook().idleTimeoutSeconds(v.integer())),
    CLEARCACHE_IDLE_SECONDS("--clearcache-idle", ServerContext.CLEARCACHE_IDLE_SECONDS_DEFAULT,
        "/clearcache drops records in Firestore unused this long",
        (c, v) -> c.clearCacheIdleSeconds(v.wholeNumber())),
    STORE_DISK_RESERVE_MB("--store-disk-reserve-mb", ServerContext.STORE_DISK_RESERVE_MB_DEFAULT,
        "under this many MiB of usable space on DATA_DIR's disk, updates that need a new record get 503; 0 never refuses",
        (c, v) -> c.storeDiskReserveMb(v.wholeNumber())),
    DASHBOARD_SAMPLE_MS("--dashboard-sample-ms", OpsContext.SAMPLE_PERIOD_MILLIS_DEFAULT,
        "how often /dashboard and /stats.json sample, in ms",
        (c, v) -> c.ops().samplePeriodMillis(v.wholeNumber())),
    BOT_API_URL("--bot-api-url", OutboundContext.BOT_API_URL_DEFAULT, "the Bot API server",
        (c, v) -> c.outbound().botApiUrl(v.text())),
    SEND_CHAT_PER_SECOND("--send-chat-per-second", OutboundContext.CHAT_PER_SECOND_DEFAULT,
        "messages per second to one chat",
        (c, v) -> c.outbound().chatPerSecond(v.decimal())),
    SEND_CHAT_BURST("--send-chat-burst", OutboundContext.CHAT_BURST_DEFAULT, "burst of messages to one chat",
        (c, v) -> c.outbound().chatBurst(v.integer())),
    SEND_GROUP_PER_MINUTE("--send-group-per-minute", OutboundContext.GROUP_PER_MINUTE_DEFAULT,
        "messages per minute to one group",
        (c, v) -> c.outbound().groupPerMinute(v.integer())),
    SEND_TOTAL_PER_SECOND("--send-total-per-second", OutboundContext.TOTAL_PER_SECOND_DEFAULT,
        "calls per second in total",
        (c, v) -> c.outbound().totalPerSecond(v.integer())),
    PAID_BROADCAST("--paid-broadcast", OutboundContext.PAID_BROADCAST_DEFAULT,
        "allow_paid_broadcast: the total limit is SEND_PAID_TOTAL_PER_SECOND",
        (c, v) -> c.outbound().paidBroadcast(v.bool())),
    SEND_PAID_TOTAL_PER_SECOND("--send-paid-total-per-second", OutboundContext.PAID_TOTAL_PER_SECOND_DEFAULT,
        "calls per second in total with paid broadcast",
        (c, v) -> c.outbound().paidTotalPerSecond(v.integer())),
    SEND_MARGIN_MS("--send-margin-ms", OutboundContext.MARGIN_MILLIS_DEFAULT,
        "each limit's window is this much longer, for jitter on the way",
        (c, v) -> c.outbound().marginMillis(v.wholeNumber())),
    SEND_CONNECTIONS("--send-connections", OutboundContext.CONNECTIONS_DEFAULT, "keep-alive connections to the Bot API",
        (c, v) -> c.outbound().connections(v.integer())),
    SEND_TIMEOUT_MS("--send-timeout-ms", OutboundContext.TIMEOUT_MILLIS_DEFAULT,
        "a call not answered in this time has an unknown outcome",
        (c, v) -> c.outbound().timeoutMillis(v.wholeNumber())),
    SEND_MAX_ATTEMPTS("--send-max-attempts", OutboundContext.MAX_ATTEMPTS_DEFAULT,
        "attempts of a call that meets 5xx or network errors",
        (c, v) -> c.outbound().maxAttempts(v.integer())),
    SEND_GLOBAL_PAUSE_CHATS("--send-global-pause-chats", OutboundContext.GLOBAL_PAUSE_CHATS_DEFAULT,
        "429s from this many chats within a second pause all sending",
        (c, v) -> c.outbound().globalPauseChats(v.integer())),
    SEND_MAX_PAUSE_SECONDS("--send-max-pause-seconds", OutboundContext.MAX_PAUSE_SECONDS_DEFAULT,
        "a 429's retry_after pauses sending at most this long",
        (c, v) -> c.outbound().maxPauseSeconds(v.integer())),
    OUTBOUND_QUEUE_BYTES("--outbound-queue-bytes", OutboundContext.QUEUE_BYTES_DEFAULT,
        "size of the persisted outbound queue, a power of two",
        (c, v) -> c.outbound().queueBytes(v.integer())),
    PUBLIC_URL("--public-url", "", "https URL Telegram reaches this server at: the webhook is registered at start",
        (c, v) -> c.delivery().publicUrl(v.text())),
    WEBHOOK_MAX_CONNECTIONS("--webhook-max-connections", DeliveryContext.WEBHOOK_MAX_CONNECTIONS_DEFAULT,
        "setWebhook max_connections, 1-100",
        (c, v) -> c.delivery().webhookMaxConnections(v.integer())),
    DROP_PENDING_UPDATES("--drop-pending-updates", false, "setWebhook drops the updates Telegram holds",
        (c, v) -> c.delivery().dropPendingUpdates(v.bool())),
    WEBHOOK_INFO_INTERVAL_SECONDS("--webhook-info-interval", DeliveryContext.WEBHOOK_INFO_INTERVAL_SECONDS_DEFAULT,
        "seconds between getWebhookInfo reads",
        (c, v) -> c.delivery().webhookInfoIntervalSeconds(v.integer())),
    POLLING("--polling", false, "fetch updates by long polling instead of the webhook",
        (c, v) -> c.delivery().polling(v.bool())),
    POLL_TIMEOUT_SECONDS("--poll-timeout", DeliveryContext.POLL_TIMEOUT_SECONDS_DEFAULT,
        "getUpdates long-poll timeout in seconds, 0-50",
        (c, v) -> c.delivery().pollTimeoutSeconds(v.integer())),
    FIREBASE_PROJECT_ID("--firebase-project-id", "FIRESTORE_PROJECT_ID", "",
        "the Firebase project journaled to; demo-ringbot on the emulator",
        (c, v) -> c.journal().projectId(v.text())),
    FIRESTORE_EMULATOR_HOST("--firestore-emulator-host", null, "",
        "host:port of the Cloud Firestore emulator",
        (c, v) -> c.journal().emulatorHost(v.text())),
    GOOGLE_APPLICATION_CREDENTIALS("--google-application-credentials", null, "",
        "a service account key file (production)",
        (c, v) -> c.journal().credentialsFile(v.text().isBlank() ? null : v.path())),
    FIRESTORE_COLLECTION_PREFIX("--firestore-collection-prefix", null, JournalContext.COLLECTION_PREFIX_DEFAULT,
        "prefix of every collection, e.g. prod_",
        (c, v) -> c.journal().collectionPrefix(v.text().trim())),
    JOURNAL_MIN_WRITE_INTERVAL_MS("--journal-min-write-interval-ms", JournalContext.MIN_WRITE_INTERVAL_MS_DEFAULT,
        "least time between two writes of one document",
        (c, v) -> c.journal().minWriteIntervalMs(v.wholeNumber())),
    JOURNAL_FLUSH_INTERVAL_MS("--journal-flush-interval-ms", JournalContext.FLUSH_INTERVAL_MS_DEFAULT,
        "how often due records are gathered into commits",
        (c, v) -> c.journal().flushIntervalMs(v.wholeNumber())),
    JOURNAL_MAX_BATCH("--journal-max-batch", JournalContext.MAX_BATCH_DEFAULT, "most writes in one commit",
        (c, v) -> c.journal().maxBatch(v.integer())),
    JOURNAL_MAX_COMMITS_IN_FLIGHT("--journal-max-commits-in-flight", JournalContext.MAX_COMMITS_IN_FLIGHT_DEFAULT,
        "most commits awaiting acknowledgement at once",
        (c, v) -> c.journal().maxCommitsInFlight(v.integer())),
    JOURNAL_RETRY_BACKOFF_INITIAL_MS("--journal-retry-backoff-initial-ms", JournalContext.RETRY_BACKOFF_INITIAL_MS_DEFAULT,
        "the pause after a failed commit; doubles per failure in a row",
        (c, v) -> c.journal().retryBackoffInitialMs(v.wholeNumber())),
    JOURNAL_RETRY_BACKOFF_MAX_MS("--journal-retry-backoff-max-ms", JournalContext.RETRY_BACKOFF_MAX_MS_DEFAULT,
        "the longest pause between retries",
        (c, v) -> c.journal().retryBackoffMaxMs(v.wholeNumber())),
    JOURNAL_COMMIT_TIMEOUT_MS("--journal-commit-timeout-ms", JournalContext.COMMIT_TIMEOUT_MS_DEFAULT,
        "a commit unacknowledged this long counts as failed",
        (c, v) -> c.journal().commitTimeoutMs(v.wholeNumber())),
    LOADER_READ_TIMEOUT_MS("--loader-read-timeout-ms", JournalContext.READ_TIMEOUT_MS_DEFAULT,
        "how long a read of a record missing locally waits for Firestore",
        (c, v) -> c.journal().readTimeoutMs(v.wholeNumber())),
    JOURNAL_SHUTDOWN_FLUSH_TIMEOUT_MS("--journal-shutdown-flush-timeout-ms", JournalContext.SHUTDOWN_FLUSH_TIMEOUT_MS_DEFAULT,
        "how long a shutdown waits for pending records to be written",
        (c, v) -> c.journal().shutdownFlushTimeoutMs(v.wholeNumber())),
    JOURNAL_CHANGE_LOG_CAPACITY("--journal-change-log-capacity", JournalContext.CHANGE_LOG_CAPACITY_DEFAULT,
        "entries of the journal's change log, a power of two",
        (c, v) -> c.journal().changeLogCapacity(v.integer()));

    private static final Setting[] VALUES = values();

    private final String flag;
    private final String alias;
    private final String defaultValue;
    private final String description;
    private final Applier applier;

    Setting(final String flag, final Object defaultValue, final String description, final Applier applier)
    {
        this(flag, null, defaultValue, description, applier);
    }

    Setting(final String flag, final String alias, final Object defaultValue, final String description, final Applier applier)
    {
        this.flag = flag;
        this.alias = alias;
        this.defaultValue = text(defaultValue);
        this.description = description;
        this.applier = applier;
    }

    /**
     * @return the environment variable, e.g. {@code PORT}.
     */
    public String envName()
    {
        return name();
    }

    /**
     * @return an older name of the variable, read when the variable is unset, or null.
     */
    public String alias()
    {
        return alias;
    }

    /**
     * @return the option of {@code ringbot serve}, e.g. {@code --port}.
     */
    public String flag()
    {
        return flag;
    }

    /**
     * @return the default as the option reads it; empty when unset by default.
     */
    public String defaultValue()
    {
        return defaultValue;
    }

    /**
     * @return what the setting does, in a few words, for --help.
     */
    public String description()
    {
        return description;
    }

    /**
     * @return whether the value is a secret: --help never shows it.
     */
    public boolean secret()
    {
        return this == BOT_TOKEN || this == WEBHOOK_SECRET;
    }

    /**
     * @return whether the setting is on or off: its flag alone turns it on ({@code --polling}).
     */
    public boolean isSwitch()
    {
        return "false".equals(defaultValue) || "true".equals(defaultValue);
    }

    /**
     * @param environment the process's variables.
     * @return the variable's value (empty counts as set), else its alias's, else null.
     */
    public String valueIn(final Map<String, String> environment)
    {
        final String value = environment.get(name());
        return value != null || alias == null ? value : environment.get(alias);
    }

    /**
     * Parses a value and hands it to its context's setter; the context validates it when concluded.
     *
     * @param context the server's context.
     * @param value   the value as the variable or the flag gives it.
     * @throws IllegalArgumentException naming the variable when the value is not of the setting's kind.
     */
    public void apply(final ServerContext context, final String value)
    {
        applier.apply(context, new Value(this, value == null ? "" : value));
    }

    /**
     * @param flag an option, e.g. {@code --port}.
     * @return its setting, or null when no setting has that option.
     */
    public static Setting ofFlag(final String flag)
    {
        for (final Setting setting : VALUES)
        {
            if (setting.flag.equals(flag))
            {
                return setting;
            }
        }
        return null;
    }

    /**
     * @param message a message that names settings by their variables, e.g. "RING_SIZE must be a power of two".
     * @return the message with the flags of the settings it names that it does not name yet, e.g.
     * "RING_SIZE must be a power of two (flag --ring-size)": whoever reads it may be using either.
     */
    public static String withFlags(final String message)
    {
        if (message == null)
        {
            return null;
        }
        final StringBuilder flags = new StringBuilder();
        for (final Setting setting : VALUES)
        {
            if (namesWord(message, setting.name()) && !message.contains(setting.flag))
            {
                flags.append(flags.length() == 0 ? "" : ", ").append(setting.flag);
            }
        }
        if (flags.length() == 0)
        {
            return message;
        }
        return message + (flags.indexOf(",") < 0 ? " (flag " : " (flags ") + flags + ")";
    }

    private static boolean namesWord(final String text, final String word)
    {
        for (int i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1))
        {
            final int end = i + word.length();
            if ((i == 0 || !isNamePart(text.charAt(i - 1))) && (end == text.length() || !isNamePart(text.charAt(end))))
            {
                return true;
            }
        }
        return false;
    }

    private static boolean isNamePart(final char c)
    {
        return c == '_' || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    private static String text(final Object value)
    {
        if (value instanceof Double d && d == Math.rint(d) && !d.isInfinite())
        {
            return Long.toString(d.longValue()); // 1, not 1.0: as a person writes it
        }
        return String.valueOf(value);
    }

    /** Hands a parsed value to a context's setter. */
    @FunctionalInterface
    interface Applier
    {
        void apply(ServerContext context, Value value);
    }

    /**
     * A value as the variable or the flag gives it, read as the setting's kind; a value of another kind is refused
     * naming the variable. Ranges are the contexts' to check.
     */
    record Value(Setting setting, String text)
    {
        int integer()
        {
            final long value = wholeNumber();
            if (value != (int)value)
            {
                throw refused("a whole number up to " + Integer.MAX_VALUE);
            }
            return (int)value;
        }

        long wholeNumber()
        {
            try
            {
                return Long.parseLong(text.trim());
            }
            catch (final NumberFormatException ex)
            {
                throw refused("a whole number");
            }
        }

        double decimal()
        {
            try
            {
                final double value = Double.parseDouble(text.trim());
                if (Double.isFinite(value))
                {
                    return value;
                }
            }
            catch (final NumberFormatException ex)
            {
                // refused below
            }
            throw refused("a number");
        }

        boolean bool()
        {
            final String value = text.trim().toLowerCase(Locale.ROOT);
            if ("true".equals(value) || "false".equals(value))
            {
                return Boolean.parseBoolean(value);
            }
            throw refused("true or false");
        }

        /**
         * @return a port a user names: 0 (any free port) is for tests, which set it in code.
         */
        int port()
        {
            final int port = integer();
            if (port < 1 || port > 65_535)
            {
                throw new IllegalArgumentException(setting.name() + " must be a TCP port between 1 and 65535, was " + port);
            }
            return port;
        }

        Path path()
        {
            try
            {
                return Path.of(text);
            }
            catch (final RuntimeException ex)
            {
                throw refused("a path");
            }
        }

        long[] ids()
        {
            try
            {
                return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                    .mapToLong(Long::parseLong).toArray();
            }
            catch (final NumberFormatException ex)
            {
                throw new IllegalArgumentException(setting.name() +
                    " must be comma-separated numeric Telegram user ids, e.g. 123456,789012; was \"" + text + "\"");
            }
        }

        private IllegalArgumentException refused(final String kind)
        {
            return new IllegalArgumentException(setting.name() + " must be " + kind + ", was \"" + text + "\"");
        }
    }
}

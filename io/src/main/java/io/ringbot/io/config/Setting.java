package io.ringbot.io.config;

import io.ringbot.engine.EngineContext;
import io.ringbot.io.ops.OpsContext;
import io.ringbot.io.outbound.OutboundContext;
import io.ringbot.store.StoreContext;

/**
 * Every setting of {@code ringbot serve}: the constant's name is the environment variable, {@link #flag()} the
 * option, {@link #defaultValue()} the default as the option reads it. The defaults themselves are declared once,
 * as constants of the component's context; this table only points at them, so the options, the environment and
 * the README (checked by a test) cannot drift from them. An empty default means unset.
 */
public enum Setting
{
    BOT("--bot", ServerConfig.BOT_DEFAULT),
    BOT_CLASS("--bot-class", ""),
    BOT_JAR("--bot-jar", ""),
    BIND("--bind", ServerConfig.BIND_DEFAULT),
    PORT("--port", ServerConfig.PORT_DEFAULT),
    OPS_BIND("--ops-bind", OpsContext.BIND_DEFAULT),
    OPS_PORT("--ops-port", OpsContext.PORT_DEFAULT),
    OPS_ALLOWED_HOSTS("--ops-allowed-hosts", ""),
    DATA_DIR("--data-dir", StoreContext.DATA_DIR_DEFAULT),
    WEBHOOK_PATH("--webhook-path", ServerConfig.WEBHOOK_PATH_DEFAULT),
    WEBHOOK_SECRET("--webhook-secret", ""),
    BOT_TOKEN("--bot-token", ""),
    BOT_USERNAME("--bot-username", ""),
    ADMIN_IDS("--admin-ids", ""),
    USERS_CAPACITY("--users-capacity", StoreContext.USERS_CAPACITY_DEFAULT),
    RING_SIZE("--ring-size", EngineContext.RING_SIZE_DEFAULT),
    ENGINE_THREADING("--engine-threading", ServerConfig.ENGINE_THREADING_DEFAULT),
    ENGINE_WAIT("--engine-wait", EngineContext.WAIT_STRATEGY_DEFAULT),
    IO_THREADS("--io-threads", ServerConfig.IO_THREADS_DEFAULT),
    TRANSPORT("--transport", ServerConfig.TRANSPORT_DEFAULT),
    MAX_CONNECTIONS("--max-connections", ServerConfig.MAX_CONNECTIONS_DEFAULT),
    OPS_MAX_CONNECTIONS("--ops-max-connections", OpsContext.MAX_CONNECTIONS_DEFAULT),
    HEAD_TIMEOUT_MS("--head-timeout-ms", ServerConfig.HEAD_TIMEOUT_MS_DEFAULT),
    BODY_TIMEOUT_MS("--body-timeout-ms", ServerConfig.BODY_TIMEOUT_MS_DEFAULT),
    IDLE_TIMEOUT_SECONDS("--idle-timeout", ServerConfig.IDLE_TIMEOUT_SECONDS_DEFAULT),
    CLEARCACHE_IDLE_SECONDS("--clearcache-idle", ServerConfig.CLEARCACHE_IDLE_SECONDS_DEFAULT),
    DASHBOARD_SAMPLE_MS("--dashboard-sample-ms", OpsContext.SAMPLE_PERIOD_MILLIS_DEFAULT),
    BOT_API_URL("--bot-api-url", OutboundContext.BOT_API_URL_DEFAULT),
    SEND_CHAT_PER_SECOND("--send-chat-per-second", OutboundContext.CHAT_PER_SECOND_DEFAULT),
    SEND_CHAT_BURST("--send-chat-burst", OutboundContext.CHAT_BURST_DEFAULT),
    SEND_GROUP_PER_MINUTE("--send-group-per-minute", OutboundContext.GROUP_PER_MINUTE_DEFAULT),
    SEND_TOTAL_PER_SECOND("--send-total-per-second", OutboundContext.TOTAL_PER_SECOND_DEFAULT),
    PAID_BROADCAST("--paid-broadcast", OutboundContext.PAID_BROADCAST_DEFAULT),
    SEND_PAID_TOTAL_PER_SECOND("--send-paid-total-per-second", OutboundContext.PAID_TOTAL_PER_SECOND_DEFAULT),
    SEND_MARGIN_MS("--send-margin-ms", OutboundContext.MARGIN_MILLIS_DEFAULT),
    SEND_CONNECTIONS("--send-connections", OutboundContext.CONNECTIONS_DEFAULT),
    SEND_TIMEOUT_MS("--send-timeout-ms", OutboundContext.TIMEOUT_MILLIS_DEFAULT),
    SEND_MAX_ATTEMPTS("--send-max-attempts", OutboundContext.MAX_ATTEMPTS_DEFAULT),
    SEND_GLOBAL_PAUSE_CHATS("--send-global-pause-chats", OutboundContext.GLOBAL_PAUSE_CHATS_DEFAULT),
    SEND_MAX_PAUSE_SECONDS("--send-max-pause-seconds", OutboundContext.MAX_PAUSE_SECONDS_DEFAULT),
    OUTBOUND_QUEUE_BYTES("--outbound-queue-bytes", OutboundContext.QUEUE_BYTES_DEFAULT),
    PUBLIC_URL("--public-url", ""),
    WEBHOOK_MAX_CONNECTIONS("--webhook-max-connections", ServerConfig.WEBHOOK_MAX_CONNECTIONS_DEFAULT),
    DROP_PENDING_UPDATES("--drop-pending-updates", false),
    WEBHOOK_INFO_INTERVAL_SECONDS("--webhook-info-interval", ServerConfig.WEBHOOK_INFO_INTERVAL_SECONDS_DEFAULT),
    POLLING("--polling", false),
    POLL_TIMEOUT_SECONDS("--poll-timeout", ServerConfig.POLL_TIMEOUT_SECONDS_DEFAULT);

    private static final Setting[] VALUES = values();

    private final String flag;
    private final String defaultValue;

    Setting(final String flag, final Object defaultValue)
    {
        this.flag = flag;
        this.defaultValue = text(defaultValue);
    }

    /**
     * @return the environment variable, e.g. {@code PORT}.
     */
    public String envName()
    {
        return name();
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
}

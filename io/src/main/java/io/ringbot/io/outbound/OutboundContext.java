package io.ringbot.io.outbound;

import io.ringbot.engine.outbound.OutboundRing;

/**
 * Configuration of the outbound sender: where the Bot API is and the flood limits it keeps. The
 * defaults are Telegram's (Bot FAQ): one message a second per chat with bursts of three, 20 a minute
 * per group, 30 a second in total, 1,000 a second with paid broadcasts.
 */
public final class OutboundContext
{
    public static final String BOT_API_URL_DEFAULT = "https://api.telegram.org";
    public static final double CHAT_PER_SECOND_DEFAULT = 1;
    public static final int CHAT_BURST_DEFAULT = 3;
    public static final int GROUP_PER_MINUTE_DEFAULT = 20;
    public static final int TOTAL_PER_SECOND_DEFAULT = 30;
    public static final boolean PAID_BROADCAST_DEFAULT = false;
    public static final int PAID_TOTAL_PER_SECOND_DEFAULT = 1000;
    public static final int CONNECTIONS_DEFAULT = 8;
    public static final long TIMEOUT_MILLIS_DEFAULT = 30_000;
    public static final int QUEUE_BYTES_DEFAULT = OutboundRing.CAPACITY_DEFAULT;
    public static final int MAX_ATTEMPTS_DEFAULT = 10;
    public static final long RETRY_BACKOFF_INITIAL_MILLIS_DEFAULT = 500;
    public static final long RETRY_BACKOFF_MAX_MILLIS_DEFAULT = 60_000;
    public static final int GLOBAL_PAUSE_CHATS_DEFAULT = 3;
    /**
     * The longest a 429 pauses sending. Telegram's flood windows are a second (the total) and a minute (a
     * group's 20), and the retry_after it gives bots is seconds to about a minute; a larger value comes from a
     * broken server or a proxy (2147483647 s would stop sending for 68 years), and if Telegram itself means
     * longer, the call sent after a minute meets a 429 with what is left. Also the longest retry backoff.
     */
    public static final int MAX_PAUSE_SECONDS_DEFAULT = 60;
    public static final long MARGIN_MILLIS_DEFAULT = 50;

    private String botApiUrl = BOT_API_URL_DEFAULT;
    private String botToken = "";
    private double chatPerSecond = CHAT_PER_SECOND_DEFAULT;
    private int chatBurst = CHAT_BURST_DEFAULT;
    private int groupPerMinute = GROUP_PER_MINUTE_DEFAULT;
    private int totalPerSecond = TOTAL_PER_SECOND_DEFAULT;
    private boolean paidBroadcast = PAID_BROADCAST_DEFAULT;
    private int paidTotalPerSecond = PAID_TOTAL_PER_SECOND_DEFAULT;
    private int connections = CONNECTIONS_DEFAULT;
    private long timeoutMillis = TIMEOUT_MILLIS_DEFAULT;
    private int queueBytes = QUEUE_BYTES_DEFAULT;
    private int maxAttempts = MAX_ATTEMPTS_DEFAULT;
    private long retryBackoffInitialMillis = RETRY_BACKOFF_INITIAL_MILLIS_DEFAULT;
    private long retryBackoffMaxMillis = RETRY_BACKOFF_MAX_MILLIS_DEFAULT;
    private int globalPauseChats = GLOBAL_PAUSE_CHATS_DEFAULT;
    private int maxPauseSeconds = MAX_PAUSE_SECONDS_DEFAULT;
    private long marginMillis = MARGIN_MILLIS_DEFAULT;

    public String botApiUrl()
    {
        return botApiUrl;
    }

    public OutboundContext botApiUrl(final String botApiUrl)
    {
        this.botApiUrl = botApiUrl == null || botApiUrl.isBlank() ? BOT_API_URL_DEFAULT : botApiUrl.trim();
        return this;
    }

    public String botToken()
    {
        return botToken;
    }

    public OutboundContext botToken(final String botToken)
    {
        this.botToken = botToken == null ? "" : botToken;
        return this;
    }

    /**
     * @return whether calls are sent at all (a token is set).
     */
    public boolean enabled()
    {
        return !botToken.isEmpty();
    }

    public double chatPerSecond()
    {
        return chatPerSecond;
    }

    public OutboundContext chatPerSecond(final double chatPerSecond)
    {
        this.chatPerSecond = chatPerSecond;
        return this;
    }

    public int chatBurst()
    {
        return chatBurst;
    }

    public OutboundContext chatBurst(final int chatBurst)
    {
        this.chatBurst = chatBurst;
        return this;
    }

    public int groupPerMinute()
    {
        return groupPerMinute;
    }

    public OutboundContext groupPerMinute(final int groupPerMinute)
    {
        this.groupPerMinute = groupPerMinute;
        return this;
    }

    /**
     * @return the configured total limit (without paid broadcasts).
     */
    public int totalPerSecond()
    {
        return totalPerSecond;
    }

    public OutboundContext totalPerSecond(final int totalPerSecond)
    {
        this.totalPerSecond = totalPerSecond;
        return this;
    }

    public boolean paidBroadcast()
    {
        return paidBroadcast;
    }

    public OutboundContext paidBroadcast(final boolean paidBroadcast)
    {
        this.paidBroadcast = paidBroadcast;
        return this;
    }

    public int paidTotalPerSecond()
    {
        return paidTotalPerSecond;
    }

    public OutboundContext paidTotalPerSecond(final int paidTotalPerSecond)
    {
        this.paidTotalPerSecond = paidTotalPerSecond;
        return this;
    }

    /**
     * @return the total limit in force: the paid one when paid broadcasts are on.
     */
    public int effectiveTotalPerSecond()
    {
        return paidBroadcast ? paidTotalPerSecond : totalPerSecond;
    }

    public int connections()
    {
        return connections;
    }

    public OutboundContext connections(final int connections)
    {
        this.connections = connections;
        return this;
    }

    public long timeoutMillis()
    {
        return timeoutMillis;
    }

    public OutboundContext timeoutMillis(final long timeoutMillis)
    {
        this.timeoutMillis = timeoutMillis;
        return this;
    }

    public int queueBytes()
    {
        return queueBytes;
    }

    public OutboundContext queueBytes(final int queueBytes)
    {
        this.queueBytes = queueBytes;
        return this;
    }

    public int maxAttempts()
    {
        return maxAttempts;
    }

    public OutboundContext maxAttempts(final int maxAttempts)
    {
        this.maxAttempts = maxAttempts;
        return this;
    }

    public long retryBackoffInitialMillis()
    {
        return retryBackoffInitialMillis;
    }

    public OutboundContext retryBackoffInitialMillis(final long retryBackoffInitialMillis)
    {
        this.retryBackoffInitialMillis = retryBackoffInitialMillis;
        return this;
    }

    public long retryBackoffMaxMillis()
    {
        return retryBackoffMaxMillis;
    }

    public OutboundContext retryBackoffMaxMillis(final long retryBackoffMaxMillis)
    {
        this.retryBackoffMaxMillis = retryBackoffMaxMillis;
        return this;
    }

    /**
     * @return 429s from this many chats within a second pause all sending.
     */
    public int globalPauseChats()
    {
        return globalPauseChats;
    }

    public OutboundContext globalPauseChats(final int globalPauseChats)
    {
        this.globalPauseChats = globalPauseChats;
        return this;
    }

    /**
     * @return a 429's retry_after pauses at most this long (a longer one is cut to it, counted and logged).
     */
    public int maxPauseSeconds()
    {
        return maxPauseSeconds;
    }

    public OutboundContext maxPauseSeconds(final int maxPauseSeconds)
    {
        this.maxPauseSeconds = maxPauseSeconds;
        return this;
    }

    /**
     * @return every limit's window is this much longer than Telegram's: calls reach Telegram with jitter,
     * and a limit measured where they arrive must hold too.
     */
    public long marginMillis()
    {
        return marginMillis;
    }

    public OutboundContext marginMillis(final long marginMillis)
    {
        this.marginMillis = marginMillis;
        return this;
    }

    /**
     * Validates once.
     *
     * @return this.
     * @throws IllegalArgumentException naming the setting and what to change.
     */
    public OutboundContext conclude()
    {
        if (botToken.indexOf('/') >= 0 || botToken.indexOf(' ') >= 0)
        {
            throw new IllegalArgumentException("BOT_TOKEN must be the token BotFather gave (digits:letters), with no / or spaces");
        }
        if (!botApiUrl.startsWith("http://") && !botApiUrl.startsWith("https://"))
        {
            throw new IllegalArgumentException("BOT_API_URL must start with http:// or https://, was \"" + botApiUrl + "\"");
        }
        positive("SEND_CHAT_PER_SECOND", chatPerSecond);
        positive("SEND_CHAT_BURST", chatBurst);
        positive("SEND_GROUP_PER_MINUTE", groupPerMinute);
        positive("SEND_TOTAL_PER_SECOND", totalPerSecond);
        positive("SEND_PAID_TOTAL_PER_SECOND", paidTotalPerSecond);
        positive("SEND_CONNECTIONS", connections);
        positive("SEND_TIMEOUT_MS", timeoutMillis);
        positive("SEND_MAX_ATTEMPTS", maxAttempts);
        positive("OutboundContext.retryBackoffInitialMillis", retryBackoffInitialMillis);
        positive("SEND_GLOBAL_PAUSE_CHATS", globalPauseChats);
        if (maxPauseSeconds < 1 || maxPauseSeconds > 86_400)
        {
            throw new IllegalArgumentException("SEND_MAX_PAUSE_SECONDS must be between 1 " +
                "and 86400, was " + maxPauseSeconds);
        }
        if (marginMillis < 0 || marginMillis > 1000)
        {
            throw new IllegalArgumentException("SEND_MARGIN_MS must be between 0 and 1000, was " + marginMillis);
        }
        if (retryBackoffMaxMillis < retryBackoffInitialMillis)
        {
            // not variables or flags: only code that builds an OutboundContext sets them
            throw new IllegalArgumentException("OutboundContext.retryBackoffMaxMillis must be at least " +
                "retryBackoffInitialMillis (" + retryBackoffInitialMillis + "), was " + retryBackoffMaxMillis);
        }
        if (queueBytes < 4096 || Integer.bitCount(queueBytes) != 1)
        {
            throw new IllegalArgumentException("OUTBOUND_QUEUE_BYTES must be a power of two of at least 4096, was " + queueBytes);
        }
        if (effectiveTotalPerSecond() > 100_000 || groupPerMinute > 100_000 || chatBurst > 10_000)
        {
            throw new IllegalArgumentException("the SEND_* limits are per chat, group and total; values over 100000 are not limits");
        }
        return this;
    }

    /**
     * @return the settings for /production and the start-up line.
     */
    public String summary()
    {
        return "bot api: " + (enabled() ? botApiUrl : "off (no BOT_TOKEN)") +
            "\nsend limits: " + chatPerSecond + "/s per chat (burst " + chatBurst + "), " + groupPerMinute +
            "/min per group, " + effectiveTotalPerSecond() + "/s total" + (paidBroadcast ? " (paid broadcast)" : "");
    }

    private static void positive(final String name, final double value)
    {
        if (!(value > 0))
        {
            throw new IllegalArgumentException(name + " must be more than 0, was " + value);
        }
    }
}

package io.ringbot.io.delivery;

/**
 * How updates reach the server, besides a webhook registered by hand: the webhook registered at start
 * ({@link WebhookRegistrar}, with a public URL) or long polling ({@link UpdatePoller}). Fluent same-name
 * accessors, defaults declared here, validated once by {@link #conclude()}; that either needs the bot's token
 * is checked where the token is known (the server's context).
 */
public final class DeliveryContext
{
    /** Telegram's own default for setWebhook's max_connections. */
    public static final int WEBHOOK_MAX_CONNECTIONS_DEFAULT = 40;
    public static final int WEBHOOK_INFO_INTERVAL_SECONDS_DEFAULT = 60;
    /** Telegram's longest long poll. */
    public static final int POLL_TIMEOUT_SECONDS_DEFAULT = 50;

    private String publicUrl = "";
    private int webhookMaxConnections = WEBHOOK_MAX_CONNECTIONS_DEFAULT;
    private boolean dropPendingUpdates;
    private int webhookInfoIntervalSeconds = WEBHOOK_INFO_INTERVAL_SECONDS_DEFAULT;
    private boolean polling;
    private int pollTimeoutSeconds = POLL_TIMEOUT_SECONDS_DEFAULT;

    /**
     * @return the public HTTPS base URL Telegram reaches the webhook at; empty: not registered.
     */
    public String publicUrl()
    {
        return publicUrl;
    }

    public DeliveryContext publicUrl(final String publicUrl)
    {
        final String url = publicUrl == null ? "" : publicUrl.trim();
        this.publicUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        return this;
    }

    /**
     * @return setWebhook's max_connections (1-100).
     */
    public int webhookMaxConnections()
    {
        return webhookMaxConnections;
    }

    public DeliveryContext webhookMaxConnections(final int webhookMaxConnections)
    {
        this.webhookMaxConnections = webhookMaxConnections;
        return this;
    }

    /**
     * @return whether setWebhook drops the updates Telegram still holds.
     */
    public boolean dropPendingUpdates()
    {
        return dropPendingUpdates;
    }

    public DeliveryContext dropPendingUpdates(final boolean dropPendingUpdates)
    {
        this.dropPendingUpdates = dropPendingUpdates;
        return this;
    }

    /**
     * @return how often getWebhookInfo is read while the webhook is registered.
     */
    public int webhookInfoIntervalSeconds()
    {
        return webhookInfoIntervalSeconds;
    }

    public DeliveryContext webhookInfoIntervalSeconds(final int webhookInfoIntervalSeconds)
    {
        this.webhookInfoIntervalSeconds = webhookInfoIntervalSeconds;
        return this;
    }

    /**
     * @return whether updates are fetched by long polling instead of arriving at the webhook.
     */
    public boolean polling()
    {
        return polling;
    }

    public DeliveryContext polling(final boolean polling)
    {
        this.polling = polling;
        return this;
    }

    /**
     * @return getUpdates' long-poll timeout (0-50).
     */
    public int pollTimeoutSeconds()
    {
        return pollTimeoutSeconds;
    }

    public DeliveryContext pollTimeoutSeconds(final int pollTimeoutSeconds)
    {
        this.pollTimeoutSeconds = pollTimeoutSeconds;
        return this;
    }

    /**
     * @return whether the server calls the Bot API for its updates: long polling, or registering the webhook.
     */
    public boolean enabled()
    {
        return polling || !publicUrl.isEmpty();
    }

    /**
     * Validates once.
     *
     * @return this.
     * @throws IllegalArgumentException with a message naming the variable and what to change.
     */
    public DeliveryContext conclude()
    {
        if (!publicUrl.isEmpty() && !publicUrl.startsWith("https://"))
        {
            throw new IllegalArgumentException("PUBLIC_URL must be the https:// URL Telegram reaches this server at " +
                "(Telegram's rule), was \"" + publicUrl + "\"");
        }
        if (polling && !publicUrl.isEmpty())
        {
            throw new IllegalArgumentException("POLLING and PUBLIC_URL exclude each other: a bot gets updates by " +
                "long polling or at its webhook; unset one");
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
            throw new IllegalArgumentException("WEBHOOK_INFO_INTERVAL_SECONDS must be at least 1, was " +
                webhookInfoIntervalSeconds);
        }
        return this;
    }

    /**
     * @param webhookPath the path the webhook is served at.
     * @return one line for the configuration's summary.
     */
    public String summary(final String webhookPath)
    {
        return "delivery: " + (polling ? "long polling" : publicUrl.isEmpty() ? "webhook (registered by hand)" :
            "webhook registered at " + publicUrl + webhookPath + " (max " + webhookMaxConnections + " connections)");
    }
}

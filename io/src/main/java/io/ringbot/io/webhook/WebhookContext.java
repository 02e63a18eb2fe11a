package io.ringbot.io.webhook;

import io.ringbot.io.transport.Transport;

import java.util.regex.Pattern;

/**
 * Configuration of the {@link WebhookServer}: fluent same-name accessors, defaults declared here, validated once
 * by {@link #conclude()}.
 */
public final class WebhookContext
{
    /** Loopback, with a TLS proxy in front for Telegram. */
    public static final String BIND_DEFAULT = "127.0.0.1";
    public static final int PORT_DEFAULT = 8080;
    public static final String PATH_DEFAULT = "/webhook";
    public static final int IO_THREADS_DEFAULT = 1;
    /** Epoll where it loads, else NIO ({@link Transport#of}). */
    public static final String TRANSPORT_DEFAULT = "auto";
    public static final int MAX_CONNECTIONS_DEFAULT = 1024;
    public static final long HEAD_TIMEOUT_MS_DEFAULT = 10_000;
    public static final long BODY_TIMEOUT_MS_DEFAULT = 30_000;
    public static final int IDLE_TIMEOUT_SECONDS_DEFAULT = 75;
    /** Telegram's updates are far smaller; a body over this is answered 413. */
    public static final int MAX_BODY_BYTES_DEFAULT = 1024 * 1024;
    public static final int MAX_BODY_BYTES_MIN = 1024;

    private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{1,256}");

    private String bind = BIND_DEFAULT;
    private int port = PORT_DEFAULT;
    private String path = PATH_DEFAULT;
    private String secret;
    private int ioThreads = IO_THREADS_DEFAULT;
    private String transport = TRANSPORT_DEFAULT;
    private int maxConnections = MAX_CONNECTIONS_DEFAULT;
    private long headTimeoutMillis = HEAD_TIMEOUT_MS_DEFAULT;
    private long bodyTimeoutMillis = BODY_TIMEOUT_MS_DEFAULT;
    private int idleTimeoutSeconds = IDLE_TIMEOUT_SECONDS_DEFAULT;
    private int maxBodyBytes = MAX_BODY_BYTES_DEFAULT;

    public String bind()
    {
        return bind;
    }

    public WebhookContext bind(final String bind)
    {
        this.bind = bind;
        return this;
    }

    /**
     * @return the port; 0 (any free port) only from code: the PORT setting names a real one.
     */
    public int port()
    {
        return port;
    }

    public WebhookContext port(final int port)
    {
        this.port = port;
        return this;
    }

    /**
     * @return the path Telegram posts to.
     */
    public String path()
    {
        return path;
    }

    public WebhookContext path(final String path)
    {
        this.path = path;
        return this;
    }

    /**
     * @return the X-Telegram-Bot-Api-Secret-Token, or null until the server generates or loads one.
     */
    public String secret()
    {
        return secret;
    }

    /**
     * @param secret the secret; null or empty: unset (generated and kept in the data folder).
     * @return this.
     */
    public WebhookContext secret(final String secret)
    {
        this.secret = secret == null || secret.isEmpty() ? null : secret;
        return this;
    }

    /**
     * @return the Netty event loops of the webhook.
     */
    public int ioThreads()
    {
        return ioThreads;
    }

    public WebhookContext ioThreads(final int ioThreads)
    {
        this.ioThreads = ioThreads;
        return this;
    }

    /**
     * @return auto, epoll, io_uring or nio, as configured.
     */
    public String transport()
    {
        return transport;
    }

    public WebhookContext transport(final String transport)
    {
        this.transport = transport;
        return this;
    }

    /**
     * @return the most connections open at once; more are answered 503 and closed.
     */
    public int maxConnections()
    {
        return maxConnections;
    }

    public WebhookContext maxConnections(final int maxConnections)
    {
        this.maxConnections = maxConnections;
        return this;
    }

    /**
     * @return how long a request's line and headers may take to arrive, from its first byte (408 and closed after).
     */
    public long headTimeoutMillis()
    {
        return headTimeoutMillis;
    }

    public WebhookContext headTimeoutMillis(final long headTimeoutMillis)
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

    public WebhookContext bodyTimeoutMillis(final long bodyTimeoutMillis)
    {
        this.bodyTimeoutMillis = bodyTimeoutMillis;
        return this;
    }

    /**
     * @return keep-alive connections that send nothing for this long are closed.
     */
    public int idleTimeoutSeconds()
    {
        return idleTimeoutSeconds;
    }

    public WebhookContext idleTimeoutSeconds(final int idleTimeoutSeconds)
    {
        this.idleTimeoutSeconds = idleTimeoutSeconds;
        return this;
    }

    /**
     * @return the largest body accepted; a larger one is answered 413.
     */
    public int maxBodyBytes()
    {
        return maxBodyBytes;
    }

    public WebhookContext maxBodyBytes(final int maxBodyBytes)
    {
        this.maxBodyBytes = maxBodyBytes;
        return this;
    }

    /**
     * Validates once; the transport is resolved too, so one that cannot load here says so before anything opens.
     *
     * @return this.
     * @throws IllegalArgumentException with a message naming the variable and what to change.
     */
    public WebhookContext conclude()
    {
        if (bind == null || bind.isBlank())
        {
            throw new IllegalArgumentException("BIND must name an address to listen on, e.g. 127.0.0.1");
        }
        if (port < 0 || port > 65_535)
        {
            throw new IllegalArgumentException("PORT must be between 0 (any free port) and 65535, was " + port);
        }
        if (path == null || !path.startsWith("/") || path.contains("?"))
        {
            throw new IllegalArgumentException("WEBHOOK_PATH must start with / and have no query, was \"" + path + "\"");
        }
        if (secret != null && !SECRET.matcher(secret).matches())
        {
            throw new IllegalArgumentException(
                "WEBHOOK_SECRET must be 1-256 characters of A-Z, a-z, 0-9, _ and - (Telegram's rule)");
        }
        if (ioThreads < 1 || ioThreads > 64)
        {
            throw new IllegalArgumentException("IO_THREADS must be between 1 and 64, was " + ioThreads);
        }
        Transport.of(transport); // an unknown name, or a native transport that cannot load here, says so now
        if (maxConnections < 1)
        {
            throw new IllegalArgumentException("MAX_CONNECTIONS must be at least 1, was " + maxConnections);
        }
        if (headTimeoutMillis < 100)
        {
            throw new IllegalArgumentException("HEAD_TIMEOUT_MS must be at least 100, was " + headTimeoutMillis);
        }
        if (bodyTimeoutMillis < 100)
        {
            throw new IllegalArgumentException("BODY_TIMEOUT_MS must be at least 100, was " + bodyTimeoutMillis);
        }
        if (idleTimeoutSeconds < 1)
        {
            throw new IllegalArgumentException("IDLE_TIMEOUT_SECONDS must be at least 1, was " + idleTimeoutSeconds);
        }
        if (maxBodyBytes < MAX_BODY_BYTES_MIN)
        {
            // not a variable or flag: only code that builds a WebhookContext sets it
            throw new IllegalArgumentException("WebhookContext.maxBodyBytes must be at least " + MAX_BODY_BYTES_MIN +
                " bytes, was " + maxBodyBytes);
        }
        return this;
    }
}

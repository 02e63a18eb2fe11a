package io.ringbot.io.webhook;

import io.ringbot.engine.Engine;
import io.ringbot.engine.ring.ErrorBody;

import java.util.concurrent.TimeUnit;

/**
 * What every webhook connection shares: the engine to publish to, the path and secret it accepts, the
 * body limit, the counters, and the error answers, encoded once.
 */
final class WebhookEndpoint
{
    static final byte[] MALFORMED = ErrorBody.of(400, "malformed HTTP request");
    static final byte[] BAD_VERSION = ErrorBody.of(505, "HTTP/1.1 or HTTP/1.0 only");
    static final byte[] HEAD_TOO_LARGE = ErrorBody.of(431, "request line and headers over " + RequestHead.MAX_HEAD_BYTES + " bytes");
    static final byte[] LENGTH_REQUIRED = ErrorBody.of(411, "send the body with a Content-Length, not a Transfer-Encoding");
    static final byte[] NOT_FOUND = ErrorBody.of(404, "no such path");
    static final byte[] WRONG_METHOD = ErrorBody.of(405, "use POST");
    static final byte[] UNAUTHORIZED = ErrorBody.of(401, "wrong or missing X-Telegram-Bot-Api-Secret-Token");
    static final byte[] WRONG_TYPE = ErrorBody.of(415, "Content-Type must be application/json");
    static final byte[] BUSY = ErrorBody.of(503, "busy: retry");
    static final byte[] HEAD_TIMED_OUT = ErrorBody.of(408, "request line and headers too slow (HEAD_TIMEOUT_MS)");
    static final byte[] BODY_TIMED_OUT = ErrorBody.of(408, "body too slow (BODY_TIMEOUT_MS)");
    static final long HEAD_TIMEOUT_NANOS_DEFAULT = TimeUnit.MILLISECONDS.toNanos(WebhookContext.HEAD_TIMEOUT_MS_DEFAULT);
    static final long BODY_TIMEOUT_NANOS_DEFAULT = TimeUnit.MILLISECONDS.toNanos(WebhookContext.BODY_TIMEOUT_MS_DEFAULT);
    static final byte[] TOO_MANY_CONNECTIONS = ErrorBody.of(503, "too many connections: retry");

    final Engine engine;
    final String path;
    final String secret;
    final int maxBodyBytes;
    final WebhookMetrics metrics;
    final byte[] notFound;
    final byte[] tooLarge;
    final long headTimeoutNanos;
    final long bodyTimeoutNanos;

    WebhookEndpoint(
        final Engine engine, final String path, final String secret, final int maxBodyBytes, final WebhookMetrics metrics)
    {
        this(engine, path, secret, maxBodyBytes, metrics, HEAD_TIMEOUT_NANOS_DEFAULT, BODY_TIMEOUT_NANOS_DEFAULT);
    }

    WebhookEndpoint(
        final Engine engine,
        final String path,
        final String secret,
        final int maxBodyBytes,
        final WebhookMetrics metrics,
        final long headTimeoutNanos,
        final long bodyTimeoutNanos)
    {
        this.headTimeoutNanos = headTimeoutNanos;
        this.bodyTimeoutNanos = bodyTimeoutNanos;
        this.engine = engine;
        this.path = path;
        this.secret = secret;
        this.maxBodyBytes = maxBodyBytes;
        this.metrics = metrics;
        notFound = NOT_FOUND; // never names the path: operators who use a secret path would leak it
        tooLarge = ErrorBody.of(413, "body over " + maxBodyBytes + " bytes");
    }
}

package io.ringbot.io.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ringbot.io.outbound.ApiAnswer;
import io.ringbot.io.outbound.BotApiClient;
import io.ringbot.store.status.CountersFile;
import io.ringbot.store.status.RingbotCounter;
import org.agrona.concurrent.status.AtomicCounter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Registers the webhook with Telegram at start ({@code setWebhook}: our URL, secret, update kinds and
 * connection cap) and then reads {@code getWebhookInfo} periodically on its own thread: Telegram's
 * pending updates and last delivery error, and drift (someone registered another URL or other settings),
 * published as counters for /healthz, /metrics and the dashboard.
 */
public final class WebhookRegistrar implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(WebhookRegistrar.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long CALL_TIMEOUT_SECONDS = 60;

    private final BotApiClient client;
    private final String url;
    private final String secret;
    private final List<String> allowedUpdates;
    private final int maxConnections;
    private final AtomicCounter pending;
    private final AtomicCounter lastErrorDate;
    private final AtomicCounter drift;
    private final AtomicCounter infoFailures;
    private final ScheduledExecutorService watcher;
    private volatile String lastErrorMessage = "";
    private volatile String driftDetail = "";

    /**
     * @param client         the Bot API client (owned by the caller).
     * @param url            PUBLIC_URL + WEBHOOK_PATH.
     * @param secret         the webhook secret.
     * @param allowedUpdates the update kinds the bot handles.
     * @param maxConnections WEBHOOK_MAX_CONNECTIONS.
     * @param counters       where the gauges go.
     */
    public WebhookRegistrar(final BotApiClient client, final String url, final String secret,
        final List<String> allowedUpdates, final int maxConnections, final CountersFile counters)
    {
        this.client = client;
        this.url = url;
        this.secret = secret;
        this.allowedUpdates = List.copyOf(allowedUpdates);
        this.maxConnections = maxConnections;
        pending = counters.counter(RingbotCounter.WEBHOOK_PENDING_UPDATES);
        lastErrorDate = counters.counter(RingbotCounter.WEBHOOK_LAST_ERROR_DATE);
        drift = counters.counter(RingbotCounter.WEBHOOK_DRIFT);
        infoFailures = counters.counter(RingbotCounter.WEBHOOK_INFO_FAILURES);
        counters.counter(RingbotCounter.WEBHOOK_REGISTERED).setRelease(1);
        watcher = Executors.newSingleThreadScheduledExecutor(r ->
        {
            final Thread t = new Thread(r, "ringbot-webhook-info");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Calls setWebhook and checks Telegram's answer.
     *
     * @param dropPendingUpdates whether Telegram drops the updates it holds.
     * @throws IllegalStateException with Telegram's description when it refuses (the start stops).
     */
    public void register(final boolean dropPendingUpdates)
    {
        final ObjectNode body = JSON.createObjectNode()
            .put("url", url)
            .put("secret_token", secret)
            .put("max_connections", maxConnections)
            .put("drop_pending_updates", dropPendingUpdates);
        final ArrayNode kinds = body.putArray("allowed_updates");
        allowedUpdates.forEach(kinds::add);
        final ApiAnswer answer = call(client, "setWebhook", body.toString());
        if (!answer.ok())
        {
            throw new IllegalStateException("Telegram refused setWebhook for " + url + ": " + answer.errorCode() + " " +
                answer.description() + " (check PUBLIC_URL, BOT_TOKEN and BOT_API_URL)");
        }
        LOG.info("webhook registered at {} for {} (max {} connections{})", url, allowedUpdates, maxConnections,
            dropPendingUpdates ? ", pending updates dropped" : "");
    }

    /**
     * Starts reading getWebhookInfo every interval (the first time now).
     *
     * @param intervalSeconds WEBHOOK_INFO_INTERVAL_SECONDS.
     * @return this.
     */
    public WebhookRegistrar watch(final long intervalSeconds)
    {
        watcher.scheduleWithFixedDelay(this::check, 0, intervalSeconds, TimeUnit.SECONDS);
        return this;
    }

    /**
     * Reads getWebhookInfo once and publishes what it says (the watcher's thread, or a test's).
     */
    void check()
    {
        try
        {
            final ApiAnswer answer = call(client, "getWebhookInfo", "{}");
            if (!answer.ok() || answer.resultJson() == null)
            {
                infoFailures.increment();
                return;
            }
            final JsonNode info = JSON.readTree(answer.resultJson());
            pending.setRelease(info.path("pending_update_count").asLong(0));
            lastErrorDate.setRelease(info.path("last_error_date").asLong(0));
            lastErrorMessage = info.path("last_error_message").asText("");
            final String detail = drift(info);
            if (!detail.equals(driftDetail))
            {
                if (!detail.isEmpty())
                {
                    LOG.warn("the webhook registration drifted: {} (restart ringbot to register it again)", detail);
                }
                driftDetail = detail;
            }
            drift.setRelease(detail.isEmpty() ? 0 : 1);
        }
        catch (final IOException | RuntimeException ex)
        {
            infoFailures.increment();
        }
    }

    private String drift(final JsonNode info)
    {
        final List<String> differences = new ArrayList<>();
        final String registered = info.path("url").asText("");
        if (!url.equals(registered))
        {
            differences.add("url is \"" + registered + "\", not " + url);
        }
        if (info.has("max_connections") && info.path("max_connections").asInt() != maxConnections)
        {
            differences.add("max_connections is " + info.path("max_connections").asInt() + ", not " + maxConnections);
        }
        if (info.has("allowed_updates"))
        {
            final List<String> kinds = new ArrayList<>();
            info.path("allowed_updates").forEach(n -> kinds.add(n.asText()));
            if (!kinds.containsAll(allowedUpdates) || !allowedUpdates.containsAll(kinds))
            {
                differences.add("allowed_updates is " + kinds + ", not " + allowedUpdates);
            }
        }
        return String.join("; ", differences);
    }

    /**
     * @return Telegram's last delivery error message (empty when none).
     */
    public String lastErrorMessage()
    {
        return lastErrorMessage;
    }

    /**
     * @return how the registration drifted (empty when it is ours).
     */
    public String driftDetail()
    {
        return driftDetail;
    }

    public void close()
    {
        watcher.shutdownNow();
    }

    static ApiAnswer call(final BotApiClient client, final String method, final String json)
    {
        try
        {
            return client.call(method, json).get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " interrupted", ex);
        }
        catch (final java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException ex)
        {
            throw new IllegalStateException(method + " got no answer: " + ex, ex);
        }
    }
}

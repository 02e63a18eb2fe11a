package io.ringbot.io.delivery;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.ringbot.engine.Engine;
import io.ringbot.engine.outbound.OutboundRing;
import io.ringbot.engine.ring.UpdateEvent;
import io.ringbot.io.outbound.ApiAnswer;
import io.ringbot.io.outbound.BotApiClient;
import io.ringbot.store.retry.Backoff;
import io.ringbot.store.status.CountersFile;
import io.ringbot.store.status.RingbotCounter;
import org.agrona.concurrent.status.AtomicCounter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * Long polling on its own thread: {@code getUpdates} (long-poll timeout, up to 100 updates, the bot's
 * update kinds), each update published on the engine's ring like a webhook update, and the offset
 * advanced only over the updates the engine answered: a crash redelivers at most the last batch, which
 * the update_id window makes harmless. The confirmed offset is also kept in the data folder. At stop it
 * finishes the batch in hand and confirms the offset to Telegram (getUpdates with offset, timeout 0,
 * limit 1). 401 and 409 stop polling with a message ({@link #failure()}); network errors, 429 and 5xx are
 * retried after a {@link Backoff} (from 500 ms doubling up to 30 s).
 */
public final class UpdatePoller implements AutoCloseable
{
    /** The confirmed offset, in the data folder. */
    public static final String OFFSET_FILE = "polling-offset";
    public static final int LIMIT = 100;

    private static final Logger LOG = LoggerFactory.getLogger(UpdatePoller.class);
    private static final JsonFactory JSON = new JsonFactory();
    private static final byte[] UPDATE_ID = "\"update_id\":".getBytes(StandardCharsets.US_ASCII);
    private static final long BACKOFF_MIN_MILLIS = 500;
    private static final long BACKOFF_MAX_MILLIS = 30_000;
    private static final Backoff BACKOFF = new Backoff(BACKOFF_MIN_MILLIS, BACKOFF_MAX_MILLIS);
    private static final long BATCH_WAIT_MILLIS = 30_000;

    private final BotApiClient client;
    private final Engine engine;
    private final PolledResponder responder;
    private final PollBatch batch = new PollBatch(LIMIT);
    private final String allowedUpdates;
    private final int timeoutSeconds;
    private final Path offsetFile;
    private final AtomicCounter received;
    private final AtomicCounter errors;
    private final AtomicCounter confirmed;
    private final Thread thread;
    private final long maxPauseMillis;
    private volatile boolean running = true;
    private volatile String failure;
    private long offset;

    /**
     * @param client         a Bot API client whose timeout exceeds the long-poll timeout (owned by the caller).
     * @param engine         the engine whose ring the updates go on.
     * @param queue          the outbound queue replies go to.
     * @param allowedUpdates the update kinds the bot handles.
     * @param timeoutSeconds the long-poll timeout (50 in production).
     * @param maxPauseSeconds the longest a 429's retry_after pauses polling (SEND_MAX_PAUSE_SECONDS): a huge
     *                        one from a broken server must not stop polling for years.
     * @param dataDir        where the confirmed offset is kept.
     * @param counters       the counters.
     */
    public UpdatePoller(final BotApiClient client, final Engine engine, final OutboundRing queue,
        final List<String> allowedUpdates, final int timeoutSeconds, final int maxPauseSeconds, final Path dataDir,
        final CountersFile counters)
    {
        this.client = client;
        this.engine = engine;
        this.timeoutSeconds = timeoutSeconds;
        this.maxPauseMillis = maxPauseSeconds * 1000L;
        responder = new PolledResponder(engine, queue, counters.counter(RingbotCounter.POLL_REPLIES_LOST));
        final StringBuilder kinds = new StringBuilder("[");
        for (int i = 0; i < allowedUpdates.size(); i++)
        {
            kinds.append(i == 0 ? "\"" : ",\"").append(allowedUpdates.get(i)).append('"');
        }
        this.allowedUpdates = kinds.append(']').toString();
        offsetFile = dataDir.resolve(OFFSET_FILE);
        received = counters.counter(RingbotCounter.POLL_UPDATES);
        errors = counters.counter(RingbotCounter.POLL_ERRORS);
        confirmed = counters.counter(RingbotCounter.POLL_CONFIRMED_OFFSET);
        offset = readOffset(offsetFile);
        confirmed.setRelease(offset);
        thread = new Thread(this::run, "ringbot-poller");
        thread.setDaemon(true);
    }

    /**
     * Removes the webhook (keeping the updates Telegram holds), so that getUpdates is allowed.
     *
     * @param client the Bot API client.
     * @throws IllegalStateException with Telegram's description when it refuses (the start stops).
     */
    public static void deleteWebhook(final BotApiClient client)
    {
        final ApiAnswer answer = WebhookRegistrar.call(client, "deleteWebhook", "{\"drop_pending_updates\":false}");
        if (!answer.ok())
        {
            throw new IllegalStateException("Telegram refused deleteWebhook: " + answer.errorCode() + " " +
                answer.description() + (answer.errorCode() == 401 ? " (BOT_TOKEN is wrong: copy it from @BotFather)" :
                " (check BOT_TOKEN and BOT_API_URL)"));
        }
    }

    public UpdatePoller start()
    {
        thread.start();
        LOG.info("long polling from offset {} for {}", offset, allowedUpdates);
        return this;
    }

    /**
     * @return why polling stopped by itself (401, 409), or null while it runs or after a normal stop.
     */
    public String failure()
    {
        return failure;
    }

    /**
     * @return the next offset: every update below it was applied.
     */
    public long offset()
    {
        return confirmed.get();
    }

    private void run()
    {
        int failuresInARow = 0;
        try
        {
            while (running)
            {
                final ApiAnswer answer = await(client.call("getUpdates", "{\"offset\":" + offset + ",\"limit\":" + LIMIT +
                    ",\"timeout\":" + timeoutSeconds + ",\"allowed_updates\":" + allowedUpdates + "}"));
                if (answer == null)
                {
                    break; // stopping: whatever that call brings is not confirmed, so Telegram keeps it
                }
                if (answer.ok())
                {
                    failuresInARow = 0;
                    if (!apply(answer.resultJson()))
                    {
                        pause(BACKOFF_MIN_MILLIS); // the engine could not take them all: the rest comes again
                    }
                    continue;
                }
                final int code = answer.errorCode();
                if (code == 401 || code == 404)
                {
                    fail("Telegram refused BOT_TOKEN (" + code + " " + answer.description() +
                        "): copy the token from @BotFather");
                    return;
                }
                if (code == 409)
                {
                    fail("Telegram answered 409 " + answer.description() + ": another process polls with this token, " +
                        "or a webhook is set; stop the other instance (or run without --polling) and start again");
                    return;
                }
                errors.increment();
                LOG.warn("getUpdates failed ({}), retrying", answer);
                failuresInARow++;
                final long wait = answer.retryAfterSeconds() > 0 ?
                    Math.min(answer.retryAfterSeconds() * 1000L, maxPauseMillis) :
                    BACKOFF.delayMillis(failuresInARow);
                pause(wait);
            }
            confirm();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        catch (final RuntimeException ex)
        {
            fail("polling stopped: " + ex);
        }
    }

    /**
     * Publishes one batch and waits until the engine answered every update, then advances the offset.
     *
     * @return whether every update was applied.
     */
    private boolean apply(final String result) throws InterruptedException
    {
        if (result == null)
        {
            return true;
        }
        final byte[] bytes = result.getBytes(StandardCharsets.UTF_8);
        final int[] starts = new int[LIMIT];
        final int[] ends = new int[LIMIT];
        int n = 0;
        try (JsonParser p = JSON.createParser(bytes))
        {
            if (p.nextToken() != JsonToken.START_ARRAY)
            {
                throw new IllegalStateException("getUpdates result is not an array");
            }
            while (p.nextToken() == JsonToken.START_OBJECT && n < LIMIT)
            {
                starts[n] = (int)p.currentTokenLocation().getByteOffset();
                p.skipChildren();
                ends[n] = (int)p.currentLocation().getByteOffset();
                n++;
            }
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("getUpdates result is not JSON: " + ex.getMessage(), ex);
        }
        if (n == 0)
        {
            return true;
        }
        batch.begin(n);
        for (int i = 0; i < n; i++)
        {
            final int length = ends[i] - starts[i];
            batch.updateIds[i] = PollBatch.numberField(bytes, starts[i], ends[i], UPDATE_ID, -1);
            final long sequence = claim();
            final UpdateEvent slot = engine.slot(sequence);
            System.arraycopy(bytes, starts[i], slot.bodyBufferFor(length), 0, length);
            slot.type(UpdateEvent.UPDATE).responder(responder).connection(batch.entries[i]).keepAlive(false)
                .receivedNanos(System.nanoTime());
            engine.publish(sequence);
        }
        received.getAndAdd(n);
        while (!batch.await(BATCH_WAIT_MILLIS))
        {
            LOG.warn("the engine has not answered {} polled updates in {} ms; still waiting", n, BATCH_WAIT_MILLIS);
        }
        final long next = batch.confirmedOffset(offset);
        if (next != offset)
        {
            offset = next;
            writeOffset(offsetFile, next);
            confirmed.setRelease(next);
        }
        return batch.complete();
    }

    private long claim() throws InterruptedException
    {
        long sequence;
        while ((sequence = engine.tryClaim()) < 0)
        {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1)); // the ring is full: this thread may wait
            if (Thread.interrupted())
            {
                throw new InterruptedException();
            }
        }
        return sequence;
    }

    /** Telegram forgets the updates below the offset once a getUpdates with it arrives. */
    private void confirm()
    {
        if (offset <= 0)
        {
            return;
        }
        final ApiAnswer answer = WebhookRegistrar.call(client, "getUpdates",
            "{\"offset\":" + offset + ",\"limit\":1,\"timeout\":0,\"allowed_updates\":" + allowedUpdates + "}");
        LOG.info("offset {} confirmed to Telegram{}", offset, answer.ok() ? "" : " (failed: " + answer + ")");
    }

    private ApiAnswer await(final CompletableFuture<ApiAnswer> call) throws InterruptedException
    {
        while (running)
        {
            try
            {
                return call.get(200, TimeUnit.MILLISECONDS);
            }
            catch (final TimeoutException ex)
            {
                // still long-polling: look at running again
            }
            catch (final ExecutionException ex)
            {
                throw new IllegalStateException(ex.getCause());
            }
        }
        return null;
    }

    private void pause(final long millis) throws InterruptedException
    {
        final long end = System.currentTimeMillis() + millis;
        long left;
        while (running && (left = end - System.currentTimeMillis()) > 0)
        {
            Thread.sleep(Math.min(left, 200));
        }
    }

    private void fail(final String message)
    {
        failure = message;
        running = false;
        LOG.error(message);
    }

    /**
     * @return whether the polling thread has ended: after {@link #close()}, or by itself after a refusal.
     */
    public boolean stopped()
    {
        return !thread.isAlive();
    }

    /**
     * Stops polling: the batch in hand is finished and the offset confirmed (bounded wait).
     */
    public void close()
    {
        running = false;
        try
        {
            thread.join(BATCH_WAIT_MILLIS + 15_000);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    static long readOffset(final Path file)
    {
        try
        {
            return Files.exists(file) ? Math.max(0, Long.parseLong(Files.readString(file).trim())) : 0;
        }
        catch (final IOException | NumberFormatException ex)
        {
            LOG.warn("cannot read {} ({}): starting from Telegram's own offset", file, ex.toString());
            return 0;
        }
    }

    private static void writeOffset(final Path file, final long offset)
    {
        try
        {
            final Path temp = file.resolveSibling(OFFSET_FILE + ".tmp");
            Files.writeString(temp, Long.toString(offset));
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        catch (final IOException ex)
        {
            LOG.warn("cannot keep the polling offset in {}: {}", file, ex.toString());
        }
    }
}

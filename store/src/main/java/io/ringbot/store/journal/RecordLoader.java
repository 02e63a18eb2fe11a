package io.ringbot.store.journal;

import io.ringbot.store.status.CountersFile;
import io.ringbot.store.status.ErrorRecorder;
import io.ringbot.store.status.RingbotCounter;
import org.agrona.concurrent.status.AtomicCounter;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Reads a record that is not in the local store from the store of record, asynchronously: the caller
 * (the engine thread, on a cache miss) only hands the request over; the read, its timeout and the
 * callback run on the loader's own thread, so a slow Firestore never stalls the caller and callbacks
 * never run re-entrantly on it. Callbacks run one at a time, on that one thread.
 * <p>
 * Counts {@code LOADER_READS} per read sent and {@code LOADER_FAILED} per read failed or timed out.
 */
public final class RecordLoader implements AutoCloseable
{
    public static final String THREAD_NAME = "ringbot-loader";

    private final JournalSink sink;
    private final Duration readTimeout;
    private final ErrorRecorder errors;
    private final AtomicCounter readsCounter;
    private final AtomicCounter failedCounter;
    private final ExecutorService executor;

    /**
     * @param ctx  the configuration (concluded here): read timeout, counters.
     * @param sink where records are read from; not closed by this loader.
     */
    public RecordLoader(final JournalContext ctx, final JournalSink sink)
    {
        ctx.conclude();
        final CountersFile counters = ctx.requireCounters("RecordLoader");
        this.sink = sink;
        this.readTimeout = Duration.ofMillis(ctx.readTimeoutMs());
        this.errors = ctx.errorRecorder();
        this.readsCounter = counters.counter(RingbotCounter.LOADER_READS);
        this.failedCounter = counters.counter(RingbotCounter.LOADER_FAILED);
        this.executor = Executors.newSingleThreadExecutor(task ->
        {
            final Thread thread = new Thread(task, THREAD_NAME);
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Starts reading a record; returns at once. Allocates one small request object.
     *
     * @param type     the record's type.
     * @param id       the record's id.
     * @param callback told the outcome, on the loader's thread.
     * @return false when the loader is closed (no callback will come).
     */
    public boolean load(final RecordType type, final long id, final LoadCallback callback)
    {
        try
        {
            executor.execute(new Load(type, id, callback));
            return true;
        }
        catch (final RejectedExecutionException ex)
        {
            return false;
        }
    }

    /**
     * Stops taking requests and waits briefly for reads under way; their callbacks may not come.
     */
    public void close()
    {
        executor.shutdown();
        try
        {
            if (!executor.awaitTermination(readTimeout.toMillis() + 1000, TimeUnit.MILLISECONDS))
            {
                executor.shutdownNow();
            }
        }
        catch (final InterruptedException ex)
        {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * One request: runs the read on the loader's thread, then receives its outcome there.
     */
    private final class Load implements Runnable, BiConsumer<Optional<Map<String, Object>>, Throwable>
    {
        private final RecordType type;
        private final long id;
        private final LoadCallback callback;

        Load(final RecordType type, final long id, final LoadCallback callback)
        {
            this.type = type;
            this.id = id;
            this.callback = callback;
        }

        public void run()
        {
            readsCounter.incrementRelease(); // single writer: the loader thread
            try
            {
                sink.read(type, id, readTimeout).whenCompleteAsync(this, executor);
            }
            catch (final RuntimeException ex)
            {
                accept(null, ex);
            }
        }

        public void accept(final Optional<Map<String, Object>> document, final Throwable failure)
        {
            try
            {
                if (failure != null)
                {
                    failedCounter.incrementRelease();
                    callback.onFailed(type, id, failure instanceof CompletionException && failure.getCause() != null ?
                        failure.getCause() : failure);
                }
                else if (document.isPresent())
                {
                    callback.onLoaded(type, id, document.get());
                }
                else
                {
                    callback.onNotFound(type, id);
                }
            }
            catch (final RuntimeException ex)
            {
                if (errors != null)
                {
                    errors.onError("loader callback", ex);
                }
            }
        }
    }
}

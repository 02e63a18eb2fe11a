package io.ringbot.store.journal;

import io.ringbot.store.status.CountersFile;
import io.ringbot.store.status.RingbotCounter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class RecordLoaderTest
{
    @TempDir
    Path tmp;

    private CountersFile counters;
    private final InMemorySink sink = new InMemorySink();
    private RecordLoader loader;

    @BeforeEach
    void setUp()
    {
        counters = CountersFile.create(tmp);
        loader = new RecordLoader(new JournalContext().countersFile(counters).readTimeoutMs(100), sink);
    }

    @AfterEach
    void tearDown()
    {
        loader.close();
        sink.close();
        counters.close();
    }

    @Test
    void shouldLoadAStoredDocumentOnItsOwnThread() throws Exception
    {
        sink.put(RecordType.USER, 42, Map.of("id", 42L, "firstName", "Ann", "version", 3L));
        final Outcome outcome = new Outcome();

        loader.load(RecordType.USER, 42, outcome);

        assertEquals("loaded users 42 Ann", outcome.result.get(5, TimeUnit.SECONDS));
        assertNotEquals(Thread.currentThread().getName(), outcome.thread);
        assertEquals(RecordLoader.THREAD_NAME, outcome.thread);
        assertEquals(1, counters.counter(RingbotCounter.LOADER_READS).get());
        assertEquals(0, counters.counter(RingbotCounter.LOADER_FAILED).get());
    }

    @Test
    void shouldReportAMissingDocumentAsNotFound() throws Exception
    {
        final Outcome outcome = new Outcome();

        loader.load(RecordType.CHAT, -100, outcome);

        assertEquals("not found chats -100", outcome.result.get(5, TimeUnit.SECONDS));
    }

    @Test
    void shouldFailAReadThatTimesOut() throws Exception
    {
        sink.holdReads(true);
        final Outcome outcome = new Outcome();

        loader.load(RecordType.USER, 1, outcome);

        assertEquals("failed users 1", outcome.result.get(5, TimeUnit.SECONDS));
        assertInstanceOf(TimeoutException.class, outcome.reason);
        assertEquals(1, counters.counter(RingbotCounter.LOADER_FAILED).get());
    }

    @Test
    void shouldRefuseLoadsOnceClosed()
    {
        loader.close();
        assertFalse(loader.load(RecordType.USER, 1, new Outcome()));
    }

    private static final class Outcome implements LoadCallback
    {
        final CompletableFuture<String> result = new CompletableFuture<>();
        volatile String thread;
        volatile Throwable reason;

        public void onLoaded(final RecordType type, final long id, final Map<String, Object> fields)
        {
            thread = Thread.currentThread().getName();
            result.complete("loaded " + type + " " + id + " " + fields.get("firstName"));
        }

        public void onNotFound(final RecordType type, final long id)
        {
            thread = Thread.currentThread().getName();
            result.complete("not found " + type + " " + id);
        }

        public void onFailed(final RecordType type, final long id, final Throwable reason)
        {
            thread = Thread.currentThread().getName();
            this.reason = reason;
            result.complete("failed " + type + " " + id);
        }
    }
}

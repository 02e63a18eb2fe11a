package io.ringbot.store.journal;

import io.ringbot.store.StateStore;
import io.ringbot.store.StoreContext;
import io.ringbot.store.record.Record;
import io.ringbot.store.record.TestSchemas;
import io.ringbot.store.status.CountersFile;
import io.ringbot.store.status.RingbotCounter;
import org.agrona.concurrent.CachedEpochClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JournalAgentTest
{
    private static final long START_MS = 1_700_000_000_000L;

    @TempDir
    Path tmp;

    private StateStore store;
    private CountersFile counters;
    private final CachedEpochClock clock = new CachedEpochClock();
    private final InMemorySink sink = new InMemorySink();
    private JournalContext ctx;
    private ChangeLog changeLog;
    private TestEngine engine;
    private JournalAgent agent;

    @BeforeEach
    void setUp()
    {
        store = StateStore.open(new StoreContext().userSchema(TestSchemas.USERS).chatSchema(TestSchemas.CHATS).dataDir(tmp.resolve("data")).usersCapacity(10_000));
        counters = CountersFile.create(tmp);
        clock.update(START_MS);
        ctx = new JournalContext().epochClock(clock).countersFile(counters);
        useChangeLog(new ChangeLog(1 << 14));
    }

    @AfterEach
    void tearDown()
    {
        sink.close();
        store.close();
        counters.close();
    }

    @Test
    void shouldWriteChangedUserAndAcknowledgeItsVersion()
    {
        engine.changeUser(42, r ->
        {
            TestSchemas.FIRST_NAME.set(r, "Ann");
            TestSchemas.MESSAGE_COUNT.set(r, 3);
            r.firstSeenMillis(START_MS);
        });

        agent.doWork();

        final Map<String, Object> doc = sink.document(RecordType.USER, 42);
        assertNotNull(doc);
        assertEquals("Ann", doc.get("firstName"));
        assertEquals(3L, doc.get("messageCount"));
        assertEquals(1L, doc.get("version"));
        assertEquals(List.of(new TestEngine.Ack(RecordType.USER, 42, 1)), engine.acks);
        assertEquals(1, engine.syncedVersion(RecordType.USER, 42));
        assertEquals(0, agent.pendingCount());
        assertEquals(1, counter(RingbotCounter.JOURNAL_WRITES));
        assertEquals(1, counter(RingbotCounter.JOURNAL_COMMITS));
        assertEquals(0, counter(RingbotCounter.JOURNAL_PENDING));
    }

    @Test
    void shouldWriteUsersAndChatsToTheirOwnCollections()
    {
        engine.changeUser(-5, r -> TestSchemas.USERNAME.set(r, "same_id_as_chat"));
        engine.changeChat(-5, r ->
        {
            TestSchemas.TYPE.set(r, "supergroup");
            TestSchemas.TITLE.set(r, "Ringbot fans");
        });

        agent.doWork();

        assertEquals("same_id_as_chat", sink.document(RecordType.USER, -5).get("username"));
        assertEquals("supergroup", sink.document(RecordType.CHAT, -5).get("type"));
        assertEquals(1, engine.acksFor(RecordType.USER, -5));
        assertEquals(1, engine.acksFor(RecordType.CHAT, -5));
        assertEquals(1, sink.commits(), "both in one commit");
    }

    @Test
    void shouldCoalesceAThousandChangesWithinTheIntervalIntoOneWrite()
    {
        for (int i = 0; i < 1000; i++)
        {
            engine.touchUser(7);
            clock.advance(1);
        }

        agent.doWork();

        assertEquals(1, sink.writes());
        assertEquals(1000L, sink.document(RecordType.USER, 7).get("version"));
        assertEquals(List.of(new TestEngine.Ack(RecordType.USER, 7, 1000)), engine.acks);
    }

    @Test
    void shouldWriteADocumentAtMostOncePerIntervalWhileItKeepsChanging()
    {
        for (int i = 0; i < 1000; i++)
        {
            engine.touchUser(7);
            agent.doWork();
            clock.advance(1);
        }
        assertEquals(1, sink.writes(), "one write in the second of 1,000 changes");
        assertEquals(1L, sink.document(RecordType.USER, 7).get("version"));

        agent.doWork();

        assertEquals(2, sink.writes(), "the latest state once the interval has passed");
        assertEquals(1000L, sink.document(RecordType.USER, 7).get("version"));
        assertEquals(new TestEngine.Ack(RecordType.USER, 7, 1000), engine.acks.get(engine.acks.size() - 1));
        assertEquals(0, agent.pendingCount());
    }

    @Test
    void shouldCommitAtMost500WritesPerCommit()
    {
        for (int id = 1; id <= 1201; id++)
        {
            engine.touchUser(id);
        }

        agent.doWork();

        assertEquals(List.of(500, 500, 201), sink.commitSizes());
        assertEquals(1201, engine.acks.size());
        assertEquals(1201, counter(RingbotCounter.JOURNAL_WRITES));
        assertEquals(3, counter(RingbotCounter.JOURNAL_COMMITS));
    }

    @Test
    void shouldKeepCommitsInFlightWithinTheLimit()
    {
        ctx.maxBatch(10).maxCommitsInFlight(2);
        agent = newAgent();
        sink.holdCommits(true);
        for (int id = 1; id <= 100; id++)
        {
            engine.touchUser(id);
        }

        agent.doWork();
        clock.advance(ctx.flushIntervalMs());
        agent.doWork();

        assertEquals(2, sink.heldCount());
        assertEquals(2, agent.commitsInFlight());

        sink.holdCommits(false);
        sink.releaseHeld();
        for (int i = 0; i < 100 && agent.pendingCount() > 0; i++)
        {
            agent.doWork();
            assertTrue(agent.commitsInFlight() <= 2);
        }

        assertEquals(100, sink.writes());
        assertEquals(100, engine.acks.size());
        assertTrue(sink.commitSizes().stream().allMatch(size -> size <= 10), sink.commitSizes().toString());
    }

    @Test
    void shouldRetryAFailedCommitAfterAnExponentialBackoff()
    {
        ctx.retryBackoffInitialMs(100).retryBackoffMaxMs(10_000);
        agent = newAgent();
        sink.failNextCommits(2, new IllegalStateException("UNAVAILABLE: injected"));
        engine.touchUser(1);

        agent.doWork();
        assertEquals(1, counter(RingbotCounter.JOURNAL_COMMITS_FAILED));
        assertEquals(1, agent.pendingCount(), "a failed record stays pending");
        assertTrue(engine.acks.isEmpty());

        clock.advance(49); // first backoff: 50..100 ms
        agent.doWork();
        assertEquals(1, counter(RingbotCounter.JOURNAL_COMMITS_FAILED), "no retry before the backoff");

        clock.advance(51);
        agent.doWork();
        assertEquals(2, counter(RingbotCounter.JOURNAL_COMMITS_FAILED), "retried, failed again");

        clock.advance(99); // second backoff: 100..200 ms
        agent.doWork();
        assertEquals(0, sink.writes());
        assertEquals(2, counter(RingbotCounter.JOURNAL_COMMITS_FAILED));

        clock.advance(101);
        agent.doWork();
        assertEquals(1, sink.writes());
        assertEquals(List.of(new TestEngine.Ack(RecordType.USER, 1, 1)), engine.acks);
        assertEquals(0, agent.pendingCount());
    }

    @Test
    void shouldTimeOutAnUnacknowledgedCommitAndWriteItAgain()
    {
        ctx.commitTimeoutMs(5_000).retryBackoffInitialMs(100).retryBackoffMaxMs(100);
        agent = newAgent();
        sink.holdCommits(true);
        engine.touchUser(1);
        agent.doWork();
        assertEquals(1, sink.heldCount());

        clock.advance(5_000);
        agent.doWork();
        assertEquals(1, counter(RingbotCounter.JOURNAL_COMMITS_FAILED));
        assertEquals(0, agent.commitsInFlight());
        assertEquals(1, agent.pendingCount());

        sink.holdCommits(false);
        clock.advance(100);
        agent.doWork();
        assertEquals(1, sink.writes());

        sink.releaseHeld(); // the timed-out commit was cancelled: its late answer changes nothing
        agent.doWork();
        assertEquals(1, sink.writes());
        assertEquals(List.of(new TestEngine.Ack(RecordType.USER, 1, 1)), engine.acks);
    }

    @Test
    void shouldKeepARecordPendingWhenItChangesWhileItsWriteIsInFlight()
    {
        sink.holdCommits(true);
        engine.touchUser(9);
        agent.doWork();
        engine.touchUser(9); // dirty to dirty: the engine offers nothing

        sink.holdCommits(false);
        sink.releaseHeld();
        agent.doWork();
        assertEquals(List.of(new TestEngine.Ack(RecordType.USER, 9, 1)), engine.acks);
        assertEquals(1, agent.pendingCount());

        clock.advance(ctx.minWriteIntervalMs());
        agent.doWork();

        assertEquals(2L, sink.document(RecordType.USER, 9).get("version"));
        assertEquals(new TestEngine.Ack(RecordType.USER, 9, 2), engine.acks.get(1));
        assertEquals(0, agent.pendingCount());
    }

    @Test
    void shouldRescanTheMapsAfterTheChangeLogOverflowed()
    {
        useChangeLog(new ChangeLog(ChangeLog.MIN_CAPACITY));
        for (int id = 1; id <= 100; id++)
        {
            engine.touchUser(id);
        }
        assertTrue(changeLog.overflowed());

        agent.doWork();

        assertEquals(100, sink.writes());
        assertEquals(100, engine.acks.size());
        assertFalse(changeLog.overflowed());
        assertEquals(0, agent.pendingCount());
    }

    @Test
    void shouldWriteNothingWhenNothingChanged()
    {
        engine.touchUser(1);
        agent.onStart();
        agent.doWork();
        assertEquals(1, sink.writes());

        changeLog.offer(RecordType.USER, 1); // a clean record offered again
        changeLog.offer(RecordType.USER, 404); // a record that does not exist
        for (int i = 0; i < 50; i++)
        {
            clock.advance(100);
            agent.doWork();
        }

        assertEquals(1, sink.writes());
        assertEquals(1, sink.commits());
        assertEquals(0, agent.pendingCount());
        assertTrue(agent.isSynced());
    }

    @Test
    void shouldWriteRecordsLeftUnsyncedBeforeARestart()
    {
        engine.touchUser(5);
        engine.touchUser(6);
        final Record synced = store.users().acquire(6);
        synced.orderedSyncedVersion(synced.version()); // 6 reached Firestore before the crash
        store.close();

        store = StateStore.open(new StoreContext().userSchema(TestSchemas.USERS).chatSchema(TestSchemas.CHATS).dataDir(tmp.resolve("data")).usersCapacity(10_000));
        useChangeLog(new ChangeLog(1024)); // the old process's change log is gone
        agent.onStart();
        agent.doWork();

        assertNotNull(sink.document(RecordType.USER, 5));
        assertEquals(null, sink.document(RecordType.USER, 6));
        assertEquals(List.of(new TestEngine.Ack(RecordType.USER, 5, 1)), engine.acks);
    }

    @Test
    void shouldLeaveARecordTheEngineIsWritingForTheNextRound()
    {
        ctx.snapshotAttempts(3);
        agent = newAgent();
        final Record r = store.users().acquire(3);
        r.id(3);
        r.orderedSeq(1); // the engine is between its two seq writes
        r.orderedVersion(1);
        changeLog.offer(RecordType.USER, 3);

        agent.doWork();
        assertEquals(0, sink.writes());
        assertEquals(1, agent.snapshotsBusy());
        assertEquals(1, agent.pendingCount());

        r.orderedSeq(2);
        clock.advance(ctx.flushIntervalMs());
        agent.doWork();
        assertEquals(1, sink.writes());
    }

    @Test
    void shouldFlushPendingRecordsOnShutdownWithoutWaitingForTheInterval()
    {
        engine.touchUser(1);
        agent.doWork();
        engine.touchUser(1);
        engine.changeChat(-10, c -> TestSchemas.TITLE.set(c, "t"));
        agent.doWork();
        assertEquals(1, sink.writes(), "user 1 waits for its interval");

        assertTrue(agent.flush(Duration.ofSeconds(5)));

        assertEquals(2L, sink.document(RecordType.USER, 1).get("version"));
        assertNotNull(sink.document(RecordType.CHAT, -10));
        assertTrue(agent.isSynced());
        assertEquals(2, engine.syncedVersion(RecordType.USER, 1));
    }

    @Test
    void shouldReportAFlushThatCouldNotFinish()
    {
        sink.failNextCommits(Integer.MAX_VALUE, new IllegalStateException("UNAVAILABLE: injected"));
        engine.touchUser(1);

        assertFalse(agent.flush(Duration.ofMillis(200)));
        assertEquals(1, agent.pendingCount());
    }

    @Test
    void shouldCountPendingRecordsTheirAgeAndCommitLatency()
    {
        sink.holdCommits(true);
        engine.touchUser(1);
        engine.touchUser(2);
        agent.doWork();
        assertEquals(2, counter(RingbotCounter.JOURNAL_PENDING));

        clock.advance(1_500);
        agent.doWork();
        assertEquals(2, counter(RingbotCounter.JOURNAL_PENDING));
        assertEquals(1_500, counter(RingbotCounter.JOURNAL_OLDEST_PENDING_MS));

        sink.releaseHeld();
        agent.doWork();
        assertEquals(0, counter(RingbotCounter.JOURNAL_PENDING));
        assertEquals(0, counter(RingbotCounter.JOURNAL_OLDEST_PENDING_MS));
        assertEquals(2, counter(RingbotCounter.JOURNAL_WRITES));
        assertEquals(1_500, agent.lastCommitLatencyMs());
        assertEquals(1_500, agent.maxCommitLatencyMs());
    }

    @Test
    void shouldJournalAFurtherRecordTypeToItsOwnCollectionAndFindItAgainAfterARestart()
    {
        final StoreContext withOrders = new StoreContext().userSchema(TestSchemas.USERS).chatSchema(TestSchemas.CHATS)
            .furtherSchemas(List.of(TestSchemas.ORDERS)).dataDir(tmp.resolve("orders-data")).usersCapacity(100);
        final RecordType orders;
        try (StateStore shop = StateStore.open(withOrders))
        {
            orders = shop.type(TestSchemas.ORDERS);
            assertEquals(2, orders.index());
            assertEquals("orders", orders.collection());
            final TestEngine shopEngine = new TestEngine(shop, changeLog);
            shopEngine.change(orders, 5, r -> TestSchemas.ORDER_AMOUNT.set(r, 1999));
            shopEngine.touchUser(5);
            final JournalAgent shopAgent = new JournalAgent(ctx, shop, changeLog, sink, shopEngine);
            shopAgent.doWork();

            assertEquals(1999L, sink.document(orders, 5).get("amountCents"));
            assertEquals(null, sink.document(orders, 5).get("messageCount"), "the order's own fields, not the user's");
            assertEquals(1L, sink.document(RecordType.USER, 5).get("messageCount"));
            assertEquals(1, shopEngine.acksFor(orders, 5));
            assertEquals(1, shopEngine.syncedVersion(orders, 5));

            // changed while no journal runs (no offer): the next start's rescan finds it
            final Record order = shop.table(orders).acquire(6);
            order.beginWrite();
            order.id(6);
            TestSchemas.ORDER_ITEM.set(order, "tea");
            order.endWrite();
        }
        try (StateStore shop = StateStore.open(withOrders))
        {
            final TestEngine shopEngine = new TestEngine(shop, changeLog);
            final JournalAgent shopAgent = new JournalAgent(ctx, shop, changeLog, sink, shopEngine);
            shopAgent.onStart();
            shopAgent.doWork();
            assertEquals("tea", sink.document(orders, 6).get("itemName"));
            assertEquals(1999L, sink.document(orders, 5).get("amountCents"));
            assertEquals(List.of(new TestEngine.Ack(shop.type(TestSchemas.ORDERS), 6, 1)), shopEngine.acks);
            assertTrue(shopAgent.isSynced());
        }
    }

    private void useChangeLog(final ChangeLog log)
    {
        changeLog = log;
        engine = new TestEngine(store, changeLog);
        agent = newAgent();
    }

    private JournalAgent newAgent()
    {
        return new JournalAgent(ctx, store, changeLog, sink, engine);
    }

    private long counter(final RingbotCounter c)
    {
        return counters.counter(c).get();
    }
}

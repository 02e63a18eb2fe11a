package io.ringbot.engine.load;

import io.ringbot.bot.Bot;
import io.ringbot.bot.RecordState;
import io.ringbot.engine.EngineHarness;
import io.ringbot.engine.reference.ReferenceBot;
import io.ringbot.engine.ring.UpdateEvent;
import io.ringbot.engine.shop.ShopBot;
import io.ringbot.store.journal.DocumentEncoder;
import io.ringbot.store.journal.RecordType;
import io.ringbot.store.record.Record;
import io.ringbot.store.record.RecordMaps;
import io.ringbot.store.record.RecordTable;
import io.ringbot.store.status.RingbotCounter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.ringbot.engine.EngineHarness.reply;
import static io.ringbot.engine.EngineHarness.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A store at its capacity, through the engine over real Chronicle Map files: with Firestore off an update
 * whose new record does not fit is refused (503) with nothing of it kept and applied when delivered again once
 * there is room; with Firestore on (stood in for here by acknowledging every change and serving the reads from
 * a map) synced idle records are evicted and read back, and every count stays exact.
 */
class StoreRoomTest
{
    private static final long FILL_FROM = 5_000_000;

    @TempDir
    Path dir;

    @Test
    void shouldRefuseAnUpdateWhoseNewUserDoesNotFitAndApplyItsRedeliveryOnceThereIsRoom()
    {
        final long refusedUser;
        final String refusedUpdate;
        try (EngineHarness engine = new EngineHarness(dir, 50, null))
        {
            long user = 0;
            UpdateEvent e;
            do
            {
                user++;
                e = engine.send(text(user, 10_000 + user, "hi"));
                if (e.status() == 200)
                {
                    assertTrue(reply(e).contains("count=1"), reply(e));
                }
            }
            while (e.status() == 200 && user < 10_000);
            assertEquals(503, e.status(), "the store fills at last");
            assertTrue(reply(e).contains("no room"), reply(e));
            refusedUser = 10_000 + user;
            refusedUpdate = text(user, refusedUser, "hi");
            assertNull(engine.store().users().find(refusedUser), "nothing of the refused update is kept");
            assertNull(engine.store().chats().find(refusedUser), "nor its chat");
            assertEquals(1, engine.counter(RingbotCounter.ENGINE_STORE_FULL));
            assertEquals(user - 1, engine.counter(RingbotCounter.ENGINE_UPDATES), "a refused update is not handled");
            assertEquals(user - 1, engine.counter(RingbotCounter.STORE_USERS_CREATED), "users kept, counted exactly");
            assertEquals(user - 1, engine.store().users().size());
            assertTrue(engine.counter(RingbotCounter.STORE_FULL_TABLES) != 0, "the full table is published for /healthz");
            assertEquals(0, engine.counter(RingbotCounter.STORE_EVICTIONS), "Firestore is off: nothing is evicted");

            final UpdateEvent known = engine.send(text(user + 1, 10_001, "hi"));
            assertEquals(200, known.status(), "a user the store holds goes on");
            assertTrue(reply(known).contains("count=2"), reply(known));

            final UpdateEvent again = engine.send(refusedUpdate);
            assertEquals(503, again.status(), "its redelivery is refused while there is no room");
            assertEquals(0, engine.counter(RingbotCounter.ENGINE_DUPLICATES), "and not taken for a duplicate");
        }
        try (EngineHarness engine = new EngineHarness(dir, 50, null))
        {
            // room made (the operator's action; a larger USERS_CAPACITY once the table can grow to it)
            engine.store().users().remove(10_002);
            engine.store().chats().remove(10_002);
            final UpdateEvent redelivered = engine.send(refusedUpdate);
            assertEquals(200, redelivered.status(), "after a restart with room the redelivery applies");
            assertTrue(reply(redelivered).contains("count=1"), reply(redelivered));
            assertEquals(1, ReferenceBot.USER_MESSAGES.get(engine.store().users().find(refusedUser)));
            assertEquals(200, engine.send(refusedUpdate).status());
            assertEquals(1, engine.counter(RingbotCounter.ENGINE_DUPLICATES), "once: the next one is a duplicate");
            assertEquals(1, ReferenceBot.USER_MESSAGES.get(engine.store().users().find(refusedUser)));
        }
    }

    @Test
    void shouldRefuseAnUpdateWhoseHandlerAsksForAnotherUserThatDoesNotFitAndKeepNothingOfIt()
    {
        final Bot bot = new Bot()
            .command("give", ctx ->
            {
                ctx.user().add(ReferenceBot.USER_MESSAGES, 100);
                ctx.sendMessage().text().append("giving");
                RecordState other;
                try
                {
                    other = ctx.user(77_777);
                }
                catch (final IllegalStateException swallowed)
                {
                    // a careless bot goes on: the update must be refused all the same
                    ctx.sendMessage().text().append("went on");
                    return;
                }
                other.add(ReferenceBot.USER_MESSAGES, 1);
            });
        try (EngineHarness engine = new EngineHarness(dir, 50, bot))
        {
            final UpdateEvent first = engine.send(text(1, 42, "/give"));
            assertEquals(200, first.status());
            final RecordTable users = engine.store().users();
            users.remove(77_777);
            final Record sender = users.find(42);
            final long messages = ReferenceBot.USER_MESSAGES.get(sender);
            final long version = sender.version();
            fill(users);

            final UpdateEvent e = engine.send(text(2, 42, "/give"));
            assertEquals(503, e.status());
            assertFalse(reply(e).contains("giving") || reply(e).contains("went on"), "no reply of the refused update");
            final Record after = users.find(42);
            assertEquals(messages, ReferenceBot.USER_MESSAGES.get(after), "the sender's change was put back");
            assertTrue(after.version() > version, "as a new version, so the journal writes the put-back state");
            assertEquals(0, after.seq() & 1, "no seqlock left open");
            assertNull(users.find(77_777));
            assertFalse(engine.store().undoLog().isSet());
            assertEquals(1, engine.counter(RingbotCounter.ENGINE_STORE_FULL));
            assertEquals(0, engine.counter(RingbotCounter.ENGINE_HANDLER_ERRORS), "a refusal is not a handler error");

            users.remove(FILL_FROM);
            final UpdateEvent redelivered = engine.send(text(2, 42, "/give"));
            assertEquals(200, redelivered.status());
            assertEquals(messages + 100, ReferenceBot.USER_MESSAGES.get(users.find(42)), "applied once");
            assertEquals(1, ReferenceBot.USER_MESSAGES.get(users.find(77_777)));
        }
    }

    @Test
    void shouldRefuseAnOrderThatDoesNotFitItsTable()
    {
        try (EngineHarness engine = EngineHarness.withBotRecords(dir, 50, ShopBot.create(), null, 16))
        {
            assertEquals(200, engine.send(text(1, 42, "/order 1 500")).status());
            final RecordTable orders = engine.store().table(engine.store().type(ShopBot.ORDERS));
            fill(orders);
            final long sizeBefore = orders.size();
            final long userVersion = engine.store().users().find(42).version();

            final UpdateEvent e = engine.send(text(2, 42, "/order 987654 9"));
            assertEquals(503, e.status(), "the wallet's or shop's own record types are refused the same way");
            assertNull(orders.find(987_654));
            assertEquals(sizeBefore, orders.size());
            assertEquals(userVersion, engine.store().users().find(42).version(), "the sender was not changed");
            assertTrue((engine.counter(RingbotCounter.STORE_FULL_TABLES) & (1L << engine.store().type(ShopBot.ORDERS).index())) != 0,
                "the orders table is published full");
        }
    }

    @Test
    void shouldEvictSyncedIdleRecordsAndReadThemBackWithEveryCountExact()
    {
        final Firestore firestore = new Firestore();
        try (EngineHarness engine = new EngineHarness(dir, 100, null, firestore::request, 64))
        {
            firestore.engine = engine;
            final int users = 1_000;
            for (int round = 1; round <= 3; round++)
            {
                for (int u = 1; u <= users; u++)
                {
                    final String answer = firestore.deliver(text(round * 10_000L + u, u, "hi"));
                    assertTrue(answer.contains("count=" + round) && answer.endsWith("status=200"),
                        "user " + u + " round " + round + ": " + answer);
                }
            }
            final long evictions = engine.counter(RingbotCounter.STORE_EVICTIONS);
            assertTrue(evictions >= 2 * users, "evicted " + evictions);
            assertTrue(engine.counter(RingbotCounter.STORE_READ_BACKS) >= users, "read back");
            assertTrue(engine.store().users().size() <= 150, "the users table stays near its high-water mark: " +
                engine.store().users().size());
            for (int u = 1; u <= users; u++)
            {
                final Record local = engine.store().users().find(u);
                final long count = local != null ? ReferenceBot.USER_MESSAGES.get(local) :
                    ((Number)firestore.docs.get("users:" + u).get(ReferenceBot.USER_MESSAGES.documentName())).longValue();
                assertEquals(3, count, "user " + u);
            }
            assertEquals(0, engine.counter(RingbotCounter.STORE_FULL_TABLES));
        }
    }

    @Test
    void shouldNeverEvictARecordFirestoreHasNotAcknowledgedAndRefuseUntilItDoes()
    {
        final Firestore firestore = new Firestore();
        try (EngineHarness engine = new EngineHarness(dir, 50, null, firestore::request, 64))
        {
            firestore.engine = engine;
            firestore.down = true;
            int u = 0;
            String answer;
            do
            {
                u++;
                answer = firestore.deliver(text(u, u, "hi"));
            }
            while (answer.endsWith("status=200") && u < 10_000);
            assertTrue(answer.endsWith("status=503"), answer);
            assertEquals(0, engine.counter(RingbotCounter.STORE_EVICTIONS), "nothing synced: nothing evicted");
            assertTrue(engine.counter(RingbotCounter.STORE_FULL_TABLES) != 0);
            assertNull(engine.store().users().find(u));

            firestore.down = false;
            firestore.syncAll();
            int deliveries = 0;
            do
            {
                deliveries++;
                answer = firestore.deliver(text(u, u, "hi")); // Telegram delivers it again after Retry-After
            }
            while (answer.endsWith("status=503") && deliveries < 10);
            assertTrue(answer.contains("count=1") && answer.endsWith("status=200"), answer);
            assertTrue(deliveries <= 2, "room is made within a step of the refusal: " + deliveries + " deliveries");
            assertTrue(engine.counter(RingbotCounter.STORE_EVICTIONS) > 0, "acknowledged records are evicted");
            assertEquals(0, engine.counter(RingbotCounter.STORE_FULL_TABLES), "and the tables have room again");
            assertEquals(1, ReferenceBot.USER_MESSAGES.get(engine.store().users().find(u)), "applied once");
        }
    }

    @Test
    void shouldEvictWithoutAllocatingOnceItsArraysHaveGrown()
    {
        final Firestore firestore = new Firestore();
        try (EngineHarness engine = new EngineHarness(dir, 2_000, null, firestore::request, 64))
        {
            firestore.engine = engine;
            for (int u = 1; u <= 1_900; u++)
            {
                engine.send(text(u, u, "hi"));
                firestore.answerReads();
            }
            firestore.syncAll();
            final org.agrona.concurrent.status.CountersManager counters = new org.agrona.concurrent.status.CountersManager(
                new org.agrona.concurrent.UnsafeBuffer(new byte[64 * 1024]), new org.agrona.concurrent.UnsafeBuffer(new byte[16 * 1024]));
            final org.agrona.concurrent.status.AtomicCounter evictions = counters.newCounter("evictions");
            final StoreRoom room = new StoreRoom(engine.store().tables(), true, null, evictions,
                counters.newCounter("full"), new io.ringbot.store.status.ErrorRecorder(counters.newCounter("errors"), null));
            final RecordTable users = engine.store().users();
            room.onFull(RecordType.USER.index());
            assertTrue(room.doWork() > 0, "the first step evicts (and grows its arrays)");
            final com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean)java.lang.management.ManagementFactory.getThreadMXBean();
            long allocated = 0;
            int evicted = 0;
            long id = FILL_FROM;
            for (int round = 0; round < 300; round++)
            {
                while (users.size() < 1_900)
                {
                    users.tryAcquire(id++); // unclaimed, version 0 == synced: evictable
                }
                final long before = threads.getCurrentThreadAllocatedBytes();
                room.onFull(RecordType.USER.index());
                evicted = room.doWork();
                allocated = threads.getCurrentThreadAllocatedBytes() - before;
            }
            assertTrue(evicted > 0, "evicted " + evicted);
            assertTrue(allocated < 256, "allocated " + allocated + " bytes in a step that evicted " + evicted);
        }
    }

    @Test
    void shouldSelectTheValueOfEachRank()
    {
        final Random random = new Random(7);
        for (int n = 1; n < 200; n++)
        {
            final long[] values = new long[n];
            for (int i = 0; i < n; i++)
            {
                values[i] = random.nextInt(50);
            }
            final long[] sorted = values.clone();
            Arrays.sort(sorted);
            for (int rank = 0; rank < n; rank++)
            {
                assertEquals(sorted[rank], StoreRoom.kthSmallest(values.clone(), n, rank), "n=" + n + " rank=" + rank);
            }
        }
    }

    /** Fills a table with unclaimed records until it refuses one. */
    private static void fill(final RecordTable table)
    {
        long id = FILL_FROM;
        while (table.tryAcquire(id) != null)
        {
            id++;
        }
        assertNull(table.tryAcquire(id + 1_000_003), "full");
    }

    /**
     * Firestore as the engine sees it: every change is acknowledged after its update (unless down), each
     * document kept in a map, and reads answered from it, as the journal and the loader would.
     */
    private static final class Firestore
    {
        final Map<String, Map<String, Object>> docs = new HashMap<>();
        final ArrayDeque<String> reads = new ArrayDeque<>();
        final DocumentEncoder encoder = new DocumentEncoder();
        EngineHarness engine;
        boolean down;

        boolean request(final RecordType type, final long id)
        {
            return reads.add(type.collection() + ":" + id);
        }

        /** Delivers an update, answers its reads, acknowledges its changes; returns its answer. */
        String deliver(final String update)
        {
            final int before = engine.answered();
            engine.send(update);
            answerReads();
            assertEquals(before + 1, engine.answered(), "answered");
            if (!down)
            {
                syncAll();
            }
            return engine.answers().get(engine.answers().size() - 1);
        }

        void answerReads()
        {
            while (!reads.isEmpty())
            {
                final String read = reads.poll();
                final String name = read.substring(0, read.indexOf(':'));
                final long id = Long.parseLong(read.substring(read.indexOf(':') + 1));
                final RecordType type = "users".equals(name) ? RecordType.USER : RecordType.CHAT;
                engine.deliver(UpdateEvent.RECORD_LOADED, new LoadedRecord(type, id, docs.get(read), false));
            }
        }

        void syncAll()
        {
            final RecordTable[] tables = engine.store().tables();
            for (int t = 0; t < tables.length; t++)
            {
                final String name = tables[t].schema().name();
                final List<Long> dirty = new ArrayList<>();
                RecordMaps.forEach(tables[t].map(), Record.flyweight(tables[t].schema()), (id, r) ->
                {
                    if (!r.isSynced())
                    {
                        docs.put(name + ":" + id, encoder.encode(r));
                        dirty.add(id);
                    }
                });
                for (final long id : dirty)
                {
                    final Record r = tables[t].find(id);
                    r.orderedSyncedVersion(r.version());
                }
            }
        }
    }
}

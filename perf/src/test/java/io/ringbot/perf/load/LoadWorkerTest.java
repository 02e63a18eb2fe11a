package io.ringbot.perf.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Drives the worker directly with a simulated clock and fake connections: no threads, no sockets.
 */
class LoadWorkerTest
{
    private static final long MS = 1_000_000L;
    private static final long START = 10_000 * MS;

    private final LoadStats stats = new LoadStats();
    private final AtomicLong updateIds = new AtomicLong(5_000);
    private final UpdateTemplates templates = new UpdateTemplates();
    private final Map<Long, Long> serverCounts = new HashMap<>();

    @Test
    void shouldSendExactlyWhatIsDueInAnOpenLoop()
    {
        final LoadWorker worker = worker(100, "text=1");
        final List<FakeConnection> connections = connect(worker, 16);
        worker.start(new OpenLoopSchedule(START, 1000, 1, 0), Long.MAX_VALUE, START);
        answerAll(worker, connections, START);

        worker.tick(START + 10 * MS);
        answerAll(worker, connections, START + 10 * MS);

        assertEquals(11, stats.sent());
        assertEquals(START + 11 * MS, worker.nextDueNanos());
    }

    @Test
    void shouldCorrectForCoordinatedOmission()
    {
        // 1000 req/s on one connection, answered in 0.2 ms, except one answer that takes 200 ms: the slots
        // due during the stall queue up and then drain at 5,000/s. A tool that timed from the write would
        // see one slow request; from the intended times, about a tenth of all requests are late.
        final LoadWorker worker = worker(1000, "text=1");
        final FakeConnection connection = connect(worker, 1).get(0);
        worker.start(new OpenLoopSchedule(START, 1000, 1, 0), Long.MAX_VALUE, START);
        final long step = MS / 10;
        final long end = START + 2_000 * MS;
        long answerAt = START + 2 * step; // start() sent the first request
        for (long now = START; now <= end; now += step)
        {
            if (connection.inFlight == null)
            {
                worker.tick(now);
                if (connection.inFlight != null)
                {
                    final boolean stall = now >= START + 500 * MS && stats.sent() == 501;
                    answerAt = now + (stall ? 200 * MS : 2 * step);
                }
            }
            else
            {
                worker.tick(now);
            }
            if (now >= answerAt)
            {
                answerAt = Long.MAX_VALUE;
                connection.answer(worker, 200, now);
                if (connection.inFlight != null)
                {
                    answerAt = now + 2 * step;
                }
            }
        }

        final Histogram latency = stats.takeLatencyInterval(null);
        final Histogram serviceTime = stats.takeServiceTimeInterval(null);
        assertEquals(0, stats.noIdleUser());
        assertEquals(0, stats.checkFailures());
        assertTrue(latency.getTotalCount() > 1_900, "answered " + latency.getTotalCount());
        assertTrue(serviceTime.getValueAtPercentile(99) < MS, "service time p99 stays small");
        assertTrue(latency.getValueAtPercentile(99) > 100 * MS,
            "latency p99 shows the stall: " + latency.getValueAtPercentile(99) / MS + " ms");
        assertTrue(latency.getValueAtPercentile(50) < MS, "the median is untouched");
        assertTrue(latency.getMaxValue() >= 199 * MS);
    }

    @Test
    void shouldSendEverySlotUpToTheEndEvenWhenStoppedLate()
    {
        final LoadWorker worker = worker(100, "text=1");
        final List<FakeConnection> connections = connect(worker, 100);
        worker.start(new OpenLoopSchedule(START, 1000, 1, 0), START + 20 * MS, START);

        worker.tick(START + 5 * MS);
        worker.stop(START + 500 * MS); // the event loop was late: slots 6 to 20 are still due, 21 on are not

        assertEquals(21, stats.sent());
        assertEquals(Long.MAX_VALUE, worker.nextDueNanos());
        answerAll(worker, connections, START + 501 * MS);
        assertTrue(worker.isDrained());
    }

    @Test
    void shouldSkipASlotWhenEveryUserHasARequestInFlight()
    {
        final LoadWorker worker = worker(2, "text=1");
        connect(worker, 1);
        worker.start(new OpenLoopSchedule(START, 1000, 1, 0), Long.MAX_VALUE, START);

        worker.tick(START + 10 * MS);

        assertEquals(1, stats.sent(), "one connection carries one request");
        assertEquals(9, stats.noIdleUser(), "11 slots due, 2 users, both busy");
    }

    @Test
    void shouldNeverHaveTwoRequestsOfOneUserInFlight()
    {
        final LoadWorker worker = worker(3, "text=1");
        final List<FakeConnection> connections = connect(worker, 8);
        worker.start(null, Long.MAX_VALUE, START);

        final Set<Long> users = new HashSet<>();
        for (final FakeConnection c : connections)
        {
            if (c.inFlight != null)
            {
                assertTrue(users.add(c.inFlight.userId), "user " + c.inFlight.userId + " twice");
            }
        }
        assertEquals(3, users.size());
        assertEquals(3, stats.sent());
    }

    @Test
    void shouldKeepEveryConnectionBusyInAClosedLoop()
    {
        final LoadWorker worker = worker(50, TrafficMix.DEFAULT);
        final List<FakeConnection> connections = connect(worker, 4);
        worker.start(null, Long.MAX_VALUE, START);

        for (int round = 1; round <= 25; round++)
        {
            answerAll(worker, connections, START + round * MS);
            assertTrue(connections.stream().allMatch(c -> c.inFlight != null), "round " + round);
        }
        assertEquals(4 * 26, stats.sent());
        assertEquals(4 * 25, stats.answered());
        assertTrue(stats.checked() > 50, "text, /start and callbacks were checked");
        assertEquals(0, stats.checkFailures());
        assertEquals(0, stats.errors());
    }

    @Test
    void shouldSendGloballyIncreasingUpdateIdsInValidJson() throws IOException
    {
        final LoadWorker worker = worker(20, TrafficMix.DEFAULT);
        final List<FakeConnection> connections = connect(worker, 3);
        worker.start(null, Long.MAX_VALUE, START);
        for (int round = 1; round <= 30; round++)
        {
            answerAll(worker, connections, START + round * MS);
        }

        final ObjectMapper json = new ObjectMapper();
        long previous = 4_999;
        final List<FakeConnection> all = new ArrayList<>(connections);
        final List<byte[]> bodies = new ArrayList<>();
        all.forEach(c -> bodies.addAll(c.sentBodies));
        bodies.sort((a, b) -> Long.compare(updateId(json, a), updateId(json, b)));
        final Set<Long> seen = new HashSet<>();
        for (final byte[] body : bodies)
        {
            final long id = updateId(json, body);
            assertTrue(id > previous && seen.add(id));
            previous = id;
        }
        assertEquals(5_000 + stats.sent(), updateIds.get());
        assertEquals(stats.sent(), bodies.size());
        for (final FakeConnection c : connections)
        {
            long last = 0;
            for (final byte[] body : c.sentBodies)
            {
                final long id = updateId(json, body);
                assertTrue(id > last, "each connection sends in id order");
                last = id;
            }
        }
    }

    @Test
    void shouldCheckRepliesAndCountFailures()
    {
        final LoadWorker worker = worker(1, "text=1");
        final FakeConnection connection = connect(worker, 1).get(0);
        worker.start(null, Long.MAX_VALUE, START);
        final long user = connection.inFlight.userId;

        connection.reply(worker, count(user, 7), START + MS);
        connection.reply(worker, count(user, 8), START + 2 * MS);
        connection.reply(worker, count(user, 10), START + 3 * MS);
        connection.reply(worker, count(user + 1, 11), START + 4 * MS);

        assertEquals(4, stats.checked());
        assertEquals(1, stats.checkFailures(CheckFailure.WRONG_COUNT));
        assertEquals(1, stats.checkFailures(CheckFailure.WRONG_CHAT));
        assertEquals(0, stats.errors());
    }

    @Test
    void shouldCountErrorsAndTakeANewBaseAfterThem()
    {
        final LoadWorker worker = worker(1, "text=1");
        final FakeConnection connection = connect(worker, 1).get(0);
        worker.start(null, Long.MAX_VALUE, START);
        final long user = connection.inFlight.userId;

        connection.reply(worker, count(user, 3), START + MS);
        connection.answer(worker, 503, START + 2 * MS);
        connection.reply(worker, count(user, 9), START + 3 * MS); // unknown after a 503: a new base
        final Exchange lost = connection.inFlight;
        connection.inFlight = null;
        worker.onConnectionLost(connection, lost);
        worker.onConnectFailed();

        assertEquals(1, stats.status(503));
        assertEquals(1, stats.connectionLosses());
        assertEquals(1, stats.connectFailures());
        assertEquals(3, stats.errors());
        assertEquals(0, stats.checkFailures());
        assertFalse(worker.isDrained(), "still running");

        worker.stop(START + 4 * MS);
        assertTrue(worker.isDrained());
    }

    @Test
    void shouldCountATimeoutAndFreeItsUser()
    {
        final LoadWorker worker = worker(1, "text=1");
        final FakeConnection connection = connect(worker, 1).get(0);
        worker.start(null, Long.MAX_VALUE, START);
        final Exchange late = connection.inFlight;
        connection.inFlight = null;

        worker.onTimeout(late);
        worker.onConnectionLost(connection, null); // the connection is closed after a time-out
        worker.onConnected(connection, START + MS);

        assertEquals(1, stats.timeouts());
        assertEquals(1, stats.errors());
        assertEquals(late.userId, connection.inFlight.userId, "the only user is free again");
        assertEquals(2, stats.sent());
    }

    @Test
    void shouldSendQueuedRequestsAfterStoppingAndThenDrain()
    {
        final LoadWorker worker = worker(100, "text=1");
        final FakeConnection connection = connect(worker, 1).get(0);
        worker.start(new OpenLoopSchedule(START, 1000, 1, 0), Long.MAX_VALUE, START);
        worker.tick(START + 4 * MS); // 5 due, 1 sent, 4 waiting
        worker.stop(START + 4 * MS);

        for (int i = 1; i <= 5; i++)
        {
            assertFalse(worker.isDrained());
            connection.answer(worker, 200, START + (4 + i) * MS);
        }

        assertTrue(worker.isDrained());
        assertEquals(5, stats.answered());
        assertNull(connection.inFlight);
    }

    private LoadWorker worker(final int users, final String mix)
    {
        final SplittableRandom random = new SplittableRandom(11);
        return new LoadWorker(new UserPool(1_000, users, random), TrafficMix.parse(mix), templates, updateIds,
            new AtomicReference<>(stats), random.split());
    }

    private List<FakeConnection> connect(final LoadWorker worker, final int count)
    {
        final List<FakeConnection> connections = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            final FakeConnection connection = new FakeConnection();
            connections.add(connection);
            worker.onConnected(connection, START);
        }
        return connections;
    }

    private void answerAll(final LoadWorker worker, final List<FakeConnection> connections, final long now)
    {
        final ArrayDeque<FakeConnection> busy = new ArrayDeque<>();
        for (final FakeConnection c : connections)
        {
            if (c.inFlight != null)
            {
                busy.add(c);
            }
        }
        for (final FakeConnection c : busy)
        {
            c.answer(worker, 200, now);
        }
    }

    private static byte[] count(final long chat, final long n)
    {
        return ("{\"method\":\"sendMessage\",\"chat_id\":" + chat + ",\"text\":\"count=" + n + "\"}")
            .getBytes(StandardCharsets.UTF_8);
    }

    private static long updateId(final ObjectMapper json, final byte[] body)
    {
        try
        {
            final JsonNode update = json.readTree(body);
            return update.get("update_id").asLong();
        }
        catch (final IOException ex)
        {
            throw new AssertionError(new String(body, StandardCharsets.UTF_8), ex);
        }
    }

    /** Holds what was sent; {@link #answer} plays a correct server, {@link #reply} any other. */
    private final class FakeConnection implements LoadWorker.Connection
    {
        final List<byte[]> sentBodies = new ArrayList<>();
        final long[] values = new long[UpdateTemplate.Slot.values().length];
        Exchange inFlight;

        @Override
        public void send(final Exchange exchange)
        {
            assertNull(inFlight, "one request per connection");
            inFlight = exchange;
            exchange.fill(values, 1_764_000_000L);
            final ByteBuf body = Unpooled.buffer();
            exchange.template.render(body, values);
            final byte[] bytes = new byte[body.readableBytes()];
            body.readBytes(bytes);
            sentBodies.add(bytes);
        }

        void answer(final LoadWorker worker, final int status, final long now)
        {
            final Exchange exchange = inFlight;
            inFlight = null;
            worker.onAnswer(this, exchange, status, status == 200 ? correctReply(exchange) : null, true, now);
        }

        private byte[] correctReply(final Exchange exchange)
        {
            final String json = switch (exchange.template.expectation())
            {
                case COUNT -> new String(count(exchange.userId, serverCounts.merge(exchange.userId, 1L, Long::sum)),
                    StandardCharsets.UTF_8);
                case SEND_MESSAGE -> "{\"method\":\"sendMessage\",\"chat_id\":" + exchange.userId
                    + ",\"text\":\"Hello, Mario!\"}";
                case CALLBACK_ID -> "{\"method\":\"answerCallbackQuery\",\"callback_query_id\":\""
                    + exchange.callbackQueryId() + "\"}";
                case STATUS -> "";
            };
            return json.getBytes(StandardCharsets.UTF_8);
        }

        void reply(final LoadWorker worker, final byte[] body, final long now)
        {
            final Exchange exchange = inFlight;
            inFlight = null;
            worker.onAnswer(this, exchange, 200, body, true, now);
        }
    }
}

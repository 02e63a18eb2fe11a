package io.ringbot.io;

import io.ringbot.io.config.ServerContext;
import io.ringbot.store.status.RingbotCounter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.ringbot.io.transport.Connections;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Raw-socket attacks on a real server on loopback (issue 13): request framing, the secret on the head,
 * what one connection may make the server queue, deadlines, the ops server's Host check.
 */
@Tag("system")
class HostileClientSystemTest
{
    static final String SECRET = "attack_secret-1";
    static final String UPDATE = "{\"update_id\":1,\"message\":{\"message_id\":1,\"date\":1," +
        "\"from\":{\"id\":42,\"is_bot\":false,\"first_name\":\"Ann\"},\"chat\":{\"id\":42,\"type\":\"private\"},\"text\":\"hi\"}}";

    @TempDir
    static Path data;
    private static RingbotServer server;

    @BeforeAll
    static void start() throws InterruptedException
    {
        server = new RingbotServer(TestContexts.onFreePorts(data, 1_000, SECRET), null);
    }

    @AfterAll
    static void stop()
    {
        server.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Transfer-Encoding :", "Content-Length\t:", "Content-Length\0:", "X-Telegram-Bot-Api-Secret-Token :"})
    void shouldAnswer400AndCloseToWhitespaceOrNulBeforeTheColon(final String name) throws Exception
    {
        final long before = counter(RingbotCounter.WEBHOOK_BAD_REQUEST);
        final String body = "{\"update_id\":7}";
        final String smuggled = "POST /webhook HTTP/1.1\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
        try (RawClient client = new RawClient(server.webhookPort()))
        {
            client.send("POST /webhook HTTP/1.1\r\nHost: x\r\nX-Telegram-Bot-Api-Secret-Token: " + SECRET + "\r\n" +
                name + " " + (name.startsWith("Transfer") ? "chunked" : name.startsWith("X-") ? SECRET : "4") +
                "\r\nContent-Length: 4\r\n\r\n" + "null" + smuggled);
            final RawClient.Answer answer = client.read();
            assertNotNull(answer);
            assertEquals(400, answer.status, answer.toString());
            assertEquals("close", answer.headers.get("connection"));
            assertTrue(client.closedByServer(), "one answer, then closed: nothing after it is read as a request");
        }
        assertEquals(before + 1, counter(RingbotCounter.WEBHOOK_BAD_REQUEST));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "X-Telegram-Bot-Api-Secret-Token: wrong\r\nX-Telegram-Bot-Api-Secret-Token: " + SECRET,
        "X-Telegram-Bot-Api-Secret-Token: " + SECRET + "\r\nX-Telegram-Bot-Api-Secret-Token: " + SECRET,
        "Content-Length: 16\r\nContent-Length: 16",
        "Transfer-Encoding: identity\r\nTransfer-Encoding: chunked",
        "Expect: 100-continue\r\nExpect: 100-continue",
        "Host: a\r\nHost: b",
        "Content-Type: text/plain\r\nContent-Type: application/json"})
    void shouldAnswer400AndCloseToARepeatedSecretOrFramingHeader(final String headers) throws Exception
    {
        final String secretLine = headers.contains("Secret-Token") ? "" : "X-Telegram-Bot-Api-Secret-Token: " + SECRET + "\r\n";
        final String lengthLine = headers.contains("Content-Length") ? "" : "Content-Length: 16\r\n";
        try (RawClient client = new RawClient(server.webhookPort()))
        {
            client.send("POST /webhook HTTP/1.1\r\n" + secretLine + lengthLine + headers + "\r\n\r\n{\"update_id\":99}");
            final RawClient.Answer answer = client.read();
            assertNotNull(answer);
            assertEquals(400, answer.status, answer.toString());
            assertTrue(client.closedByServer());
        }
    }

    @Test
    void shouldStillServeAWellFormedRequestAfterTheAttacks() throws Exception
    {
        try (RawClient client = new RawClient(server.webhookPort()))
        {
            client.send(post(SECRET, UPDATE.replace("\"update_id\":1", "\"update_id\":1000")));
            final RawClient.Answer answer = client.read();
            assertEquals(200, answer.status, answer.toString());
            client.timeout(300);
            assertFalse(client.closedByServer());
        }
    }

    @Test
    void shouldAnswer401OnTheHeadWithoutWaitingForTheBody() throws Exception
    {
        try (RawClient client = new RawClient(server.webhookPort()))
        {
            client.timeout(3_000);
            client.send("POST /webhook HTTP/1.1\r\nHost: bot\r\nX-Telegram-Bot-Api-Secret-Token: wrong\r\n" +
                "Content-Length: 1000000\r\n\r\n{\"update_id\":");
            final RawClient.Answer answer = client.read();
            assertNotNull(answer);
            assertEquals(401, answer.status, "answered before the body came: " + answer);
            // the body that follows is read and dropped, not kept; the connection goes on
            client.send(new byte[1_000_000 - 13]);
            client.send(post(SECRET, UPDATE.replace("\"update_id\":1", "\"update_id\":1001")));
            assertEquals(200, client.read().status);
        }
    }

    @Test
    void shouldNeverSend100ContinueBeforeTheSecretPassed() throws Exception
    {
        try (RawClient client = new RawClient(server.webhookPort()))
        {
            client.timeout(3_000);
            client.send("POST /webhook HTTP/1.1\r\nHost: bot\r\nExpect: 100-continue\r\nContent-Length: 500\r\n\r\n");
            final RawClient.Answer answer = client.read();
            assertNotNull(answer);
            assertEquals(401, answer.status, answer.toString());
            assertEquals("close", answer.headers.get("connection"), "the body will not come: closed");
            assertTrue(client.closedByServer());
        }
        try (RawClient client = new RawClient(server.webhookPort()))
        {
            client.timeout(3_000);
            final String body = UPDATE.replace("\"update_id\":1", "\"update_id\":1002");
            client.send("POST /webhook HTTP/1.1\r\nHost: bot\r\nExpect: 100-continue\r\nX-Telegram-Bot-Api-Secret-Token: " +
                SECRET + "\r\nContent-Length: " + body.length() + "\r\n\r\n");
            assertEquals(100, client.read().status, "with the right secret the client is asked for the body");
            client.send(body);
            assertEquals(200, client.read().status);
        }
    }

    @Test
    void shouldNotQueueAnswersWithoutBoundForAWebhookClientThatNeverReads() throws Exception
    {
        neverReadingClientStaysBounded(server.webhookPort(), "GET /nope HTTP/1.1\r\nHost: a\r\n\r\n",
            () -> server.webhook().queuedBytes(), () ->
            {
                try (RawClient normal = new RawClient(server.webhookPort()))
                {
                    normal.send(post(SECRET, UPDATE.replace("\"update_id\":1", "\"update_id\":1003")));
                    assertEquals(200, normal.read().status, "a normal client is served meanwhile");
                }
            });
    }

    @Test
    void shouldNotQueueAnswersWithoutBoundForAnOpsClientThatNeverReads() throws Exception
    {
        neverReadingClientStaysBounded(server.opsPort(), "GET /dashboard HTTP/1.1\r\nHost: localhost\r\n\r\n",
            () -> server.ops().queuedBytes(), () ->
            {
                try (RawClient normal = new RawClient(server.opsPort()))
                {
                    normal.send("GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n");
                    assertEquals(200, normal.read().status, "a normal client is served meanwhile");
                }
            });
    }

    @Test
    void shouldRefuseConnectionsOverTheCapWithA503AndCountThem() throws Exception
    {
        final ServerContext context = TestContexts.onFreePorts(data.resolve("capped"), 1_000, SECRET);
        context.webhook().maxConnections(2);
        context.ops().maxConnections(1);
        try (RingbotServer capped = new RingbotServer(context, null))
        {
            try (RawClient first = new RawClient(capped.webhookPort()); RawClient second = new RawClient(capped.webhookPort()))
            {
                first.send(post(SECRET, UPDATE));
                assertEquals(200, first.read().status);
                try (RawClient third = new RawClient(capped.webhookPort()))
                {
                    final RawClient.Answer refused = third.read();
                    assertEquals(503, refused.status, refused.toString());
                    assertEquals("1", refused.headers.get("retry-after"));
                    assertTrue(third.closedByServer());
                }
                second.send(post(SECRET, UPDATE.replace("\"update_id\":1", "\"update_id\":2")));
                assertEquals(200, second.read().status, "the admitted connections are served");
            }
            assertEquals(1, capped.counters().counter(RingbotCounter.WEBHOOK_CONNECTIONS_REJECTED).get());
            awaitTrue(() -> connectOnce(capped.webhookPort()), "a slot frees when a connection closes");
            try (RawClient ops = new RawClient(capped.opsPort()))
            {
                ops.send("GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n");
                assertEquals(200, ops.read().status);
                try (RawClient refused = new RawClient(capped.opsPort()))
                {
                    assertEquals(503, refused.read().status);
                }
            }
            assertEquals(1, capped.counters().counter(RingbotCounter.OPS_CONNECTIONS_REJECTED).get());
        }
    }

    @Test
    void shouldCloseASlowHeadOrBodyAt408AndKeepAnIdleKeepAliveConnection() throws Exception
    {
        final ServerContext context = TestContexts.onFreePorts(data.resolve("timed"), 1_000, SECRET);
        context.webhook().headTimeoutMillis(600).bodyTimeoutMillis(600);
        context.ops().requestTimeoutMillis(600);
        try (RingbotServer timed = new RingbotServer(context, null))
        {
            final String request = post(SECRET, UPDATE);
            final int headEnd = request.indexOf("\r\n\r\n") + 4;
            try (RawClient loris = new RawClient(timed.webhookPort()))
            {
                final RawClient.Answer answer = slowly(loris, request.substring(0, headEnd));
                assertNotNull(answer, "answered before the head was complete");
                assertEquals(408, answer.status, answer.toString());
                assertTrue(loris.closedByServer());
            }
            try (RawClient loris = new RawClient(timed.webhookPort()))
            {
                loris.send(request.substring(0, headEnd));
                final RawClient.Answer answer = slowly(loris, request.substring(headEnd));
                assertNotNull(answer);
                assertEquals(408, answer.status, answer.toString());
                assertTrue(answer.body.contains("BODY_TIMEOUT_MS"), answer.body);
            }
            assertEquals(2, timed.counters().counter(RingbotCounter.WEBHOOK_TIMED_OUT).get());
            try (RawClient idle = new RawClient(timed.webhookPort()))
            {
                idle.send(request);
                assertEquals(200, idle.read().status);
                Thread.sleep(1_500); // nothing sent: the idle timeout's business (75 s), not the deadlines'
                idle.send(post(SECRET, UPDATE.replace("\"update_id\":1", "\"update_id\":2")));
                assertEquals(200, idle.read().status, "an idle keep-alive connection is not a slow request");
            }
        }
    }

    /** Sends one byte every 100 ms until the server answers or all was sent. */
    private static RawClient.Answer slowly(final RawClient client, final String bytes) throws Exception
    {
        client.timeout(100);
        for (int i = 0; i < bytes.length(); i++)
        {
            try
            {
                client.send(bytes.substring(i, i + 1));
            }
            catch (final java.io.IOException closed)
            {
                break;
            }
            try
            {
                client.timeout(100);
                final RawClient.Answer answer = client.read();
                client.timeout(5_000);
                return answer;
            }
            catch (final java.net.SocketTimeoutException notYet)
            {
                // go on
            }
        }
        client.timeout(5_000);
        return client.read();
    }

    @Test
    void shouldNotNameTheWebhookPathInA404() throws Exception
    {
        final ServerContext context = TestContexts.onFreePorts(data.resolve("path"), 1_000, SECRET);
        context.webhook().path("/hook-7f3a9c");
        try (RingbotServer secretPath = new RingbotServer(context, null);
            RawClient client = new RawClient(secretPath.webhookPort()))
        {
            client.send("POST /webhook HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\n{}");
            final RawClient.Answer answer = client.read();
            assertEquals(404, answer.status);
            assertFalse(answer.body.contains("7f3a9c") || answer.body.contains("hook-"), answer.body);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "io_uring", "nio"})
    void shouldServeAndRejectTheSameOnEveryTransport(final String transport) throws Exception
    {
        if (transport.equals("io_uring"))
        {
            org.junit.jupiter.api.Assumptions.assumeTrue(io.netty.channel.uring.IoUring.isAvailable(),
                "io_uring cannot load here: " + io.netty.channel.uring.IoUring.unavailabilityCause());
        }
        final ServerContext context = TestContexts.onFreePorts(data.resolve(transport), 1_000, SECRET);
        context.webhook().transport(transport);
        try (RingbotServer on = new RingbotServer(context, null))
        {
            assertEquals(transport.replace("_", ""), on.transport().label().replace("_", ""));
            try (RawClient client = new RawClient(on.webhookPort()))
            {
                client.send(post(SECRET, UPDATE) + post("wrong", UPDATE));
                final RawClient.Answer ok = client.read();
                assertEquals(200, ok.status, ok.toString());
                assertTrue(ok.body.contains("count=1"), ok.body);
                assertEquals(401, client.read().status);
                client.send("POST /webhook HTTP/1.1\r\nContent-Length : 4\r\n\r\nnull");
                assertEquals(400, client.read().status);
                assertTrue(client.closedByServer());
            }
        }
    }

    private static boolean connectOnce(final int port)
    {
        try (RawClient client = new RawClient(port))
        {
            client.send(post(SECRET, UPDATE.replace("\"update_id\":1", "\"update_id\":3")));
            return client.read().status == 200;
        }
        catch (final Exception ex)
        {
            return false;
        }
    }

    interface Probe
    {
        long get() throws Exception;
    }

    interface Check
    {
        void run() throws Exception;
    }

    /**
     * A client pipelines requests that are answered at once and never reads an answer: the server must stop
     * reading it (so its writes block) and keep at most about a water mark of answers queued for it.
     */
    private static void neverReadingClientStaysBounded(
        final int port, final String request, final Probe queuedBytes, final Check normalClient) throws Exception
    {
        final byte[] chunk = request.repeat(65_536 / request.length()).getBytes(StandardCharsets.US_ASCII);
        final long toSend = 64L << 20;
        final AtomicLong sent = new AtomicLong();
        try (RawClient attacker = new RawClient(port, 4096))
        {
            final Thread writer = new Thread(() ->
            {
                try
                {
                    while (sent.get() < toSend)
                    {
                        attacker.send(chunk);
                        sent.addAndGet(chunk.length);
                    }
                }
                catch (final Exception ex)
                {
                    // closed at the end of the test
                }
            }, "never-reading-client");
            writer.setDaemon(true);
            writer.start();
            long maxQueued = 0;
            long lastSent = -1;
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            int stableSamples = 0;
            while (System.nanoTime() < deadline && stableSamples < 20)
            {
                Thread.sleep(50);
                maxQueued = Math.max(maxQueued, queuedBytes.get());
                final long now = sent.get();
                stableSamples = now == lastSent ? stableSamples + 1 : 0;
                lastSent = now;
            }
            normalClient.run();
            maxQueued = Math.max(maxQueued, queuedBytes.get());
            assertTrue(sent.get() < toSend, "the server stopped reading a client that does not read: sent " + sent.get());
            assertTrue(maxQueued <= Connections.HIGH_WATER_MARK + 256 * 1024,
                "answers queued for one client stay bounded, were " + maxQueued);
        }
    }

    private static void awaitTrue(final java.util.function.BooleanSupplier condition, final String what) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean())
        {
            assertTrue(System.nanoTime() < deadline, what);
            Thread.sleep(20);
        }
    }

    static String post(final String secret, final String body)
    {
        return "POST /webhook HTTP/1.1\r\nHost: bot\r\nContent-Type: application/json\r\n" +
            (secret == null ? "" : "X-Telegram-Bot-Api-Secret-Token: " + secret + "\r\n") +
            "Content-Length: " + body.length() + "\r\n\r\n" + body;
    }

    static long counter(final RingbotCounter counter)
    {
        return server.counters().counter(counter).get();
    }
}

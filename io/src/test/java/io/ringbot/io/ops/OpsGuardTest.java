package io.ringbot.io.ops;

import io.ringbot.store.status.RingbotCounter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ops server against a web page and a failing endpoint: only loopback and configured Host names are
 * answered (DNS rebinding), and a 500 says nothing of the exception.
 */
class OpsGuardTest
{
    @TempDir
    Path dataDir;
    private OpsFixture ops;

    @BeforeEach
    void start()
    {
        ops = new OpsFixture(dataDir, ctx -> ctx.allowedHosts("ops.example.com, 10.0.0.5")
            .misdirected(null).errors(null));
    }

    @AfterEach
    void stop()
    {
        ops.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "localhost:9090", "LOCALHOST.", "127.0.0.1", "127.0.0.1:1", "[::1]", "[::1]:9090",
        "ops.example.com", "ops.example.com:443", "10.0.0.5:9090"})
    void shouldAnswerLoopbackAndConfiguredHosts(final String host) throws Exception
    {
        assertTrue(raw("GET /healthz HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n").startsWith("HTTP/1.1 200 "), host);
    }

    @ParameterizedTest
    @ValueSource(strings = {"evil.example", "attacker.com:9090", "127.0.0.1.evil.example", "localhost:x", "[::2]:9090", "0.0.0.0"})
    void shouldAnswer421ToAnyOtherHost(final String host) throws Exception
    {
        final String answer = raw("GET /metrics HTTP/1.1\r\nHost: " + host + "\r\n\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 421 "), answer);
        assertFalse(answer.contains("ringbot_"), "no metrics leak: " + answer);
    }

    @Test
    void shouldAnswer421WithoutAHostAndCountIt() throws Exception
    {
        ops.close();
        ops = new OpsFixture(Files.createDirectories(dataDir.resolve("counted")), ctx -> { });
        final OpsFixture counted = ops;
        final OpsServer server = new OpsServer(new OpsContext().port(0).counters(counted.counters.reader()).health(counted.health)
            .misdirected(counted.counter(RingbotCounter.OPS_MISDIRECTED))).start();
        try
        {
            final String answer = raw(server.port(), "GET /healthz HTTP/1.1\r\n\r\n");
            assertTrue(answer.startsWith("HTTP/1.1 421 "), answer);
            assertEquals(1, counted.counter(RingbotCounter.OPS_MISDIRECTED).get());
        }
        finally
        {
            server.close();
        }
    }

    @Test
    void shouldAnswerAGeneric500AndCountTheFailure() throws Exception
    {
        ops.close();
        ops = new OpsFixture(Files.createDirectories(dataDir.resolve("failing")), ctx -> { });
        final OpsFixture failing = ops;
        final OpsServer server = new OpsServer(new OpsContext().port(0).counters(failing.counters.reader()).health(failing.health)
            .errors(failing.counter(RingbotCounter.OPS_ERRORS))).start();
        try
        {
            failing.health.failure = new IllegalStateException("secret internals at /var/lib/x");
            final String answer = raw(server.port(), "GET /metrics HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            assertTrue(answer.startsWith("HTTP/1.1 500 "), answer);
            assertTrue(answer.endsWith(OpsRouter.INTERNAL_ERROR_TEXT + "\n"), answer);
            assertFalse(answer.contains("secret internals") || answer.contains("IllegalStateException"), answer);
            raw(server.port(), "GET /metrics HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            assertEquals(2, failing.counter(RingbotCounter.OPS_ERRORS).get());
        }
        finally
        {
            server.close();
        }
    }

    @Test
    void shouldAnswer408AndCloseARequestSentOneByteAtATime() throws Exception
    {
        ops.close();
        ops = new OpsFixture(Files.createDirectories(dataDir.resolve("slow")), ctx -> ctx.requestTimeoutMillis(500));
        try (Socket socket = new Socket("127.0.0.1", ops.server.port()))
        {
            socket.setSoTimeout(100);
            final byte[] request = "GET /metrics HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            final ByteArrayOutputStream answer = new ByteArrayOutputStream();
            final long start = System.nanoTime();
            for (int i = 0; i < request.length - 1 && answer.size() == 0; i++)
            {
                socket.getOutputStream().write(request[i]);
                try
                {
                    final int b = socket.getInputStream().read();
                    if (b >= 0)
                    {
                        answer.write(b);
                    }
                }
                catch (final java.net.SocketTimeoutException notYet)
                {
                    // one byte per 100 ms
                }
            }
            socket.setSoTimeout(5_000);
            answer.write(socket.getInputStream().readAllBytes());
            assertTrue(answer.toString(StandardCharsets.US_ASCII).startsWith("HTTP/1.1 408 "), answer.toString(StandardCharsets.US_ASCII));
            assertTrue(System.nanoTime() - start < 4_000_000_000L, "closed at the deadline, not at the end of the request");
        }
    }

    private String raw(final String request) throws Exception
    {
        return raw(ops.server.port(), request);
    }

    /** Sends one request and reads until the server closes (a 421 always closes). */
    private static String raw(final int port, final String request) throws Exception
    {
        try (Socket socket = new Socket("127.0.0.1", port))
        {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            final InputStream in = socket.getInputStream();
            final ByteArrayOutputStream answer = new ByteArrayOutputStream();
            final byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) > 0)
            {
                answer.write(buffer, 0, n);
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }
}

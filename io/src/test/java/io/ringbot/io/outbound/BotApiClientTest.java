package io.ringbot.io.outbound;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BotApiClientTest
{
    @Test
    void shouldCallTheBotApiOverKeepAliveConnectionsAndReportASlowAnswerAsAnUnknownOutcome() throws Exception
    {
        try (StandInBotApi api = new StandInBotApi("1:t", 1000, 1000, 1000, 100_000);
            // a generous timeout: a loaded CI machine must not turn a normal answer into a timeout
            BotApiClient client = new BotApiClient(api.url() + "/", "1:t", 2, 3_000))
        {
            for (int i = 0; i < 20; i++)
            {
                final ApiAnswer answer = client.call("sendMessage", "{\"chat_id\":" + (i + 1) + ",\"text\":\"hi\"}")
                    .get(5, TimeUnit.SECONDS);
                assertTrue(answer.ok(), answer.toString());
                assertTrue(answer.messageId() > 0);
            }
            final ApiAnswer bad = client.call("sendMessage", "{\"chat_id\":1,\"text\":\"\"}").get(5, TimeUnit.SECONDS);
            assertEquals(400, bad.errorCode());
            assertEquals("true", client.call("deleteMessage", "{\"chat_id\":1,\"message_id\":3}")
                .get(5, TimeUnit.SECONDS).resultJson());

            api.delayMillis(8_000);
            final ApiAnswer slow = client.call("sendMessage", "{\"chat_id\":1,\"text\":\"x\"}").get(15, TimeUnit.SECONDS);
            assertFalse(slow.ok());
            assertEquals(ApiAnswer.UNKNOWN_OUTCOME, slow.httpStatus(), "sent: Telegram may have acted on it; " + slow);
            assertEquals(ApiAnswer.UNKNOWN_OUTCOME, slow.errorCode());
        }
    }

    @Test
    void shouldAnswerANetworkErrorWhenNothingListens() throws Exception
    {
        final int port;
        try (ServerSocket socket = new ServerSocket(0))
        {
            port = socket.getLocalPort();
        }
        try (BotApiClient client = new BotApiClient("http://127.0.0.1:" + port, "1:t", 2, 1_000))
        {
            final ApiAnswer answer = client.call("getMe", "{}").get(5, TimeUnit.SECONDS);
            assertEquals(-1, answer.httpStatus());
            assertTrue(answer.description().contains("cannot connect"), answer.description());
        }
    }

    @Test
    void shouldReadAnHttp10AnswerThatTheClosedConnectionEnds() throws Exception
    {
        // what Python's http.server sends: no Content-Length, the body ends with the connection
        try (RawServer server = new RawServer(in ->
        {
            in.readRequest();
            in.write("HTTP/1.0 200 OK\r\nServer: BaseHTTP/0.6\r\nContent-Type: application/json\r\n" +
                "Connection: close\r\n\r\n{\"ok\": true, \"result\": {\"message_id\": 77}}");
            in.close();
        });
            BotApiClient client = new BotApiClient(server.url(), "1:t", 2, 5_000))
        {
            for (int i = 0; i < 3; i++)
            {
                final ApiAnswer answer = client.call("sendMessage", "{\"chat_id\":1,\"text\":\"x\"}").get(10, TimeUnit.SECONDS);
                assertTrue(answer.ok(), answer.toString());
                assertEquals(77, answer.messageId());
            }
            assertEquals(3, server.requests());
        }
    }

    @Test
    void shouldCallAnAnswerCutShortOrNeverGivenAfterTheRequestAnUnknownOutcome() throws Exception
    {
        try (RawServer silent = new RawServer(in ->
        {
            in.readRequest();
            in.close(); // read it, may have acted on it, never answered
        });
            BotApiClient client = new BotApiClient(silent.url(), "1:t", 1, 5_000))
        {
            final ApiAnswer answer = client.call("sendMessage", "{\"chat_id\":1,\"text\":\"x\"}").get(10, TimeUnit.SECONDS);
            assertEquals(ApiAnswer.UNKNOWN_OUTCOME, answer.httpStatus(), answer.toString());
        }
        try (RawServer cut = new RawServer(in ->
        {
            in.readRequest();
            in.write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"ok\":tr");
            in.close();
        });
            BotApiClient client = new BotApiClient(cut.url(), "1:t", 1, 5_000))
        {
            final ApiAnswer answer = client.call("sendMessage", "{\"chat_id\":1,\"text\":\"x\"}").get(10, TimeUnit.SECONDS);
            assertEquals(ApiAnswer.UNKNOWN_OUTCOME, answer.httpStatus(), answer.toString());
        }
    }

    @Test
    void shouldCallAKeptAliveConnectionResetAfterTheRequestArrivedAnUnknownOutcome() throws Exception
    {
        // the server answers one call, then resets the connection with the next request in its buffer: whether
        // it read it cannot be told from a server that read it and then reset, so it is not sent again (only an
        // orderly close of a connection idle past a server's time-out is the idle-close race: HostileBotApiClientTest)
        try (RawServer server = new RawServer(in ->
        {
            in.readRequest();
            in.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 40\r\n\r\n" +
                "{\"ok\":true,\"result\":{\"message_id\":5}}   ");
            Thread.sleep(600);
            in.reset(); // unread bytes in its buffer: the close is a reset
        });
            BotApiClient client = new BotApiClient(server.url(), "1:t", 1, 5_000))
        {
            assertTrue(client.call("sendMessage", "{\"chat_id\":1,\"text\":\"a\"}").get(10, TimeUnit.SECONDS).ok());
            Thread.sleep(200);
            final ApiAnswer second = client.call("sendMessage", "{\"chat_id\":1,\"text\":\"b\"}").get(10, TimeUnit.SECONDS);
            assertEquals(ApiAnswer.UNKNOWN_OUTCOME, second.httpStatus(), "not sent again: " + second);
            assertEquals(1, server.requests());
        }
    }

    @Test
    void shouldRefuseAUrlThatIsNotHttp()
    {
        try
        {
            new BotApiClient("ftp://x", "1:t", 1, 1000).close();
            throw new AssertionError("accepted ftp");
        }
        catch (final IllegalArgumentException expected)
        {
            assertTrue(expected.getMessage().contains("BOT_API_URL"));
        }
    }

    /** A loopback server that plays one script per connection on raw sockets, one connection at a time. */
    private static final class RawServer implements AutoCloseable
    {
        interface Script
        {
            void play(Connection connection) throws Exception;
        }

        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final Thread thread;
        private final AtomicInteger requests = new AtomicInteger();

        RawServer(final Script script) throws IOException
        {
            thread = new Thread(() ->
            {
                while (!socket.isClosed())
                {
                    try (Socket s = socket.accept())
                    {
                        script.play(new Connection(s, requests));
                    }
                    catch (final Exception ignored)
                    {
                        // the next connection, or closed
                    }
                }
            }, "raw-bot-api");
            thread.setDaemon(true);
            thread.start();
        }

        String url()
        {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }

        int requests()
        {
            return requests.get();
        }

        public void close() throws IOException
        {
            socket.close();
        }
    }

    private static final class Connection
    {
        private final Socket socket;
        private final AtomicInteger requests;
        private final InputStream in;

        Connection(final Socket socket, final AtomicInteger requests) throws IOException
        {
            this.socket = socket;
            this.requests = requests;
            this.in = socket.getInputStream();
        }

        /** Reads a request's head and its Content-Length body. */
        void readRequest() throws IOException
        {
            final StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n"))
            {
                final int b = in.read();
                if (b < 0)
                {
                    throw new IOException("closed");
                }
                head.append((char)b);
            }
            final Matcher length = Pattern.compile("(?i)content-length: *(\\d+)").matcher(head);
            if (length.find())
            {
                in.readNBytes(Integer.parseInt(length.group(1)));
            }
            requests.incrementAndGet();
        }

        void write(final String text) throws IOException
        {
            final OutputStream out = socket.getOutputStream();
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        void close() throws IOException
        {
            socket.close();
        }

        /** Closes with a reset (SO_LINGER 0). */
        void reset() throws IOException
        {
            socket.setSoLinger(true, 0);
            socket.close();
        }
    }
}

package io.ringbot.io.outbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Bot API on loopback (raw sockets, a thread per connection) that misbehaves on purpose, one {@link Mode} at a
 * time, switchable while it runs. It keeps, per chat, how many calls it <em>acted on</em>: every request it read
 * whole in a mode that acts (as Telegram would have sent the message whatever it answered after); modes that
 * answer 5xx, 3xx, 429 or a 4xx act on nothing. A client that sends a call only when it certainly was not acted
 * on makes every chat's count at most one.
 */
final class HostileBotApi implements AutoCloseable
{
    enum Mode
    {
        /** A well-behaved Bot API: 200 with a message, kept alive. */
        WELL(true),
        /** The first call of a connection answered; a later one read, then the connection reset (RST). */
        RESET_REUSED(true),
        /** The same with an orderly close (FIN) instead of the reset. */
        CLOSE_REUSED(true),
        /** A status line that is not HTTP/1.x, then close. */
        GARBAGE_STATUS(true),
        /** 200 with chunks that never end. */
        ENDLESS_CHUNKED(true),
        /** 200 with 200 MB and no Content-Length, ended by the close. */
        HUGE_NO_LENGTH(true),
        /** 200 with a Content-Length of 200 MB, and that much. */
        HUGE_WITH_LENGTH(true),
        /** Header lines that never end. */
        ENDLESS_HEADERS(true),
        /** 100 Continue without end. */
        ENDLESS_CONTINUE(true),
        /** 404 with an HTML page, as a wrong BOT_API_URL gets. */
        NOT_FOUND_HTML(false),
        /** Read, never answered. */
        SILENT(true),
        /** Every call answered twice in one write (the second would pass for the next call's answer). */
        DOUBLE_ANSWER(true),
        /** {"ok":true,...} with HTTP 500. */
        OK_WITH_500(true),
        /** 200 ok with a message, its description ill-formed UTF-8. */
        BAD_UTF8_OK(true),
        /** 429 with retry_after 2147483647. */
        RETRY_AFTER_HUGE(false),
        /** 429 with retry_after "soon". */
        RETRY_AFTER_UNREADABLE(false),
        /** HTTP 500 to every call. */
        SERVER_ERROR(false),
        /** 301 to another host, the token in the Location. */
        REDIRECT(false),
        /** 502 with an HTML page, as a proxy answers. */
        PROXY_502_HTML(false),
        /** 400 chat not found with a 12-digit error_code. */
        HUGE_ERROR_CODE(false),
        /**
         * The idle-close race, made certain: the first call of a connection answered; the server then closes it
         * in order (FIN) as the next request arrives, without reading it.
         */
        IDLE_CLOSE_RACE(true);

        final boolean acts;

        Mode(final boolean acts)
        {
            this.acts = acts;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] CHUNK = ("8000\r\n" + "x".repeat(0x8000) + "\r\n").getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket socket = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
    private final String token;
    private final Thread acceptor;
    private final Map<String, AtomicInteger> acted = new ConcurrentHashMap<>();
    private final Map<Long, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<Socket> open = new CopyOnWriteArrayList<>();
    private final AtomicInteger total = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicLong messageIds = new AtomicLong(5000);
    private volatile Mode mode;

    HostileBotApi(final String token, final Mode mode) throws IOException
    {
        this.token = token;
        this.mode = mode;
        acceptor = new Thread(this::accept, "hostile-bot-api");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String url()
    {
        return "http://127.0.0.1:" + socket.getLocalPort();
    }

    void mode(final Mode mode)
    {
        this.mode = mode;
    }

    /**
     * @return calls with this text acted on, by chat.
     */
    Map<Long, Integer> acted(final String text)
    {
        final Map<Long, Integer> copy = new HashMap<>();
        acted.forEach((key, n) ->
        {
            final int colon = key.indexOf(':');
            if (key.substring(colon + 1).equals(text))
            {
                copy.put(Long.parseLong(key.substring(0, colon)), n.get());
            }
        });
        return copy;
    }

    int requests(final long chatId)
    {
        final AtomicInteger n = requests.get(chatId);
        return n == null ? 0 : n.get();
    }

    int requests()
    {
        return total.get();
    }

    int connections()
    {
        return connections.get();
    }

    private void accept()
    {
        while (!socket.isClosed())
        {
            try
            {
                final Socket s = socket.accept();
                connections.incrementAndGet();
                open.add(s);
                final Thread t = new Thread(() -> serve(s), "hostile-connection");
                t.setDaemon(true);
                t.start();
            }
            catch (final IOException ex)
            {
                return;
            }
        }
    }

    private void serve(final Socket s)
    {
        try (s)
        {
            s.setTcpNoDelay(true);
            final InputStream in = s.getInputStream();
            final OutputStream out = s.getOutputStream();
            int onThisConnection = 0;
            while (true)
            {
                if (onThisConnection > 0 && mode == Mode.IDLE_CLOSE_RACE)
                {
                    awaitBytes(in);
                    s.shutdownOutput(); // FIN with the request unread: it is never acted on
                    awaitClose(in);
                    return;
                }
                final Request request = read(in);
                if (request == null)
                {
                    return;
                }
                onThisConnection++;
                final Mode now = mode;
                total.incrementAndGet();
                requests.computeIfAbsent(request.chatId, k -> new AtomicInteger()).incrementAndGet();
                final boolean reused = onThisConnection > 1;
                final boolean answersNormally = now == Mode.WELL || (now == Mode.RESET_REUSED ||
                    now == Mode.CLOSE_REUSED || now == Mode.IDLE_CLOSE_RACE) && !reused;
                if (now.acts && request.text != null)
                {
                    acted.computeIfAbsent(request.chatId + ":" + request.text, k -> new AtomicInteger()).incrementAndGet();
                }
                if (answersNormally)
                {
                    write(out, 200, okBody(request, "\"done\""), "");
                    continue;
                }
                if (!play(now, s, out, request))
                {
                    return;
                }
            }
        }
        catch (final IOException ex)
        {
            // the client closed: the next connection
        }
        finally
        {
            open.remove(s);
        }
    }

    /**
     * @return whether the connection goes on.
     */
    private boolean play(final Mode now, final Socket s, final OutputStream out, final Request request) throws IOException
    {
        switch (now)
        {
            case RESET_REUSED:
                s.setSoLinger(true, 0);
                return false;
            case CLOSE_REUSED:
                return false;
            case GARBAGE_STATUS:
                out.write("SPDY/9 garbage \u0000\u0001\r\n\r\n{\"ok\":true}".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                return false;
            case ENDLESS_CHUNKED:
                out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
                while (true)
                {
                    out.write(CHUNK);
                }
            case HUGE_NO_LENGTH:
            case HUGE_WITH_LENGTH:
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n" +
                    (now == Mode.HUGE_WITH_LENGTH ? "Content-Length: 200000000\r\n" : "") + "\r\n{\"ok\":true,\"result\":[")
                    .getBytes(StandardCharsets.US_ASCII));
                final byte[] block = "1,".repeat(32 * 1024).getBytes(StandardCharsets.US_ASCII);
                for (long sent = 0; sent < 200_000_000L; sent += block.length)
                {
                    out.write(block);
                }
                return false;
            case ENDLESS_HEADERS:
                out.write("HTTP/1.1 200 OK\r\n".getBytes(StandardCharsets.US_ASCII));
                for (int i = 0; ; i++)
                {
                    out.write(("X-Header-" + i + ": " + "y".repeat(100) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                }
            case ENDLESS_CONTINUE:
                final byte[] informational = "HTTP/1.1 100 Continue\r\n\r\n".repeat(64).getBytes(StandardCharsets.US_ASCII);
                while (true)
                {
                    out.write(informational);
                }
            case NOT_FOUND_HTML:
                write(out, 404, "<html>Not Found</html>".getBytes(StandardCharsets.UTF_8), "");
                return true;
            case SILENT:
                try
                {
                    Thread.sleep(600_000);
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                }
                return false;
            case DOUBLE_ANSWER:
                final byte[] one = answer(200, okBody(request, "\"done\""), "");
                final byte[] both = new byte[one.length * 2];
                System.arraycopy(one, 0, both, 0, one.length);
                System.arraycopy(one, 0, both, one.length, one.length);
                out.write(both);
                out.flush();
                return true;
            case OK_WITH_500:
                write(out, 500, okBody(request, "\"done\""), "");
                return true;
            case BAD_UTF8_OK:
                final byte[] body = okBody(request, "\"bad \u00ff\u00fe\u00c3( utf8\"");
                write(out, 200, body, "");
                return true;
            case RETRY_AFTER_HUGE:
                write(out, 429, ("{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after " +
                    "2147483647\",\"parameters\":{\"retry_after\":2147483647}}").getBytes(StandardCharsets.UTF_8), "");
                return true;
            case RETRY_AFTER_UNREADABLE:
                write(out, 429, ("{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests\"," +
                    "\"parameters\":{\"retry_after\":\"soon\"}}").getBytes(StandardCharsets.UTF_8), "");
                return true;
            case SERVER_ERROR:
                write(out, 500, "{\"ok\":false,\"error_code\":500,\"description\":\"Internal Server Error\"}"
                    .getBytes(StandardCharsets.UTF_8), "");
                return true;
            case REDIRECT:
                write(out, 301, "<html>moved</html>".getBytes(StandardCharsets.UTF_8),
                    "Location: https://elsewhere.example/bot" + token + "/sendMessage\r\n");
                return true;
            case PROXY_502_HTML:
                write(out, 502, "<html><body>502 Bad Gateway</body></html>".getBytes(StandardCharsets.UTF_8), "");
                return true;
            case HUGE_ERROR_CODE:
                write(out, 400, "{\"ok\":false,\"error_code\":123456789012,\"description\":\"Bad Request: chat not found\"}"
                    .getBytes(StandardCharsets.UTF_8), "");
                return true;
            default:
                throw new IllegalStateException(now.name());
        }
    }

    private static void awaitBytes(final InputStream in) throws IOException
    {
        while (in.available() == 0)
        {
            try
            {
                Thread.sleep(1);
            }
            catch (final InterruptedException ex)
            {
                throw new IOException(ex);
            }
        }
    }

    private static void awaitClose(final InputStream in) throws IOException
    {
        while (in.read() >= 0)
        {
            // the request's bytes, dropped unread as far as the Bot API goes
        }
    }

    private byte[] okBody(final Request request, final String description)
    {
        // the description goes through ISO-8859-1 so that \u00ff etc. become single (ill-formed) bytes
        final String text = "{\"ok\":true,\"result\":{\"message_id\":" + messageIds.incrementAndGet() +
            ",\"date\":0,\"chat\":{\"id\":" + request.chatId + "}},\"description\":" + description + "}";
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static void write(final OutputStream out, final int status, final byte[] body, final String headers)
        throws IOException
    {
        out.write(answer(status, body, headers));
        out.flush();
    }

    private static byte[] answer(final int status, final byte[] body, final String headers)
    {
        final byte[] head = ("HTTP/1.1 " + status + " X\r\nContent-Type: application/json\r\nContent-Length: " +
            body.length + "\r\n" + headers + "\r\n").getBytes(StandardCharsets.US_ASCII);
        final byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }

    private record Request(String method, long chatId, String text)
    {
    }

    /**
     * @return the next request read whole (head and Content-Length body), or null at the end of the stream.
     */
    private Request read(final InputStream in) throws IOException
    {
        final ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4)
        {
            final int b = in.read();
            if (b < 0)
            {
                return null;
            }
            head.write(b);
            matched = b == (matched % 2 == 0 ? '\r' : '\n') ? matched + 1 : b == '\r' ? 1 : 0;
        }
        final String text = head.toString(StandardCharsets.ISO_8859_1);
        int length = 0;
        for (final String line : text.split("\r\n"))
        {
            if (line.regionMatches(true, 0, "content-length:", 0, 15))
            {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        final byte[] body = in.readNBytes(length);
        if (body.length < length)
        {
            return null;
        }
        final String path = text.substring(text.indexOf(' ') + 1, text.indexOf(' ', text.indexOf(' ') + 1));
        final String method = path.substring(path.lastIndexOf('/') + 1);
        final JsonNode json = JSON.readTree(body);
        return new Request(method, json.path("chat_id").asLong(0), json.path("text").asText(null));
    }

    public void close() throws IOException
    {
        socket.close();
        for (final Socket s : open)
        {
            s.close();
        }
    }
}

package io.ringbot.io.outbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in for the Bot API on loopback, as strict as Telegram about what ringbot relies on: the
 * token in the path (401 otherwise), JSON bodies with the method's required fields (400), and the flood
 * limits (per chat a token bucket, per group a minute window, a total second window: breaking one
 * answers 429 with retry_after and is counted as a violation). Tests inject 429s, 403s, 5xx and slow
 * answers per chat, and read every call it recorded.
 */
public final class StandInBotApi implements AutoCloseable
{
    static
    {
        // the JDK server leaves Nagle on: each small answer would then wait ~40 ms for the client's delayed ACK
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    /** One recorded call. */
    public record Call(String method, long chatId, String text, long messageId, long atMillis, int status, JsonNode body)
    {
    }

    /** An answer to give instead of the normal one. */
    record Injected(int status, String description, int retryAfter)
    {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Arrival times jitter against send times: this much slack before a limit counts as broken. */
    private static final long SLACK_MILLIS = 60;

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(64);
    private final String token;
    private final double chatPerSecond;
    private final int chatBurst;
    private final int groupPerMinute;
    private final int totalPerSecond;
    private final List<Call> calls = new ArrayList<>();
    private final Map<Long, double[]> buckets = new HashMap<>();
    private final Map<Long, ArrayDeque<Long>> groupTimes = new HashMap<>();
    private final ArrayDeque<Long> totalTimes = new ArrayDeque<>();
    private final Map<Long, ArrayDeque<Injected>> injected = new HashMap<>();
    private final Set<Long> blockedUsers = new HashSet<>();
    private final AtomicLong messageIds = new AtomicLong(1000);
    private volatile long delayMillis;
    private final StandInDelivery delivery = new StandInDelivery();
    private int violations;

    public StandInBotApi(final String token, final double chatPerSecond, final int chatBurst, final int groupPerMinute,
        final int totalPerSecond) throws IOException
    {
        this.token = token;
        this.chatPerSecond = chatPerSecond;
        this.chatBurst = chatBurst;
        this.groupPerMinute = groupPerMinute;
        this.totalPerSecond = totalPerSecond;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /**
     * @return the update delivery side: webhook registration and getUpdates.
     */
    public StandInDelivery delivery()
    {
        return delivery;
    }

    public String url()
    {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    synchronized void inject(final long chatId, final int status, final String description, final int retryAfter)
    {
        injected.computeIfAbsent(chatId, k -> new ArrayDeque<>()).add(new Injected(status, description, retryAfter));
    }

    synchronized void block(final long userId)
    {
        blockedUsers.add(userId);
    }

    void delayMillis(final long delayMillis)
    {
        this.delayMillis = delayMillis;
    }

    synchronized List<Call> calls()
    {
        return new ArrayList<>(calls);
    }

    public synchronized List<Call> calls(final long chatId)
    {
        return calls.stream().filter(c -> c.chatId == chatId).toList();
    }

    synchronized int violations()
    {
        return violations;
    }

    /**
     * @return ok calls per chat of a method.
     */
    public synchronized Map<Long, Integer> delivered(final String method)
    {
        final Map<Long, Integer> counts = new HashMap<>();
        for (final Call c : calls)
        {
            if (c.method.equals(method) && c.status == 200)
            {
                counts.merge(c.chatId, 1, Integer::sum);
            }
        }
        return counts;
    }

    private void handle(final HttpExchange exchange) throws IOException
    {
        try (exchange)
        {
            final byte[] bytes = exchange.getRequestBody().readAllBytes();
            final String path = exchange.getRequestURI().getPath();
            final String prefix = "/bot" + token + "/";
            if (!path.startsWith(prefix))
            {
                answer(exchange, 401, "{\"ok\":false,\"error_code\":401,\"description\":\"Unauthorized\"}");
                return;
            }
            final String method = path.substring(prefix.length());
            final JsonNode body;
            try
            {
                body = JSON.readTree(bytes);
            }
            catch (final IOException ex)
            {
                answer(exchange, 400, error(400, "Bad Request: can't parse JSON"));
                return;
            }
            if (StandInDelivery.handles(method))
            {
                final String reply = delivery.answer(method, body);
                answer(exchange, reply.startsWith("{\"ok\":true") ? 200 : statusOf(reply), reply);
                return;
            }
            final long delay = delayMillis;
            if (delay > 0)
            {
                Thread.sleep(delay);
            }
            final String reply = decide(method, body);
            answer(exchange, reply.startsWith("{\"ok\":true") ? 200 : statusOf(reply), reply);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized String decide(final String method, final JsonNode body)
    {
        final long now = System.currentTimeMillis();
        final long chatId = body.path("chat_id").asLong(0);
        final String text = body.path("text").asText(body.path("caption").asText(null));
        final boolean message = PendingCall.isMessage(method);
        if (message && (chatId == 0 || ("sendMessage".equals(method) && (text == null || text.isEmpty()))))
        {
            return record(method, chatId, text, 0, now, 400, body, error(400, "Bad Request: message text is empty"));
        }
        final ArrayDeque<Injected> queue = injected.get(chatId);
        final Injected inject = queue == null ? null : queue.poll();
        if (inject != null)
        {
            final String answer = inject.retryAfter > 0 ?
                "{\"ok\":false,\"error_code\":" + inject.status + ",\"description\":\"" + inject.description +
                "\",\"parameters\":{\"retry_after\":" + inject.retryAfter + "}}" : error(inject.status, inject.description);
            return record(method, chatId, text, 0, now, inject.status, body, answer);
        }
        if (!flood(message, chatId, now))
        {
            violations++;
            return record(method, chatId, text, 0, now, 429, body,
                "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 1\"," +
                "\"parameters\":{\"retry_after\":1}}");
        }
        if (chatId > 0 && blockedUsers.contains(chatId))
        {
            return record(method, chatId, text, 0, now, 403, body, error(403, "Forbidden: bot was blocked by the user"));
        }
        final long messageId = message || "editMessageText".equals(method) ? messageIds.incrementAndGet() : 0;
        final String result = messageId > 0 ?
            "{\"message_id\":" + (message ? messageId : body.path("message_id").asLong()) + ",\"date\":0,\"chat\":{\"id\":" +
            chatId + "}}" : "true";
        return record(method, chatId, text, message ? messageId : body.path("message_id").asLong(0), now, 200, body,
            "{\"ok\":true,\"result\":" + result + "}");
    }

    private boolean flood(final boolean message, final long chatId, final long now)
    {
        while (!totalTimes.isEmpty() && totalTimes.peekFirst() <= now - (1000 - SLACK_MILLIS))
        {
            totalTimes.pollFirst();
        }
        if (totalTimes.size() >= totalPerSecond)
        {
            return false;
        }
        if (message)
        {
            final double[] bucket = buckets.computeIfAbsent(chatId, k -> new double[] {chatBurst, now});
            bucket[0] = Math.min(chatBurst, bucket[0] + (now - bucket[1]) * chatPerSecond / 1000.0);
            bucket[1] = now;
            if (bucket[0] < 1 - SLACK_MILLIS * chatPerSecond / 1000.0)
            {
                return false;
            }
            if (chatId < 0)
            {
                final ArrayDeque<Long> times = groupTimes.computeIfAbsent(chatId, k -> new ArrayDeque<>());
                while (!times.isEmpty() && times.peekFirst() <= now - (60_000 - SLACK_MILLIS))
                {
                    times.pollFirst();
                }
                if (times.size() >= groupPerMinute)
                {
                    return false;
                }
                times.add(now);
            }
            bucket[0] -= 1;
        }
        totalTimes.add(now);
        return true;
    }

    private String record(final String method, final long chatId, final String text, final long messageId,
        final long now, final int status, final JsonNode body, final String answer)
    {
        calls.add(new Call(method, chatId, text, messageId, now, status, body));
        return answer;
    }

    private static String error(final int code, final String description)
    {
        return "{\"ok\":false,\"error_code\":" + code + ",\"description\":\"" + description + "\"}";
    }

    private static int statusOf(final String answer)
    {
        final int at = answer.indexOf("\"error_code\":") + "\"error_code\":".length();
        return Integer.parseInt(answer.substring(at, answer.indexOf(',', at)));
    }

    private static void answer(final HttpExchange exchange, final int status, final String body) throws IOException
    {
        final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody())
        {
            out.write(bytes);
        }
    }

    public void close()
    {
        server.stop(0);
        executor.shutdownNow();
    }
}

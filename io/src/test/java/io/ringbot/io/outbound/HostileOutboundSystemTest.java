package io.ringbot.io.outbound;

import io.ringbot.bot.Bot;
import io.ringbot.bot.BroadcastCommand;
import io.ringbot.engine.reference.ReferenceBot;
import io.ringbot.io.RingbotServer;
import io.ringbot.io.TestContexts;
import io.ringbot.io.config.ServerContext;
import io.ringbot.store.record.RecordSchema;
import io.ringbot.store.status.RingbotCounter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import static io.ringbot.io.outbound.OutboundSystemTest.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real server and sender against a Bot API that misbehaves one way at a time ({@link HostileBotApi}): users,
 * an admin's broadcast, the broken server until every recipient was tried (and, where every call fails, until
 * /healthz says so), then a well-behaved one. Every recipient gets the broadcast exactly once: calls the server
 * acted on are never sent again, and the calls it did not act on are all delivered once it works again.
 */
class HostileOutboundSystemTest
{
    private static final String TOKEN = "123456:hostile-token";
    private static final String SECRET = "secret";
    private static final long ADMIN = 99;
    private static final int USERS = 20;
    private static final String TEXT = "hello everyone";

    @TempDir
    Path data;

    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicLong updateIds = new AtomicLong(1);
    private final List<String> results = new CopyOnWriteArrayList<>();
    private HostileBotApi api;
    private RingbotServer server;

    @AfterEach
    void tearDown() throws IOException
    {
        if (server != null)
        {
            server.close();
        }
        if (api != null)
        {
            api.close();
        }
    }

    private void start(final int maxPauseSeconds) throws Exception
    {
        api = new HostileBotApi(TOKEN, HostileBotApi.Mode.WELL);
        final ServerContext config = TestContexts.onFreePorts(data, 10_000, SECRET);
        config.engine().adminIds(new long[] {ADMIN});
        config.outbound().botToken(TOKEN).botApiUrl(api.url()).chatPerSecond(50).chatBurst(10).totalPerSecond(200).connections(8)
            .retryBackoffInitialMillis(100).retryBackoffMaxMillis(1_000).maxAttempts(1_000).timeoutMillis(2_000)
            .maxPauseSeconds(maxPauseSeconds);
        server = new RingbotServer(config, new Bot()
            .records(ReferenceBot.USERS, RecordSchema.named("chats"))
            .command("send", ctx -> ctx.outbound().sendMessage(ctx.update().chatId()).text("sent").send(7))
            .adminCommand("broadcast", new BroadcastCommand())
            .text(ctx -> ctx.sendMessage().text("ok"))
            .onSendResult((ctx, result) -> results.add(result.correlation() + ":" + result.ok() + ":" +
                result.errorCode() + ":" + result.description())));
        for (long user = 1; user <= USERS; user++)
        {
            post(update(user, "hi"));
        }
    }

    @ParameterizedTest
    @EnumSource(value = HostileBotApi.Mode.class, names = {"RESET_REUSED", "CLOSE_REUSED", "GARBAGE_STATUS",
        "ENDLESS_CHUNKED", "HUGE_NO_LENGTH", "ENDLESS_HEADERS", "SILENT", "DOUBLE_ANSWER", "OK_WITH_500", "BAD_UTF8_OK",
        "RETRY_AFTER_HUGE", "RETRY_AFTER_UNREADABLE", "SERVER_ERROR", "REDIRECT", "PROXY_502_HTML", "NOT_FOUND_HTML"})
    void shouldDeliverTheBroadcastToEveryoneExactlyOnceAndSayWhileEveryCallFails(final HostileBotApi.Mode mode)
        throws Exception
    {
        start(2);
        api.mode(mode);
        post(update(ADMIN, "/broadcast " + TEXT));
        final long recipients = USERS + 1; // the admin too
        final OutboundAgent agent = server.outbound().agent();
        if (mode == HostileBotApi.Mode.RETRY_AFTER_HUGE || mode == HostileBotApi.Mode.RETRY_AFTER_UNREADABLE)
        {
            // 429s from several chats pause everything: the same chats are tried again when the pause ends
            await(() -> agent.answerCounters().count(AnswerKind.TOO_MANY_REQUESTS) >= 9,
                mode + ": sending goes on after each (capped) pause");
        }
        else
        {
            await(this::triedEveryone, mode + ": every recipient is tried");
        }
        final boolean everyCallFails = switch (mode)
        {
            case RESET_REUSED, CLOSE_REUSED, DOUBLE_ANSWER, BAD_UTF8_OK, RETRY_AFTER_HUGE, RETRY_AFTER_UNREADABLE -> false;
            default -> true;
        };
        if (everyCallFails)
        {
            await(() -> health().contains("\"botApi\":{\"status\":\"degraded\""), mode + ": /healthz says every call fails");
        }
        api.mode(HostileBotApi.Mode.WELL);
        await(agent::isIdle, mode + ": the broadcast is finished");

        final Map<Long, Integer> acted = api.acted(TEXT);
        assertEquals(recipients, acted.size(), () -> mode + ": everyone got it: " + acted);
        acted.forEach((chat, times) -> assertEquals(1, times, () -> mode + ": chat " + chat + " got it once: " + acted));

        // a call that works makes the Bot API ok again
        post(update(1, "/send"));
        await(() -> results.stream().anyMatch(r -> r.startsWith("7:true")), "a later call is sent");
        await(() -> health().contains("\"botApi\":{\"status\":\"ok\""), "/healthz is ok again: " + health());
        final long lines = agent.answerCounters().lines();
        assertTrue(lines <= AnswerCounters.GLOBAL_PAUSE + 1, "one line per kind of answer and anomaly in a minute: " + lines);
        assertTrue(lines >= 1 || mode == HostileBotApi.Mode.DOUBLE_ANSWER, mode + " is logged");
        final String metrics = metrics();
        assertTrue(metrics.contains("ringbot_botapi_answers_total{kind=\"ok\"}"), metrics);
        if (mode == HostileBotApi.Mode.RETRY_AFTER_HUGE)
        {
            assertTrue(agent.answerCounters().count(AnswerAnomaly.RETRY_AFTER_CAPPED) >= 1);
            assertTrue(!metrics.contains("ringbot_botapi_anomalies_total{kind=\"retry_after_capped\"} 0.0"), metrics);
        }
        if (mode == HostileBotApi.Mode.BAD_UTF8_OK)
        {
            assertEquals(recipients, server.counters().counter(RingbotCounter.BROADCAST_SENT).get(),
                "an ok answer with a stray byte in its description is a message sent");
        }
    }

    @Test
    void shouldKeepTheDescriptionOfAnErrorWithAnUnreadableErrorCode() throws Exception
    {
        start(2);
        api.mode(HostileBotApi.Mode.HUGE_ERROR_CODE);
        post(update(1, "/send"));
        await(() -> results.size() == 1, "the result reaches the bot");
        assertEquals("7:false:400:Bad Request: chat not found", results.get(0));
        assertEquals(1, server.outbound().agent().answerCounters().count(AnswerAnomaly.ERROR_CODE_UNREADABLE));
    }

    private boolean triedEveryone()
    {
        for (long user = 1; user <= USERS; user++)
        {
            if (api.requests(user) == 0)
            {
                return false;
            }
        }
        return api.requests(ADMIN) > 0;
    }

    private String health()
    {
        return get("/healthz");
    }

    private String metrics()
    {
        return get("/metrics");
    }

    private String get(final String path)
    {
        try
        {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.opsPort() + path))
                .GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        }
        catch (final IOException | InterruptedException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private String update(final long user, final String text)
    {
        return "{\"update_id\":" + updateIds.getAndIncrement() + ",\"message\":{\"message_id\":1,\"date\":1," +
            "\"from\":{\"id\":" + user + ",\"is_bot\":false,\"first_name\":\"U\"},\"chat\":{\"id\":" + user +
            ",\"type\":\"private\"},\"text\":\"" + text + "\"}}";
    }

    private void post(final String body) throws IOException, InterruptedException
    {
        final HttpResponse<String> response = http.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + server.webhookPort() + "/webhook"))
            .header("X-Telegram-Bot-Api-Secret-Token", SECRET)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
    }
}

package io.ringbot.io.outbound;

import io.ringbot.bot.Bot;
import io.ringbot.bot.BroadcastCommand;
import io.ringbot.io.RingbotServer;
import io.ringbot.io.TestContexts;
import io.ringbot.io.config.ServerContext;
import io.ringbot.engine.reference.ReferenceBot;
import io.ringbot.store.StateStore;
import io.ringbot.store.record.LongField;
import io.ringbot.store.record.RecordSchema;
import io.ringbot.store.StoreContext;
import io.ringbot.engine.outbound.OutboundDescriptor;
import io.ringbot.engine.outbound.OutboundRing;
import io.ringbot.store.status.CountersFile;
import io.ringbot.store.status.RingbotCounter;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The outbound Bot API end to end: a real server with a bot, its calls sent to a strict stand-in Bot
 * API on loopback, results coming back to the bot.
 */
class OutboundSystemTest
{
    static final String TOKEN = "123456:test-token";
    static final String SECRET = "secret";
    static final long ADMIN = 99;

    @TempDir
    Path data;

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> results = new CopyOnWriteArrayList<>();
    private final AtomicLong updateIds = new AtomicLong(1);
    private StandInBotApi api;
    private RingbotServer server;
    private long sendTimeoutMillis = OutboundContext.TIMEOUT_MILLIS_DEFAULT;

    @AfterEach
    void tearDown()
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

    /** The test bot's records: the reference bot's users, and chats that keep the id of a message sent. */
    private static final RecordSchema CHATS = RecordSchema.named("chats");
    private static final LongField SENT_MESSAGE = CHATS.longField("sentMessageId");

    private Bot bot()
    {
        return new Bot()
            .records(ReferenceBot.USERS, CHATS)
            .command("send", ctx -> ctx.outbound().sendMessage(ctx.update().chatId()).text("sent").send(7))
            .command("edit", ctx -> ctx.outbound()
                .editMessageText(ctx.update().chatId(), ctx.chat().get(SENT_MESSAGE)).text("edited").send(8))
            .command("burst", ctx ->
            {
                final String[] args = ctx.commandArgs().toString().split(" ");
                final long chat = Long.parseLong(args[0]);
                for (int i = 0; i < Integer.parseInt(args[1]); i++)
                {
                    final boolean accepted = ctx.outbound().sendMessage(chat).text("m" + i).send(i);
                    assertTrue(accepted);
                }
            })
            .adminCommand("broadcast", new BroadcastCommand())
            .text(ctx -> ctx.sendMessage().text("ok"))
            .onSendResult((ctx, result) ->
            {
                results.add(result.correlation() + ":" + result.ok() + ":" + result.messageId() + ":" +
                    result.errorCode() + ":" + result.description());
                if (result.ok() && result.correlation() == 7 && ctx.hasChat())
                {
                    ctx.chat().set(SENT_MESSAGE, result.messageId()); // the bot keeps the id to edit it later
                }
            });
    }

    private void start(final double chatPerSecond, final int burst, final int groupPerMinute, final int total)
        throws Exception
    {
        start(chatPerSecond, burst, groupPerMinute, total, 16);
    }

    private void start(final double chatPerSecond, final int burst, final int groupPerMinute, final int total,
        final int connections) throws Exception
    {
        api = new StandInBotApi(TOKEN, chatPerSecond, burst, groupPerMinute, total);
        final ServerContext config = TestContexts.onFreePorts(data, 20_000, SECRET);
        config.engine().adminIds(new long[]{ADMIN});
        config.outbound().botToken(TOKEN).botApiUrl(api.url()).chatPerSecond(chatPerSecond).chatBurst(burst)
            .groupPerMinute(groupPerMinute).totalPerSecond(total).connections(connections).retryBackoffInitialMillis(100)
            .timeoutMillis(sendTimeoutMillis);
        server = new RingbotServer(config, bot());
    }

    @Test
    void shouldReturnTheSendResultAsAnEventAndLetTheBotEditTheMessageLater() throws Exception
    {
        start(10, 3, 20, 30);
        post(update(42, "/send"));
        await(() -> results.size() == 1, "the result of sendMessage reaches the bot");
        final StandInBotApi.Call sent = api.calls(42).get(0);
        assertEquals("sendMessage", sent.method());
        assertEquals("7:true:" + sent.messageId() + ":0:", results.get(0).replace("null", ""));

        post(update(42, "/edit"));
        await(() -> results.size() == 2, "the result of editMessageText reaches the bot");
        final StandInBotApi.Call edit = api.calls(42).get(1);
        assertEquals("editMessageText", edit.method());
        assertEquals(sent.messageId(), edit.body().get("message_id").asLong(), "the stored message_id is edited");
        assertEquals("edited", edit.body().get("text").asText());
        assertTrue(results.get(1).startsWith("8:true:"), results.get(1));
    }

    @Test
    void shouldNotSendAgainACallSentAndNeverAnsweredAndTellTheBotItsOutcomeIsUnknown() throws Exception
    {
        sendTimeoutMillis = 1_000;
        start(10, 3, 20, 30);
        api.delayMillis(2_500); // Telegram acts on the call, its answer comes too late
        post(update(42, "/send"));
        await(() -> results.size() == 1, "the bot hears of the call");
        assertTrue(results.get(0).startsWith("7:false:0:-2:"), results.get(0));
        api.delayMillis(0);
        // the stand-in records a call as it answers (2.5 s after it came); a retry would be pending until answered
        await(() -> api.calls(42).size() >= 1, "the stand-in answered the call late");
        await(server.outbound().agent()::isIdle, "nothing is left to send");
        assertEquals(1, api.calls(42).size(), "sent once, never again (it may have been delivered): " + api.calls(42));
        assertEquals(1, server.counters().counter(RingbotCounter.OUTBOUND_UNKNOWN_OUTCOME).get());
    }

    @Test
    void shouldSkipARecordItCannotReadAndSendTheCallsBehindIt() throws Exception
    {
        // a queue file holding records of types this version does not know, and a damaged call
        try (CountersFile counters = CountersFile.create(Files.createDirectories(data.resolve("scratch")));
            OutboundRing ring = OutboundRing.open(data, OutboundRing.CAPACITY_DEFAULT, counters))
        {
            final UnsafeBuffer record = new UnsafeBuffer(new byte[64]);
            assertTrue(ring.ring().write(99, record, 0, 64));
            assertTrue(ring.ring().write(3, record, 0, 64)); // an earlier build's call layout (UTF-8 texts)
            record.putInt(OutboundDescriptor.METHOD_LENGTH_OFFSET, 1_000); // longer than the record
            assertTrue(ring.ring().write(OutboundDescriptor.CALL_TYPE, record, 0, 64));
        }
        start(10, 3, 20, 30);
        post(update(42, "/send"));
        await(() -> results.size() == 1, "the call behind them is sent");
        assertTrue(results.get(0).startsWith("7:true:"), results.get(0));
        assertEquals(3, server.counters().counter(RingbotCounter.OUTBOUND_FAILED).get(), "each counted");
    }

    @Test
    void shouldKeepEveryFloodLimitAndEachChatsOrder() throws Exception
    {
        start(5, 3, 4, 20);
        for (long chat = 1; chat <= 4; chat++)
        {
            post(update(ADMIN, "/burst " + chat + " 10"));
        }
        post(update(ADMIN, "/burst -100 6"));
        await(() -> api.delivered("sendMessage").values().stream().mapToInt(Integer::intValue).sum() == 44,
            "40 private messages and the group's first 4 are delivered");
        await(() -> server.counters().counter(RingbotCounter.OUTBOUND_QUEUE_DEPTH).get() == 2 &&
            server.counters().counter(RingbotCounter.OUTBOUND_IN_FLIGHT).get() == 0, "the group's last two wait");
        final Map<Long, Integer> delivered = api.delivered("sendMessage");
        assertEquals(4, delivered.get(-100L), "the group's minute allows 4: the rest waits");
        assertEquals(0, api.violations(), "no limit was broken");
        for (long chat = 1; chat <= 4; chat++)
        {
            final List<String> texts = api.calls(chat).stream().map(StandInBotApi.Call::text).toList();
            assertEquals(List.of("m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9"), texts);
            final List<StandInBotApi.Call> calls = api.calls(chat);
            // burst of 3, then 5 a second: the 10th is at least 1.4 s after the first
            assertTrue(calls.get(9).atMillis() - calls.get(0).atMillis() >= 1_300,
                "chat " + chat + " took " + (calls.get(9).atMillis() - calls.get(0).atMillis()) + " ms");
        }
    }

    @Test
    void shouldWaitOutRetryAfterForThatChatOnly() throws Exception
    {
        start(50, 10, 20, 100);
        api.inject(1, 429, "Too Many Requests: retry after 2", 2);
        post(update(ADMIN, "/burst 1 1"));
        post(update(ADMIN, "/burst 2 3"));
        await(() -> api.delivered("sendMessage").getOrDefault(1L, 0) == 1, "chat 1's message goes out after the pause");
        final List<StandInBotApi.Call> one = api.calls(1);
        assertEquals(429, one.get(0).status());
        assertTrue(one.get(1).atMillis() - one.get(0).atMillis() >= 2_000,
            "retry_after waited out: " + (one.get(1).atMillis() - one.get(0).atMillis()) + " ms");
        final List<StandInBotApi.Call> two = api.calls(2);
        assertEquals(3, two.size());
        assertTrue(two.get(2).atMillis() < one.get(1).atMillis() - 1_000, "chat 2 was not paused");
        assertEquals(1, server.counters().counter(RingbotCounter.OUTBOUND_TOO_MANY_REQUESTS).get());
        assertEquals(0, api.violations());
    }

    @Test
    void shouldRetryServerErrorsAndNotRetryOtherClientErrors() throws Exception
    {
        start(50, 10, 20, 100);
        api.inject(5, 502, "Bad Gateway", 0);
        api.inject(6, 400, "Bad Request: chat not found", 0);
        post(update(5, "/send"));
        post(update(6, "/send"));
        await(() -> results.size() == 2, "both results reach the bot");
        assertEquals(2, api.calls(5).size(), "a 502 is retried");
        assertEquals(200, api.calls(5).get(1).status());
        assertEquals(1, api.calls(6).size(), "a 400 is not retried");
        assertTrue(results.contains("7:false:0:400:Bad Request: chat not found"), results.toString());
        final String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.opsPort() + "/metrics"))
            .GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(metrics.contains("ringbot_sends_total{method=\"sendMessage\",result=\"ok\"} 1"), metrics);
        assertTrue(metrics.contains("ringbot_sends_total{method=\"sendMessage\",result=\"retry\"} 1"), metrics);
        assertTrue(metrics.contains("ringbot_sends_total{method=\"sendMessage\",result=\"error\"} 1"), metrics);
    }

    @Test
    void shouldNotRetryABlockedUserAndSkipThemInTheNextBroadcast() throws Exception
    {
        start(50, 10, 20, 200);
        for (long user = 1; user <= 10; user++)
        {
            post(update(user, "hello"));
        }
        api.block(3);
        post(update(ADMIN, "/broadcast first"));
        await(() -> count("first") == 10 && api.calls(3).size() == 1, "the broadcast reaches all but the blocked user");
        assertEquals(403, api.calls(3).get(0).status());
        await(() -> server.counters().counter(RingbotCounter.OUTBOUND_BLOCKED).get() == 1, "the block is counted");
        Thread.sleep(300); // the engine marks the record

        post(update(ADMIN, "/broadcast second"));
        await(() -> count("second") == 10, "the second broadcast reaches the others");
        await(server.outbound().agent()::isIdle, "the broadcast is finished");
        assertEquals(1, api.calls(3).size(), "the blocked user is skipped, never retried");
        assertTrue(api.calls(ADMIN).stream().anyMatch(c -> "Broadcast".equals(first(c.text())) &&
            c.text().contains("sending to 10 recipients")), "the admin is told the number of recipients");

        post(update(3, "I am back"));
        post(update(ADMIN, "/broadcast third"));
        await(() -> api.calls(3).size() == 2, "a user who writes again is a recipient again");
        assertEquals(0, api.violations());
    }

    @Test
    void shouldTellTheAdminTheNumberOfRecipientsAfterARestartWhenTheAnswerHadNotGoneOut() throws Exception
    {
        start(50, 10, 20, 200);
        for (long user = 1; user <= 5; user++)
        {
            post(update(user, "hello"));
        }
        api.inject(ADMIN, 429, "Too Many Requests: retry after 60", 60); // the admin's chat waits a minute
        post(update(ADMIN, "/broadcast kept"));
        await(() -> count("kept") == 5, "the broadcast reaches everyone but the admin, whose chat waits");
        assertTrue(api.calls(ADMIN).stream().noneMatch(c -> c.status() == 200), "the admin's answer has not gone out");
        server.close();
        server = null;
        api.close();

        start(50, 10, 20, 200); // a new process over the same data folder
        await(() -> api.calls(ADMIN).size() == 2, "the answer and the admin's own copy go out after the restart");
        await(server.outbound().agent()::isIdle, "the broadcast is finished");
        assertEquals(1, api.calls(ADMIN).stream().filter(c -> c.status() == 200 &&
            "Broadcast".equals(first(c.text())) && c.text().contains("sending to 6 recipients")).count(),
            () -> "the admin is told once: " + api.calls());
        assertEquals(1, count("kept"), "only the admin's copy was left to send: " + api.calls());
        assertEquals(0, api.violations());
    }

    @Test
    void shouldBroadcastToFiveThousandUsersExactlyOnceAtTheTotalLimit() throws Exception
    {
        final int users = 5_000;
        try (StateStore store = StateStore.open(new StoreContext().dataDir(data).usersCapacity(20_000)
            .userSchema(ReferenceBot.USERS).chatSchema(CHATS)))
        {
            for (long id = 1; id <= users; id++)
            {
                store.users().acquire(id).id(id);
            }
        }
        final int total = 1_000;
        start(1, 3, 20, total, 64);
        post(update(ADMIN, "/broadcast hello everyone"));
        final int recipients = users; // the admin (99) is one of them
        await(() -> count("hello everyone") == recipients, "everyone gets the broadcast");
        await(server.outbound().agent()::isIdle, "the broadcast is finished");
        final List<StandInBotApi.Call> calls = api.calls().stream()
            .filter(c -> "hello everyone".equals(c.text())).toList();
        assertEquals(recipients, calls.size(), () -> "no one twice: " + calls.stream().filter(c -> c.status() != 200)
            .map(c -> c.chatId() + "=" + c.status()).toList());
        assertEquals(recipients, calls.stream().mapToLong(StandInBotApi.Call::chatId).distinct().count());
        assertEquals(0, api.violations(), "no limit was broken");
        final long took = calls.get(calls.size() - 1).atMillis() - calls.get(0).atMillis();
        final long least = (recipients - total) * 1000L / total; // the first second's worth goes at once
        assertTrue(took >= least - 100 && took <= least * 2 + 2_000,
            "took " + took + " ms at " + total + "/s for " + recipients + " (at least " + least + " ms)");
        assertEquals(recipients, server.counters().counter(RingbotCounter.BROADCAST_SENT).get());
    }

    @Test
    void shouldBeDownForSendingWhenTheTokenIsRefusedAndDegradedWhenTheApiIsUnreachable() throws Exception
    {
        api = new StandInBotApi("other:token", 10, 3, 20, 30);
        ServerContext config = TestContexts.onFreePorts(data, StoreContext.USERS_CAPACITY_DEFAULT, SECRET);
        config.outbound().botToken(TOKEN).botApiUrl(api.url());
        server = new RingbotServer(config, bot());
        post(update(42, "/send"));
        await(() -> health().contains("BOT_TOKEN refused"), "a 401 shows on /healthz");
        assertTrue(health().startsWith("{\"status\":\"down\""), health());
        assertEquals(1, server.counters().counter(RingbotCounter.OUTBOUND_QUEUE_DEPTH).get(), "the call is kept");
        assertTrue(results.isEmpty(), "no result: the call waits for a valid token");
        server.close();

        final int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0))
        {
            closedPort = socket.getLocalPort();
        }
        config = TestContexts.onFreePorts(data, StoreContext.USERS_CAPACITY_DEFAULT, SECRET);
        config.outbound().botToken(TOKEN).botApiUrl("http://127.0.0.1:" + closedPort).retryBackoffInitialMillis(100);
        server = new RingbotServer(config, bot());
        await(() -> health().contains("unreachable or failing"), "an unreachable Bot API shows on /healthz");
        assertTrue(health().startsWith("{\"status\":\"degraded\""), health());
    }

    private String health()
    {
        try
        {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.opsPort() + "/healthz"))
                .GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        }
        catch (final IOException | InterruptedException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private long count(final String text)
    {
        return api.calls().stream().filter(c -> text.equals(c.text()) && c.status() == 200).count();
    }

    private static String first(final String text)
    {
        return text == null ? "" : text.split(" ")[0];
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

    static void await(final BooleanSupplier condition, final String what) throws InterruptedException
    {
        final long deadline = System.currentTimeMillis() + 30_000;
        while (!condition.getAsBoolean())
        {
            assertTrue(System.currentTimeMillis() < deadline, "timed out waiting: " + what);
            Thread.sleep(20);
        }
    }
}

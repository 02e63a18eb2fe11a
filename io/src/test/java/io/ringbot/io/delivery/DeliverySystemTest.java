package io.ringbot.io.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringbot.io.RingbotServer;
import io.ringbot.io.TestContexts;
import io.ringbot.io.config.ServerContext;
import io.ringbot.io.outbound.StandInBotApi;
import io.ringbot.io.outbound.StandInDelivery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Webhook registration and long polling against the stand-in Bot API, with a real server and the
 * reference bot.
 */
class DeliverySystemTest
{
    static final String TOKEN = "123456:delivery-token";
    static final String SECRET = "delivery-secret";
    static final int USERS = 20;
    static final int MESSAGES_PER_USER = 15;

    @TempDir
    Path data;

    private StandInBotApi api;
    private RingbotServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void startApi() throws Exception
    {
        api = new StandInBotApi(TOKEN, 1000, 1000, 1000, 100_000);
    }

    @AfterEach
    void stop()
    {
        if (server != null)
        {
            server.close();
        }
        api.close();
    }

    private ServerContext config(final Consumer<DeliveryContext> delivery)
    {
        final ServerContext context = TestContexts.onFreePorts(data, 20_000, SECRET);
        context.outbound().botToken(TOKEN).botApiUrl(api.url()).chatPerSecond(1000).chatBurst(1000).totalPerSecond(100_000)
            .retryBackoffInitialMillis(100);
        delivery.accept(context.delivery());
        return context;
    }

    @Test
    void shouldRegisterTheWebhookWithOurUrlSecretKindsAndConnections() throws Exception
    {
        server = new RingbotServer(config(d -> d.publicUrl("https://bot.example.com/").webhookMaxConnections(7)), null);
        final List<JsonNode> calls = api.delivery().calls("setWebhook");
        assertEquals(1, calls.size());
        final JsonNode call = calls.get(0);
        assertEquals("https://bot.example.com/webhook", call.path("url").asText());
        assertEquals(SECRET, call.path("secret_token").asText());
        assertEquals(7, call.path("max_connections").asInt());
        assertFalse(call.path("drop_pending_updates").asBoolean(true));
        assertEquals("[\"message\",\"callback_query\"]", call.path("allowed_updates").toString());
        assertEquals("https://bot.example.com/webhook", api.delivery().url());
        await(() -> health().contains("\"webhook\":{\"status\":\"ok\",\"managed\":true"), "the webhook check is ok");
        assertTrue(metrics().contains("ringbot_delivery_webhook_drift 0"), metrics());
    }

    @Test
    void shouldDropPendingUpdatesOnlyWhenAsked() throws Exception
    {
        server = new RingbotServer(config(d -> d.publicUrl("https://bot.example.com").dropPendingUpdates(true)), null);
        assertTrue(api.delivery().calls("setWebhook").get(0).path("drop_pending_updates").asBoolean(false));
    }

    @Test
    void shouldLeaveTheRegistrationAloneWithoutPublicUrl() throws Exception
    {
        server = new RingbotServer(config(d -> { }), null);
        assertTrue(api.delivery().calls("setWebhook").isEmpty());
        assertTrue(api.delivery().calls("getWebhookInfo").isEmpty());
        assertTrue(health().contains("\"webhook\":{\"status\":\"ok\",\"managed\":false"), health());
    }

    @Test
    void shouldStopTheStartWhenTelegramRefusesTheWebhook()
    {
        api.delivery().refuseSetWebhook("Bad Request: bad webhook: Failed to resolve host: Name or service not known");
        final IllegalStateException refused = assertThrows(IllegalStateException.class,
            () -> server = new RingbotServer(config(d -> d.publicUrl("https://nowhere.example")), null));
        assertTrue(refused.getMessage().contains("Failed to resolve host"), refused.getMessage());
    }

    @Test
    void shouldShowDriftAndDeliveryErrorsOnHealthz() throws Exception
    {
        server = new RingbotServer(config(d -> d.publicUrl("https://bot.example.com")), null);
        api.delivery().registerElsewhere("https://other.example.com/hook");
        server.registrar().check();
        assertTrue(health().startsWith("{\"status\":\"degraded\""), health());
        assertTrue(health().contains("\"drift\":true"), health());
        assertTrue(metrics().contains("ringbot_delivery_webhook_drift 1"), metrics());

        api.delivery().setWebhookBack("https://bot.example.com/webhook");
        api.delivery().deliveryError(System.currentTimeMillis() / 1000 - 5, "Connection timed out");
        server.registrar().check();
        assertTrue(health().startsWith("{\"status\":\"degraded\""), health());
        assertTrue(health().contains("\"drift\":false"), health());
        assertTrue(health().contains("Connection timed out"), health());

        api.delivery().deliveryError(System.currentTimeMillis() / 1000 - 3600, "Connection timed out");
        server.registrar().check();
        assertTrue(health().startsWith("{\"status\":\"ok\""), "an old error no longer degrades: " + health());
    }

    @Test
    void shouldPollUpdatesFromTwentyUsersAndSendEveryReply() throws Exception
    {
        final StandInDelivery telegram = api.delivery();
        telegram.registerElsewhere("https://old.example.com/webhook"); // polling deletes it first
        long last = 0;
        for (int m = 1; m <= MESSAGES_PER_USER; m++)
        {
            for (int u = 1; u <= USERS; u++)
            {
                last = telegram.enqueue(StandInDelivery.textMessage(u, m, "hello " + m));
            }
        }
        server = new RingbotServer(config(d -> d.polling(true).pollTimeoutSeconds(2)), null);
        assertEquals("", telegram.url(), "the webhook was deleted");
        assertFalse(telegram.calls("deleteWebhook").get(0).path("drop_pending_updates").asBoolean(true));
        await(() -> sent() == USERS * MESSAGES_PER_USER, "every reply sent");
        for (int u = 1; u <= USERS; u++)
        {
            final List<StandInBotApi.Call> calls = api.calls(u);
            assertEquals(MESSAGES_PER_USER, calls.size(), "user " + u);
            assertEquals("count=" + MESSAGES_PER_USER, calls.get(calls.size() - 1).text(), "user " + u);
        }
        final long expected = last + 1;
        await(() -> server.poller().offset() == expected, "the offset passes the last update");
        assertEquals(Long.toString(expected), Files.readString(data.resolve(UpdatePoller.OFFSET_FILE)));
        final JsonNode poll = telegram.calls("getUpdates").get(0);
        assertEquals(100, poll.path("limit").asInt());
        assertEquals("[\"message\",\"callback_query\"]", poll.path("allowed_updates").toString());

        server.close();
        final List<JsonNode> polls = telegram.calls("getUpdates");
        final JsonNode confirm = polls.get(polls.size() - 1);
        assertEquals(expected, confirm.path("offset").asLong(), "the offset is confirmed at close: " + confirm);
        assertEquals(0, confirm.path("timeout").asInt());
        assertEquals(1, confirm.path("limit").asInt());
        assertEquals(0, telegram.pending(), "Telegram forgot the applied updates");
        assertNull(server.deliveryFailure());
        server = null;
    }

    @Test
    void shouldRetryServerErrorsWithBackoffAndLoseNothing() throws Exception
    {
        final StandInDelivery telegram = api.delivery();
        telegram.failGetUpdates(502, 2);
        for (int u = 1; u <= 3; u++)
        {
            telegram.enqueue(StandInDelivery.textMessage(u, 1, "hi"));
        }
        server = new RingbotServer(config(d -> d.polling(true).pollTimeoutSeconds(1)), null);
        await(() -> sent() == 3, "every reply sent after the 502s");
        assertTrue(metrics().contains("ringbot_delivery_poll_errors_total 2"), metrics());
        assertNull(server.deliveryFailure());
    }

    @Test
    void shouldStopPollingWhenTheTokenIsRefusedWhileRunning() throws Exception
    {
        api.delivery().failGetUpdates(401, 1);
        server = new RingbotServer(config(d -> d.polling(true).pollTimeoutSeconds(1)), null);
        await(() -> server.deliveryFailure() != null, "the refusal stops polling");
        assertTrue(server.deliveryFailure().contains("401") && server.deliveryFailure().contains("@BotFather"),
            server.deliveryFailure());
        // the polling thread ends by itself: nothing can poll again, so the count below is final
        await(() -> server.poller().stopped(), "polling ends after a 401");
        assertEquals(1, api.delivery().calls("getUpdates").size(), "no more polling after a 401");
    }

    @Test
    void shouldStopPollingWhenAnotherPollerTakesOver() throws Exception
    {
        server = new RingbotServer(config(d -> d.polling(true).pollTimeoutSeconds(5)), null);
        // the stand-in records a getUpdates as it arrives and waits the long poll out: the server's is waiting now
        await(() -> !api.delivery().calls("getUpdates").isEmpty(), "the server's getUpdates arrives");
        final HttpResponse<String> other = http.send(HttpRequest.newBuilder(URI.create(api.url() + "/bot" + TOKEN +
            "/getUpdates")).POST(HttpRequest.BodyPublishers.ofString("{\"timeout\":0}")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(200, other.statusCode());
        await(() -> server.deliveryFailure() != null, "the server notices the other poller");
        assertTrue(server.deliveryFailure().contains("409") &&
            server.deliveryFailure().contains("stop the other instance"), server.deliveryFailure());
    }

    @Test
    void shouldRefuseToStartPollingWithAWrongToken()
    {
        final ServerContext config = config(d -> d.polling(true));
        config.outbound().botToken("999:wrong");
        final IllegalStateException refused = assertThrows(IllegalStateException.class,
            () -> server = new RingbotServer(config, null));
        assertTrue(refused.getMessage().contains("401") && refused.getMessage().contains("BotFather"),
            refused.getMessage());
    }

    private long sent()
    {
        long total = 0;
        for (final Map.Entry<Long, Integer> e : api.delivered("sendMessage").entrySet())
        {
            total += e.getValue();
        }
        return total;
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
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.opsPort() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        }
        catch (final java.io.IOException ex)
        {
            throw new java.io.UncheckedIOException(ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    static void await(final BooleanSupplier condition, final String what) throws InterruptedException
    {
        final long deadline = System.currentTimeMillis() + 60_000;
        while (!condition.getAsBoolean())
        {
            assertTrue(System.currentTimeMillis() < deadline, what + " within 60 s");
            Thread.sleep(20);
        }
    }
}

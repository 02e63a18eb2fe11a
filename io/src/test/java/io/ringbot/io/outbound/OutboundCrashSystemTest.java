package io.ringbot.io.outbound;

import io.ringbot.io.ServerProcess;
import io.ringbot.engine.reference.ReferenceBot;
import io.ringbot.store.StateStore;
import io.ringbot.store.StoreContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.ringbot.io.outbound.OutboundSystemTest.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A kill -9 in the middle of a broadcast, then a restart: every user gets it exactly once, except the
 * calls in flight at the crash, whose outcome is unknown: they are counted and never sent twice.
 */
class OutboundCrashSystemTest
{
    private static final int USERS = 3_000;
    private static final long ADMIN = 1;

    @TempDir
    Path data;

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Process> processes = new ArrayList<>();
    private StandInBotApi api;

    @AfterEach
    void tearDown()
    {
        processes.forEach(Process::destroyForcibly);
        if (api != null)
        {
            api.close();
        }
    }

    @Test
    void shouldSendEveryBroadcastMessageAtMostOnceAcrossAKillAndCountTheUnknown() throws Exception
    {
        try (StateStore store = StateStore.open(new StoreContext().dataDir(data).usersCapacity(20_000)
            .userSchema(ReferenceBot.USERS).chatSchema(ReferenceBot.CHATS)))
        {
            for (long id = 1; id <= USERS; id++)
            {
                store.users().acquire(id).id(id);
            }
        }
        api = new StandInBotApi(OutboundSystemTest.TOKEN, 1, 3, 20, 300);
        api.delayMillis(20); // calls are in flight when the kill comes
        final int port = ServerProcess.freePort();
        final Process first = start(port, ServerProcess.freePort());
        post(port, "{\"update_id\":1,\"message\":{\"message_id\":1,\"date\":1,\"from\":{\"id\":1,\"is_bot\":false," +
            "\"first_name\":\"A\"},\"chat\":{\"id\":1,\"type\":\"private\"},\"text\":\"/broadcast survive\"}}");
        await(() -> count() >= USERS / 3, "a third of the broadcast is out");
        first.destroyForcibly(); // SIGKILL
        assertTrue(first.waitFor(30, TimeUnit.SECONDS));
        final long beforeRestart = count();
        assertTrue(beforeRestart < USERS, "the kill came in the middle: " + beforeRestart);

        final int opsPort = ServerProcess.freePort();
        start(port, opsPort);
        final long[] unknown = new long[1];
        await(() ->
        {
            unknown[0] = metric(opsPort, "ringbot_outbound_unknown_outcome_total");
            return count() + unknown[0] >= USERS && metric(opsPort, "ringbot_broadcast_recipients") == 0;
        }, "the broadcast finishes after the restart");
        await(() -> metric(opsPort, "ringbot_outbound_in_flight") == 0 && metric(opsPort, "ringbot_outbound_queue_depth") == 0,
            "nothing is left to send");
        final Map<Long, Integer> delivered = api.delivered("sendMessage");
        final long missing = USERS - api.calls().stream()
            .filter(c -> "survive".equals(c.text()) && c.status() == 200).mapToLong(StandInBotApi.Call::chatId).distinct().count();
        assertTrue(api.calls().stream().filter(c -> "survive".equals(c.text()) && c.status() == 200)
            .mapToLong(StandInBotApi.Call::chatId).distinct().count() ==
            api.calls().stream().filter(c -> "survive".equals(c.text()) && c.status() == 200).count(), "nobody twice");
        assertTrue(missing <= unknown[0], missing + " users without the message, " + unknown[0] + " unknown outcomes");
        assertTrue(unknown[0] <= 16, "at most the connections' worth in flight: " + unknown[0]);
        assertEquals(0, api.violations());
        System.out.println("kill -9 after " + beforeRestart + " of " + USERS + "; unknown outcomes " + unknown[0] +
            ", of which not delivered " + missing + "; " + delivered.size() + " chats delivered");
    }

    private long count()
    {
        return api.calls().stream().filter(c -> "survive".equals(c.text()) && c.status() == 200).count();
    }

    private void post(final int port, final String body) throws Exception
    {
        final HttpResponse<String> response = http.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + "/webhook"))
            .header("X-Telegram-Bot-Api-Secret-Token", OutboundSystemTest.SECRET)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains("Broadcast queued"), response.body());
    }

    private long metric(final int opsPort, final String name)
    {
        try
        {
            final String text = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + opsPort + "/metrics"))
                .GET().build(), HttpResponse.BodyHandlers.ofString()).body();
            final Matcher m = Pattern.compile("(?m)^" + name + " ([0-9.E+]+)$").matcher(text);
            assertTrue(m.find(), name + " in /metrics");
            return (long)Double.parseDouble(m.group(1));
        }
        catch (final IOException | InterruptedException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private Process start(final int port, final int opsPort) throws Exception
    {
        final Process process = ServerProcess.start("512m", List.of("--port=" + port, "--ops-port=" + opsPort,
            "--data-dir=" + data, "--webhook-secret=" + OutboundSystemTest.SECRET, "--users-capacity=20000",
            "--bot-token=" + OutboundSystemTest.TOKEN, "--bot-api-url=" + api.url(), "--admin-ids=" + ADMIN,
            "--send-total-per-second=300", "--send-connections=16"), env -> { },
            data.resolveSibling(data.getFileName() + "-server.log"), "http://127.0.0.1:" + opsPort + "/healthz");
        processes.add(process);
        return process;
    }
}

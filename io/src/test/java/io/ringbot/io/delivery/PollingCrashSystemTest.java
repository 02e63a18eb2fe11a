package io.ringbot.io.delivery;

import io.ringbot.engine.reference.ReferenceBot;
import io.ringbot.io.ServerProcess;
import io.ringbot.io.outbound.StandInBotApi;
import io.ringbot.io.outbound.StandInDelivery;
import io.ringbot.store.StateStore;
import io.ringbot.store.StoreContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static io.ringbot.io.delivery.DeliverySystemTest.TOKEN;
import static io.ringbot.io.delivery.DeliverySystemTest.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A server process that long-polls is killed with SIGKILL while updates keep coming, then started again:
 * every user's count ends exact (nothing lost, nothing applied twice), and a SIGTERM confirms the offset.
 */
class PollingCrashSystemTest
{
    private static final int USERS = 20;
    private static final int MESSAGES = 30;

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
    void shouldApplyEveryPolledUpdateExactlyOnceAcrossAKill() throws Exception
    {
        api = new StandInBotApi(TOKEN, 1000, 1000, 1000, 100_000);
        final StandInDelivery telegram = api.delivery();
        final long[] last = new long[1];
        final Thread feeder = new Thread(() ->
        {
            try
            {
                for (int m = 1; m <= MESSAGES; m++)
                {
                    for (int u = 1; u <= USERS; u++)
                    {
                        last[0] = telegram.enqueue(StandInDelivery.textMessage(u, m, "hi " + m));
                        Thread.sleep(20); // updates keep coming for seconds: the kill lands in the middle
                    }
                }
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }, "feeder");
        final Process firstProcess = start(ServerProcess.freePort());
        final long first = telegram.enqueue(StandInDelivery.textMessage(USERS + 1, 1, "first"));
        feeder.start();
        await(() -> UpdatePoller.readOffset(data.resolve(UpdatePoller.OFFSET_FILE)) > first + USERS * MESSAGES / 4,
            "a quarter of the updates applied");
        firstProcess.destroyForcibly(); // SIGKILL
        assertTrue(firstProcess.waitFor(30, TimeUnit.SECONDS));
        assertTrue(feeder.isAlive() || telegram.pending() > 0, "the kill came in the middle of polling");
        final long offsetAtKill = Files.exists(data.resolve(UpdatePoller.OFFSET_FILE)) ?
            Long.parseLong(Files.readString(data.resolve(UpdatePoller.OFFSET_FILE))) : 0;

        final int opsPort = ServerProcess.freePort();
        final Process second = start(opsPort);
        feeder.join();
        await(() -> telegram.pending() == 0 &&
            UpdatePoller.readOffset(data.resolve(UpdatePoller.OFFSET_FILE)) == last[0] + 1, "every update applied");
        second.destroy(); // SIGTERM
        assertTrue(second.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, second.exitValue());
        final List<com.fasterxml.jackson.databind.JsonNode> polls = telegram.calls("getUpdates");
        final com.fasterxml.jackson.databind.JsonNode confirm = polls.get(polls.size() - 1);
        assertEquals(last[0] + 1, confirm.path("offset").asLong(), "SIGTERM confirms the offset: " + confirm);
        assertEquals(0, confirm.path("timeout").asInt());
        assertEquals(Long.toString(last[0] + 1), Files.readString(data.resolve(UpdatePoller.OFFSET_FILE)));

        try (StateStore store = StateStore.open(new StoreContext().dataDir(data).usersCapacity(20_000)
            .userSchema(ReferenceBot.USERS).chatSchema(ReferenceBot.CHATS)))
        {
            for (int u = 1; u <= USERS; u++)
            {
                assertEquals(MESSAGES, ReferenceBot.USER_MESSAGES.get(store.users().acquire(u)),
                    "user " + u + "'s count is exact: nothing lost, nothing applied twice");
            }
            assertEquals(1, ReferenceBot.USER_MESSAGES.get(store.users().acquire(USERS + 1)));
        }
        for (int u = 1; u <= USERS; u++)
        {
            final Set<Integer> counts = new HashSet<>();
            for (final StandInBotApi.Call call : api.calls(u))
            {
                if ("sendMessage".equals(call.method()) && call.status() == 200 && call.text().startsWith("count="))
                {
                    final int count = Integer.parseInt(call.text().substring("count=".length()));
                    assertTrue(counts.add(count) && count <= MESSAGES, "user " + u + " got count=" + count + " twice or over");
                }
            }
        }
        assertTrue(offsetAtKill > first && offsetAtKill <= last[0], "the kill came mid-way: " + offsetAtKill);
        System.out.println("kill -9 with the offset at " + offsetAtKill + " of " + (last[0] + 1) + "; " + replies() +
            " replies");
    }

    private long replies()
    {
        return api.delivered("sendMessage").values().stream().mapToLong(Integer::longValue).sum();
    }

    private Process start(final int opsPort) throws Exception
    {
        final Process process = ServerProcess.start("512m", List.of("--port=" + ServerProcess.freePort(),
            "--ops-port=" + opsPort, "--data-dir=" + data, "--webhook-secret=" + DeliverySystemTest.SECRET,
            "--users-capacity=20000", "--bot-token=" + TOKEN, "--bot-api-url=" + api.url(), "--polling",
            "--poll-timeout=1", "--send-chat-per-second=1000", "--send-chat-burst=1000", "--send-total-per-second=10000"),
            // no journal: a Firestore the test run shares would hold other tests' users 1..20 and their counts
            env -> env.keySet().removeIf(name -> name.startsWith("FIRESTORE_") || name.startsWith("FIREBASE_") ||
                "GOOGLE_APPLICATION_CREDENTIALS".equals(name)),
            data.resolveSibling(data.getFileName() + "-server.log"), "http://127.0.0.1:" + opsPort + "/healthz");
        processes.add(process);
        return process;
    }
}

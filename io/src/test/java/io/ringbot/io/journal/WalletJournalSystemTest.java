package io.ringbot.io.journal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringbot.engine.wallet.WalletBot;
import io.ringbot.io.RingbotServer;
import io.ringbot.io.ServerProcess;
import io.ringbot.io.TestContexts;
import io.ringbot.io.config.ServerContext;
import io.ringbot.store.journal.DocumentEncoder;
import io.ringbot.store.journal.DocumentWrite;
import io.ringbot.store.journal.JournalSink;
import io.ringbot.store.journal.RecordType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The wallet bot with the official Firestore emulator: a transfer to a user only Firestore knows, and a
 * ring of transfers among 40 users survived through a kill -9, a restart and a redelivery of everything.
 */
@Tag("firestore")
@Tag("system")
class WalletJournalSystemTest
{
    private static final String SECRET = "wallet-journal-secret";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int USERS = 40;
    private static final int ROUNDS = 20;

    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path data;

    @Test
    void shouldAdoptTheBalanceOfARecipientOnlyFirestoreKnowsAndKeepOtherSystemsFields() throws Exception
    {
        final Map<String, String> env = Emulator.journalEnvironment(Emulator.sharedHost(), Emulator.uniquePrefix());
        try (JournalSink firestore = Emulator.sink(env))
        {
            final Map<String, Object> user = new HashMap<>();
            user.put(DocumentEncoder.ID, 777L);
            user.put(DocumentEncoder.VERSION, 9L);
            user.put("balance", 500L);
            user.put("nickname", "Olga");
            user.put("crmTier", "gold");
            final Map<String, Object> chat = new HashMap<>();
            chat.put(DocumentEncoder.ID, 1L);
            chat.put(DocumentEncoder.VERSION, 2L);
            chat.put("crmNote", "keep me");
            firestore.commit(List.of(new DocumentWrite(RecordType.USER, 777, 9, user),
                new DocumentWrite(RecordType.CHAT, 1, 2, chat))).get(10, TimeUnit.SECONDS);
        }
        try (RingbotServer server = new RingbotServer(config(0).environment(env), WalletBot.create("")))
        {
            final int port = server.webhookPort();
            assertEquals("balance=70", say(port, 1, 1, "/send 777 30"));
            assertEquals("balance=530 nickname=Olga", say(port, 2, 777, "/me"), "adopted 500, plus 30");
            assertEquals("language=fr", say(port, 3, 1, "/lang fr"));
            server.close();
            assertTrue(server.synced(), "every change reached Firestore at close");
        }
        try (JournalSink firestore = Emulator.sink(env))
        {
            final Map<String, Object> olga = read(firestore, RecordType.USER, 777);
            assertEquals(530L, olga.get("balance"));
            assertEquals("Olga", olga.get("nickname"));
            assertEquals("gold", olga.get("crmTier"), "another system's field survives");
            assertEquals(70L, read(firestore, RecordType.USER, 1).get("balance"));
            final Map<String, Object> chat = read(firestore, RecordType.CHAT, 1);
            assertEquals("fr", chat.get("language"));
            assertEquals("keep me", chat.get("crmNote"));
        }
    }

    @Test
    void shouldConserveEveryCoinOfARingThroughAKillARestartAndARedelivery() throws Exception
    {
        final Map<String, String> env = Emulator.journalEnvironment(Emulator.sharedHost(), Emulator.uniquePrefix());
        final int port = ServerProcess.freePort();
        final int updates = USERS * ROUNDS;
        final AtomicInteger answered = new AtomicInteger();
        final AtomicBoolean failed = new AtomicBoolean();
        Process server = startProcess(env, port);
        final Thread ring = new Thread(() ->
        {
            try
            {
                for (int u = 1; u <= updates; u++)
                {
                    final HttpResponse<String> response = post(port, u, ringSender(u), ringText(u));
                    if (response.statusCode() != 200)
                    {
                        return;
                    }
                    answered.incrementAndGet();
                }
            }
            catch (final IOException | InterruptedException killed)
            {
                failed.set(true);
            }
        });
        ring.start();
        final long deadline = System.currentTimeMillis() + 120_000;
        while (answered.get() < updates / 3)
        {
            assertTrue(System.currentTimeMillis() < deadline, "answered " + answered.get());
            Thread.sleep(5);
        }
        server.destroyForcibly().waitFor();
        ring.join(60_000);
        final int beforeKill = answered.get();
        assertTrue(beforeKill < updates && failed.get(), "killed in the middle: " + beforeKill);

        server = startProcess(env, port);
        for (int u = 1; u <= updates; u++)
        {
            final HttpResponse<String> response = post(port, u, ringSender(u), ringText(u));
            assertEquals(200, response.statusCode(), "update " + u + ": " + response.body());
            if (u <= beforeKill)
            {
                assertEquals("", response.body(), "update " + u + " was answered before the kill: not applied again");
            }
            else if (u > beforeKill + 1)
            {
                assertTrue(response.body().contains("balance="), "update " + u + ": " + response.body());
            }
        }
        server.destroy();
        assertTrue(server.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, server.exitValue(), "SIGTERM: every change reached Firestore");

        try (JournalSink firestore = Emulator.sink(env))
        {
            long total = 0;
            for (long user = 1; user <= USERS; user++)
            {
                final long balance = (Long)read(firestore, RecordType.USER, user).get("balance");
                assertEquals(expectedBalance(user), balance, "user " + user);
                total += balance;
            }
            assertEquals(WalletBot.START_BALANCE * USERS, total, "the total is conserved");
        }
    }

    /** Update u: in round r, user i sends i coins to the next user in the ring. */
    private static long ringSender(final int u)
    {
        return (u - 1) % USERS + 1;
    }

    private static String ringText(final int u)
    {
        final long sender = ringSender(u);
        return "/send " + (sender % USERS + 1) + " " + sender;
    }

    /** Each user sends i per round and gets i - 1 (user 1 gets 40): applied exactly once each. */
    private static long expectedBalance(final long user)
    {
        final long received = user == 1 ? USERS : user - 1;
        return WalletBot.START_BALANCE + (received - user) * ROUNDS;
    }

    private static Map<String, Object> read(final JournalSink firestore, final RecordType type, final long id)
        throws Exception
    {
        return firestore.read(type, id, Duration.ofSeconds(20)).get().orElseThrow(
            () -> new AssertionError("no Firestore document for " + type + " " + id));
    }

    private String say(final int port, final long updateId, final long user, final String text) throws Exception
    {
        final HttpResponse<String> response = post(port, updateId, user, text);
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body()).get("text").asText();
    }

    private HttpResponse<String> post(final int port, final long updateId, final long user, final String text)
        throws IOException, InterruptedException
    {
        final String body = "{\"update_id\":" + updateId + ",\"message\":{\"message_id\":1,\"date\":1,\"from\":{\"id\":" +
            user + ",\"is_bot\":false,\"first_name\":\"U\"},\"chat\":{\"id\":" + user + ",\"type\":\"private\"}," +
            "\"text\":\"" + text + "\"}}";
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhook"))
            .header("X-Telegram-Bot-Api-Secret-Token", SECRET).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private ServerContext config(final int port)
    {
        final ServerContext context = TestContexts.onFreePorts(data, 10_000, SECRET);
        context.webhook().port(port);
        return context;
    }

    /** {@code ringbot serve --bot wallet} in a process of its own, so that it can be killed with SIGKILL. */
    private Process startProcess(final Map<String, String> env, final int port) throws IOException, InterruptedException
    {
        return ServerProcess.start("256m", List.of("--port=" + port,
            "--ops-port=" + ServerProcess.freePort(), "--data-dir=" + data,
            "--webhook-secret=" + SECRET, "--users-capacity=10000"), e ->
            {
                e.putAll(env);
                e.put("BOT", "wallet");
            }, data.resolveSibling(data.getFileName() + "-wallet.log"), "http://127.0.0.1:" + port + "/webhook");
    }
}

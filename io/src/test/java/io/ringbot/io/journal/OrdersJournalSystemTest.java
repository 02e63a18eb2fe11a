package io.ringbot.io.journal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringbot.engine.bot.Bot;
import io.ringbot.engine.bot.RecordState;
import io.ringbot.engine.decode.Update;
import io.ringbot.io.RingbotServer;
import io.ringbot.io.config.ServerConfig;
import io.ringbot.store.journal.DocumentEncoder;
import io.ringbot.store.journal.DocumentWrite;
import io.ringbot.store.journal.FirestoreSink;
import io.ringbot.store.journal.JournalContext;
import io.ringbot.store.journal.JournalSink;
import io.ringbot.store.journal.RecordType;
import io.ringbot.store.record.EnumField;
import io.ringbot.store.record.LongField;
import io.ringbot.store.record.RecordSchema;
import io.ringbot.store.record.StringField;
import io.ringbot.store.status.RingbotCounter;
import io.ringbot.tools.InspectTool;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A bot with a third record type (orders) with the official Firestore emulator: an order only Firestore
 * knows is adopted by the update that needs it (parked, then answered), ringbot's writes land in
 * {@code <prefix>orders/{id}} as merges that keep another system's fields, a restart keeps the orders,
 * and the inspection tool prints an order by name from the layout the data folder records.
 */
@Tag("firestore")
@Tag("system")
class OrdersJournalSystemTest
{
    enum Status
    {
        OPEN, PAID
    }

    static final RecordSchema USERS = RecordSchema.named("users");
    static final LongField SPENT = USERS.longField("spent");
    static final RecordSchema CHATS = RecordSchema.named("chats");
    static final RecordSchema ORDERS = RecordSchema.named("orders");
    static final LongField BUYER = ORDERS.longField("buyer");
    static final LongField AMOUNT = ORDERS.longField("amount");
    static final EnumField<Status> STATUS = ORDERS.enumField("status", Status.class);
    static final StringField CURRENCY = ORDERS.stringField("currency", 8).defaultValue("EUR");

    private static final String SECRET = "orders-journal-secret";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path data;

    /** "/order ID AMOUNT" creates an order (the id is the bot's), "/pay ID" pays one. */
    static Bot shopBot()
    {
        return new Bot()
            .records(USERS, CHATS, ORDERS)
            .needs(ORDERS, update -> isPay(update) ? argument(update, 1) : Update.NONE)
            .command("order", ctx ->
            {
                final RecordState order = ctx.record(ORDERS, argument(ctx.update(), 1));
                order.set(BUYER, ctx.user().id()).set(AMOUNT, argument(ctx.update(), 2));
                ctx.sendMessage().text().append("order ").append(order.id());
            })
            .command("pay", ctx ->
            {
                final RecordState order = ctx.record(ORDERS, argument(ctx.update(), 1));
                order.set(STATUS, Status.PAID);
                final long spent = ctx.user().add(SPENT, order.get(AMOUNT));
                final StringBuilder text = ctx.sendMessage().text();
                text.append("paid ").append(order.get(AMOUNT)).append(' ').append(order.get(CURRENCY, ctx.scratch()))
                    .append(" spent=").append(spent);
            });
    }

    private static boolean isPay(final Update update)
    {
        final CharSequence text = update.text();
        return update.hasText() && text.length() > 4 && text.charAt(0) == '/' && text.charAt(1) == 'p';
    }

    private static long argument(final Update update, final int n)
    {
        final CharSequence text = update.text();
        int i = 0;
        for (int word = 0; word < n; word++)
        {
            while (i < text.length() && text.charAt(i) != ' ')
            {
                i++;
            }
            while (i < text.length() && text.charAt(i) == ' ')
            {
                i++;
            }
        }
        long value = 0;
        int digits = 0;
        while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9' && digits < 18)
        {
            value = value * 10 + (text.charAt(i++) - '0');
            digits++;
        }
        return digits == 0 ? Update.NONE : value;
    }

    @Test
    void shouldAdoptAnOrderOnlyFirestoreKnowsMergeItsWritesAndKeepOrdersAcrossARestart() throws Exception
    {
        final String prefix = Emulator.uniquePrefix();
        final Map<String, String> env = env(Emulator.sharedHost(), prefix);
        final RecordType orders = RecordType.of(2, "orders");
        try (JournalSink firestore = sink(env))
        {
            final Map<String, Object> order = new HashMap<>();
            order.put(DocumentEncoder.ID, 9L);
            order.put(DocumentEncoder.VERSION, 4L);
            order.put("amount", 300L);
            order.put("currency", "USD");
            order.put("warehouse", "north");
            firestore.commit(List.of(new DocumentWrite(orders, 9, 4, order))).get(10, TimeUnit.SECONDS);
        }
        try (RingbotServer server = new RingbotServer(config(), shopBot(), env))
        {
            final int port = server.webhookPort();
            assertEquals("paid 300 USD spent=300", say(port, 1, 1, "/pay 9"), "adopted from Firestore");
            assertTrue(server.counters().counter(RingbotCounter.ENGINE_PARKED).get() >= 1, "it waited for the read");
            assertEquals("order 12", say(port, 2, 1, "/order 12 50"));
            server.close();
            assertTrue(server.synced(), "every change reached Firestore at close");
        }
        try (JournalSink firestore = sink(env))
        {
            final Map<String, Object> nine = firestore.read(orders, 9, Duration.ofSeconds(20)).get().orElseThrow();
            assertEquals("PAID", nine.get("status"));
            assertEquals(300L, nine.get("amount"));
            assertEquals("USD", nine.get("currency"));
            assertEquals("north", nine.get("warehouse"), "another system's field survives the merge");
            assertEquals(5L, nine.get(DocumentEncoder.VERSION));
            assertEquals("north", ((FirestoreSink)firestore).firestore().collection(prefix + "orders").document("9").get()
                .get(20, TimeUnit.SECONDS).getString("warehouse"), "the collection is the prefix, then the type's name");
            final Map<String, Object> twelve = firestore.read(orders, 12, Duration.ofSeconds(20)).get().orElseThrow();
            assertEquals(50L, twelve.get("amount"));
            assertEquals(1L, twelve.get("buyer"));
            assertEquals("EUR", twelve.get("currency"), "a new order starts from the schema's defaults");
            assertEquals(300L, firestore.read(RecordType.USER, 1, Duration.ofSeconds(20)).get().orElseThrow().get("spent"));
        }
        try (RingbotServer server = new RingbotServer(config(), shopBot(), env))
        {
            final long parked = server.counters().counter(RingbotCounter.ENGINE_PARKED).get();
            assertEquals("paid 50 EUR spent=350", say(server.webhookPort(), 3, 1, "/pay 12"), "kept across the restart");
            assertEquals(parked, server.counters().counter(RingbotCounter.ENGINE_PARKED).get(), "no read: in the store");
            server.close();
            assertTrue(server.synced());
        }

        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final CommandLine tool = InspectTool.commandLine();
        tool.setOut(new PrintWriter(out));
        tool.setErr(new PrintWriter(err));
        assertEquals(0, tool.execute("--data-dir", data.toString(), "get", "orders", "9"), err::toString);
        final Map<?, ?> printed = JSON.readValue(out.toString().trim(), Map.class);
        assertEquals(9, ((Number)printed.get("id")).intValue());
        assertEquals("PAID", printed.get("status"));
        assertEquals("USD", printed.get("currency"));
        assertEquals(300, ((Number)printed.get("amount")).intValue());
    }

    private String say(final int port, final long updateId, final long user, final String text) throws Exception
    {
        final String body = "{\"update_id\":" + updateId + ",\"message\":{\"message_id\":1,\"date\":1,\"from\":{\"id\":" +
            user + ",\"is_bot\":false,\"first_name\":\"U\"},\"chat\":{\"id\":" + user + ",\"type\":\"private\"}," +
            "\"text\":\"" + text + "\"}}";
        final HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhook"))
            .header("X-Telegram-Bot-Api-Secret-Token", SECRET).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body()).get("text").asText();
    }

    private ServerConfig config()
    {
        return new ServerConfig().port(0).opsPort(0).dataDir(data).usersCapacity(10_000).webhookSecret(SECRET);
    }

    private static Map<String, String> env(final String emulatorHost, final String prefix)
    {
        final Map<String, String> env = new HashMap<>();
        env.put("FIRESTORE_EMULATOR_HOST", emulatorHost);
        env.put("FIREBASE_PROJECT_ID", Emulator.PROJECT);
        env.put("FIRESTORE_COLLECTION_PREFIX", prefix);
        return env;
    }

    private static JournalSink sink(final Map<String, String> env)
    {
        return FirestoreSink.create(JournalContext.fromEnvironment(env).conclude());
    }
}

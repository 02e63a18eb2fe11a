package io.ringbot.io.journal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringbot.engine.shop.ShopBot;
import io.ringbot.io.RingbotServer;
import io.ringbot.io.TestContexts;
import io.ringbot.io.config.ServerContext;
import io.ringbot.store.journal.DocumentEncoder;
import io.ringbot.store.journal.DocumentWrite;
import io.ringbot.store.journal.FirestoreSink;
import io.ringbot.store.journal.JournalSink;
import io.ringbot.store.journal.RecordType;
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
 * The shop bot, with a third record type (orders), with the official Firestore emulator: an order only Firestore
 * knows is adopted by the update that needs it (parked, then answered), ringbot's writes land in
 * {@code <prefix>orders/{id}} as merges that keep another system's fields, a restart keeps the orders,
 * and the inspection tool prints an order by name from the layout the data folder records.
 */
@Tag("firestore")
@Tag("system")
class OrdersJournalSystemTest
{
    private static final String SECRET = "orders-journal-secret";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path data;

    @Test
    void shouldAdoptAnOrderOnlyFirestoreKnowsMergeItsWritesAndKeepOrdersAcrossARestart() throws Exception
    {
        final String prefix = Emulator.uniquePrefix();
        final Map<String, String> env = Emulator.journalEnvironment(Emulator.sharedHost(), prefix);
        final RecordType orders = RecordType.of(2, "orders");
        try (JournalSink firestore = Emulator.sink(env))
        {
            final Map<String, Object> order = new HashMap<>();
            order.put(DocumentEncoder.ID, 9L);
            order.put(DocumentEncoder.VERSION, 4L);
            order.put("amount", 300L);
            order.put("buyer", 7L);
            order.put("currency", "USD");
            order.put("warehouse", "north");
            firestore.commit(List.of(new DocumentWrite(orders, 9, 4, order))).get(10, TimeUnit.SECONDS);
        }
        try (RingbotServer server = new RingbotServer(config().environment(env), ShopBot.create()))
        {
            final int port = server.webhookPort();
            assertEquals("paid 300 USD spent=300", say(port, 1, 1, "/pay 9"), "adopted from Firestore");
            assertTrue(server.counters().counter(RingbotCounter.ENGINE_PARKED).get() >= 1, "it waited for the read");
            assertEquals("order 12 OPEN 50 EUR", say(port, 2, 1, "/order 12 50"));
            final String metrics = ops(server.opsPort(), "/metrics");
            assertTrue(metrics.contains("ringbot_store_entries{table=\"orders\"} 2"), metrics);
            assertTrue(metrics.contains("ringbot_store_capacity{table=\"orders\"}"), metrics);
            final JsonNode orderFill = JSON.readTree(ops(server.opsPort(), "/healthz")).get("checks").get("orders");
            assertEquals(2, orderFill.get("entries").asLong(), String.valueOf(orderFill));
            server.close();
            assertTrue(server.synced(), "every change reached Firestore at close");
        }
        try (JournalSink firestore = Emulator.sink(env))
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
        try (RingbotServer server = new RingbotServer(config().environment(env), ShopBot.create()))
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

    private String ops(final int port, final String path) throws Exception
    {
        final HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .GET().build(), HttpResponse.BodyHandlers.ofString());
        return response.body();
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

    private ServerContext config()
    {
        return TestContexts.onFreePorts(data, 10_000, SECRET);
    }

}

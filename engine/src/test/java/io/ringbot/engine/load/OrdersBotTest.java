package io.ringbot.engine.load;

import io.ringbot.engine.EngineHarness;
import io.ringbot.bot.Bot;
import io.ringbot.engine.shop.ShopBot;
import io.ringbot.engine.shop.ShopBot.Status;
import io.ringbot.engine.ring.UpdateEvent;
import io.ringbot.store.journal.DocumentEncoder;
import io.ringbot.store.journal.RecordType;
import io.ringbot.store.record.Record;
import io.ringbot.store.record.RecordSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.ringbot.engine.EngineHarness.text;
import static io.ringbot.engine.shop.ShopBot.AMOUNT;
import static io.ringbot.engine.shop.ShopBot.BUYER;
import static io.ringbot.engine.shop.ShopBot.CURRENCY;
import static io.ringbot.engine.shop.ShopBot.GIFTS;
import static io.ringbot.engine.shop.ShopBot.ORDERS;
import static io.ringbot.engine.shop.ShopBot.SPENT;
import static io.ringbot.engine.shop.ShopBot.STATUS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shop bot, with a third record type (orders), through the engine, over real Chronicle Map files: orders
 * created from the schema's defaults, read and changed with {@code ctx.record}, read through from
 * Firestore before the update that needs them, and several other users needed by one update.
 */
class OrdersBotTest
{
    @TempDir
    Path dir;
    private final List<String> requested = new ArrayList<>();

    @Test
    void shouldCreateAnOrderFromItsDefaultsAndChangeItInPlace()
    {
        try (EngineHarness engine = EngineHarness.withBotRecords(dir, 1_000, ShopBot.create(), null, 16))
        {
            engine.send(text(1, 42, "/order 77 500"));
            assertTrue(engine.answers().get(0).contains("order 77 OPEN 500 EUR"), engine.answers().toString());
            final RecordType orders = engine.store().type(ORDERS);
            assertEquals(2, orders.index());
            final Record order = engine.store().table(orders).find(77);
            assertNotNull(order);
            assertEquals(77, order.id());
            assertTrue(order.firstSeenMillis() > 0, "the engine's header is kept for every record type");
            assertEquals(1, order.version());
            assertEquals(42, BUYER.get(order));

            engine.send(text(2, 42, "/pay 77"));
            assertTrue(engine.answers().get(1).contains("paid 500 EUR spent=500"), engine.answers().toString());
            engine.send(text(3, 42, "/order 77 9"));
            assertTrue(engine.answers().get(2).contains("error: order 77 exists"), engine.answers().toString());
            engine.send(text(4, 42, "/pay@shop_bot 77"));
            assertTrue(engine.answers().get(3).contains("error: order 77 is paid already"), engine.answers().toString());
            engine.send(text(5, 42, "/pay 7x"));
            assertTrue(engine.answers().get(4).contains("error: usage: /pay"), engine.answers().toString());
            assertEquals(Status.PAID, STATUS.get(engine.store().table(orders).find(77)));
            assertEquals(2, engine.store().table(orders).find(77).version());
            assertEquals(500, SPENT.get(engine.store().users().find(42)));
        }
        try (EngineHarness engine = EngineHarness.withBotRecords(dir, 1_000, ShopBot.create(), null, 16))
        {
            final Record order = engine.store().table(engine.store().type(ORDERS)).find(77);
            assertEquals(Status.PAID, STATUS.get(order), "orders survive a restart");
            assertEquals(500, AMOUNT.get(order));
        }
    }

    @Test
    void shouldHoldAnUpdateUntilTheOrderItNeedsArrivesFromFirestore()
    {
        try (EngineHarness engine = EngineHarness.withBotRecords(dir, 1_000, ShopBot.create(),
            (type, id) -> requested.add(type + ":" + id), 16))
        {
            final RecordType orders = engine.store().type(ORDERS);
            engine.send(text(1, 42, "/pay 9"));
            assertEquals(List.of("users:42", "orders:9", "chats:42"), requested);
            engine.deliver(UpdateEvent.RECORD_LOADED, new LoadedRecord(RecordType.USER, 42, null, false));
            engine.deliver(UpdateEvent.RECORD_LOADED, new LoadedRecord(RecordType.CHAT, 42, null, false));
            assertEquals(0, engine.answered(), "still waiting for the order");

            engine.send(text(2, 43, "/pay 9"));
            assertEquals(List.of("users:42", "orders:9", "chats:42", "users:43", "chats:43"), requested,
                "the order is read once");

            final Map<String, Object> doc = new HashMap<>();
            doc.put(DocumentEncoder.ID, 9L);
            doc.put(DocumentEncoder.VERSION, 4L);
            doc.put(AMOUNT.documentName(), 300L);
            doc.put(BUYER.documentName(), 7L);
            doc.put(CURRENCY.documentName(), "USD");
            doc.put("warehouse", "north"); // another system's field: not the schema's, ignored
            engine.deliver(UpdateEvent.RECORD_LOADED, new LoadedRecord(orders, 9, doc, false));
            assertEquals(1, engine.answered(), "the second payer's own records are still being read");
            assertTrue(engine.answers().get(0).contains("paid 300 USD spent=300"), engine.answers().toString());
            engine.deliver(UpdateEvent.RECORD_LOADED, new LoadedRecord(RecordType.USER, 43, null, false));
            engine.deliver(UpdateEvent.RECORD_LOADED, new LoadedRecord(RecordType.CHAT, 43, null, false));
            assertEquals(2, engine.answered());
            assertTrue(engine.answers().get(1).contains("error: order 9 is paid already"), engine.answers().toString());

            final Record order = engine.store().table(orders).find(9);
            assertEquals(Status.PAID, STATUS.get(order));
            assertEquals(7, BUYER.get(order), "adopted from the document");
            assertEquals(5, order.version(), "loaded at version 4, changed by the first payment");
            assertEquals(4, order.syncedVersion(), "the loaded state counts as synced");

            requested.clear();
            engine.send(text(3, 42, "/pay 9"));
            assertEquals(3, engine.answered(), "an order in the store needs no read");
            assertTrue(requested.isEmpty(), requested.toString());
        }
    }

    @Test
    void shouldWaitForEveryOtherUserAnUpdateNeeds()
    {
        try (EngineHarness engine = EngineHarness.withBotRecords(dir, 1_000, ShopBot.create(),
            (type, id) -> requested.add(type + ":" + id), 16))
        {
            engine.send(text(1, 42, "/gift 501 502"));
            assertEquals(List.of("users:42", "users:501", "users:502", "chats:42"), requested);
            engine.deliver(UpdateEvent.RECORD_LOADED, new LoadedRecord(RecordType.USER, 42, null, false));
            engine.deliver(UpdateEvent.RECORD_LOADED, new LoadedRecord(RecordType.CHAT, 42, null, false));
            final Map<String, Object> doc = new HashMap<>();
            doc.put(DocumentEncoder.ID, 501L);
            doc.put(GIFTS.documentName(), 7L);
            engine.deliver(UpdateEvent.RECORD_LOADED, new LoadedRecord(RecordType.USER, 501, doc, false));
            assertEquals(0, engine.answered(), "502 is still being read");
            engine.deliver(UpdateEvent.RECORD_LOADED, new LoadedRecord(RecordType.USER, 502, null, true));
            assertEquals(1, engine.answered());
            assertTrue(engine.answers().get(0).contains("gifts 8 1"), engine.answers().toString());
        }
    }

    @Test
    void shouldRefuseARecordTypeTheBotDidNotDeclare()
    {
        final RecordSchema invoices = RecordSchema.named("invoices");
        final Bot bot = ShopBot.create().command("invoice", ctx -> ctx.record(invoices, 1));
        try (EngineHarness engine = EngineHarness.withBotRecords(dir, 1_000, bot, null, 16))
        {
            engine.send(text(1, 42, "/invoice"));
            assertEquals(1, engine.answered());
            assertEquals(1, engine.counter(io.ringbot.store.status.RingbotCounter.ENGINE_HANDLER_ERRORS));
        }
    }

    @Test
    void shouldRefuseToStartWhenTheStoreLacksARecordTypeTheBotUses()
    {
        final IllegalArgumentException needed = org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class, () -> new EngineHarness(dir, 1_000, new Bot().needs(ORDERS, ShopBot::orderOf)));
        assertTrue(needed.getMessage().contains("record type 'orders' but the store was opened without it"),
            needed.getMessage());
        final IllegalArgumentException declared = org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class, () -> new EngineHarness(dir.resolve("other"), 1_000,
                new Bot().records(io.ringbot.engine.reference.ReferenceBot.USERS, io.ringbot.engine.reference.ReferenceBot.CHATS, ORDERS)));
        assertTrue(declared.getMessage().contains("StoreContext.furtherSchemas"), declared.getMessage());
    }
}

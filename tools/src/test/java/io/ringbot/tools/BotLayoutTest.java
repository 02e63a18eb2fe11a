package io.ringbot.tools;

import io.ringbot.store.StateStore;
import io.ringbot.store.StoreContext;
import io.ringbot.store.record.BooleanField;
import io.ringbot.store.record.DoubleField;
import io.ringbot.store.record.EnumField;
import io.ringbot.store.record.IntField;
import io.ringbot.store.record.LongField;
import io.ringbot.store.record.Record;
import io.ringbot.store.record.RecordSchema;
import io.ringbot.store.record.StringField;
import io.ringbot.store.record.TimestampField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tool on a folder written by a bot whose fields it has never seen: it learns them from the layout
 * the folder records.
 */
class BotLayoutTest
{
    enum Step
    {
        NONE, ASKED
    }

    static final RecordSchema WALLET = RecordSchema.named("users");
    static final LongField BALANCE = WALLET.longField("balance").defaultValue(100);
    static final IntField LEVEL = WALLET.intField("level");
    static final BooleanField VIP = WALLET.booleanField("vip");
    static final DoubleField SCORE = WALLET.doubleField("score");
    static final TimestampField JOINED = WALLET.timestampField("joined");
    static final EnumField<Step> STEP = WALLET.enumField("step", Step.class);
    static final StringField NICK = WALLET.stringField("nickname", 64);

    @TempDir
    Path dir;

    @Test
    void shouldPrintFilterDumpAndImportAnyBotsFieldsByName() throws Exception
    {
        final Path data = dir.resolve("data");
        try (StateStore store = StateStore.open(new StoreContext().dataDir(data).usersCapacity(100).userSchema(WALLET)))
        {
            for (int id = 1; id <= 3; id++)
            {
                final Record r = store.users().acquire(id);
                r.beginWrite();
                r.id(id);
                BALANCE.set(r, 100 + id);
                LEVEL.set(r, -id);
                VIP.set(r, id == 2);
                SCORE.set(r, id + 0.5);
                JOINED.set(r, 1_700_000_000_000L + id);
                STEP.set(r, id == 2 ? Step.ASKED : Step.NONE);
                NICK.set(r, "Zoë \"" + id + "\"");
                r.endWrite();
            }
        }

        final ToolRun get = ToolRun.inspect(data, "get", "user", "2");
        assertEquals(0, get.exitCode(), get::toString);
        final Map<String, Object> user = JsonObjects.parse(get.lines().get(0));
        assertEquals(102L, user.get("balance"));
        assertEquals(-2L, user.get("level"));
        assertEquals(true, user.get("vip"));
        assertEquals(2.5, user.get("score"));
        assertEquals(1_700_000_000_002L, user.get("joined"));
        assertEquals("ASKED", user.get("step"));
        assertEquals("Zoë \"2\"", user.get("nickname"));

        final ToolRun scan = ToolRun.inspect(data, "scan", "user", "--where", "step=ASKED");
        assertEquals(0, scan.exitCode(), scan::toString);
        assertEquals(1, scan.lines().size(), scan::toString);
        assertTrue(scan.lines().get(0).contains("\"id\":2"), scan::toString);
        final ToolRun byBalance = ToolRun.inspect(data, "scan", "user", "--where", "balance=103");
        assertEquals(1, byBalance.lines().size(), byBalance::toString);

        final ToolRun dump = ToolRun.inspect(data, "dump", "user");
        assertEquals(3, dump.lines().size(), dump::toString);
        final Path file = dir.resolve("users.jsonl");
        Files.writeString(file, dump.out());
        final Path fresh = dir.resolve("fresh");
        Files.createDirectories(fresh);
        final ToolRun imported = ToolRun.inspect(fresh, "import", "user", file.toString(), "--capacity", "100",
            "--layout", StateStore.schemaFile(data, "users").toString());
        assertEquals(0, imported.exitCode(), imported::toString);
        assertEquals(dump.lines().stream().sorted().toList(),
            ToolRun.inspect(fresh, "dump", "user").lines().stream().sorted().toList());

        final ToolRun verify = ToolRun.inspect(data, "verify");
        assertTrue(verify.out().contains("ok"), verify::toString);
    }

    enum Status
    {
        OPEN, PAID
    }

    static final RecordSchema ORDERS = RecordSchema.named("orders");
    static final LongField AMOUNT = ORDERS.longField("amount");
    static final EnumField<Status> STATUS = ORDERS.enumField("status", Status.class);

    @Test
    void shouldPrintAFurtherRecordTypeByNameFromTheRecordedLayout() throws Exception
    {
        final Path data = dir.resolve("orders-data");
        try (StateStore store = StateStore.open(new StoreContext().dataDir(data).usersCapacity(100)
            .furtherSchemas(java.util.List.of(ORDERS))))
        {
            for (int id = 7; id <= 8; id++)
            {
                final Record r = store.table(store.type(ORDERS)).acquire(id);
                r.beginWrite();
                r.id(id);
                AMOUNT.set(r, id * 100L);
                STATUS.set(r, id == 8 ? Status.PAID : Status.OPEN);
                r.endWrite();
            }
        }

        final ToolRun get = ToolRun.inspect(data, "get", "orders", "7");
        assertEquals(0, get.exitCode(), get::toString);
        final Map<String, Object> order = JsonObjects.parse(get.lines().get(0));
        assertEquals(7L, order.get("id"));
        assertEquals(700L, order.get("amount"));
        assertEquals("OPEN", order.get("status"));

        final ToolRun scan = ToolRun.inspect(data, "scan", "orders", "--where", "status=PAID");
        assertEquals(1, scan.lines().size(), scan::toString);
        assertTrue(scan.lines().get(0).contains("\"amount\":800"), scan::toString);

        final ToolRun stats = ToolRun.inspect(data, "stats");
        assertTrue(stats.out().contains("orders:"), stats::toString);
        final ToolRun verify = ToolRun.inspect(data, "verify");
        assertEquals(0, verify.exitCode(), verify::toString);
        assertTrue(verify.out().contains("orders.cm3"), verify::toString);

        final ToolRun unknown = ToolRun.inspect(data, "get", "invoices", "1");
        assertEquals(InspectTool.EXIT_REFUSED, unknown.exitCode(), unknown::toString);
        assertTrue(unknown.err().contains("no record type 'invoices'") && unknown.err().contains("orders"), unknown::toString);
    }
}

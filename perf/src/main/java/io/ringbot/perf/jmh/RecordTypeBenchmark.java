package io.ringbot.perf.jmh;

import io.ringbot.engine.Engine;
import io.ringbot.engine.EngineContext;
import io.ringbot.engine.bot.Bot;
import io.ringbot.engine.bot.RecordState;
import io.ringbot.engine.decode.Update;
import io.ringbot.engine.ring.UpdateEvent;
import io.ringbot.store.StateStore;
import io.ringbot.store.StoreContext;
import io.ringbot.store.record.EnumField;
import io.ringbot.store.record.LongField;
import io.ringbot.store.record.RecordSchema;
import io.ringbot.store.status.CountersFile;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The engine handler per update of a bot with a third record type: "/pay N" finds the order the update
 * needs (the read-through check, as with journaling on; every order is in the store), changes it with
 * {@code ctx.record(ORDERS, n)} and the sender's record, and replies. Run with {@code -prof gc}: 0 B/op.
 */
@State(Scope.Thread)
@BenchmarkMode({Mode.AverageTime})
@Warmup(iterations = 5, time = 2)
public class RecordTypeBenchmark extends OffHeapBenchmark
{
    private static final int USERS = 1000;
    private static final int ORDERS_COUNT = 1000;

    enum Status
    {
        OPEN, PAID
    }

    static final RecordSchema USER_RECORDS = RecordSchema.named("users");
    static final LongField SPENT = USER_RECORDS.longField("spent");
    static final RecordSchema CHAT_RECORDS = RecordSchema.named("chats");
    static final RecordSchema ORDERS = RecordSchema.named("orders");
    static final LongField AMOUNT = ORDERS.longField("amount").defaultValue(5);
    static final LongField PAYMENTS = ORDERS.longField("payments");
    static final EnumField<Status> STATUS = ORDERS.enumField("status", Status.class);

    private Path dir;
    private StateStore store;
    private CountersFile counters;
    private Engine engine;
    private TextUpdates updates;
    private final UpdateEvent event = new UpdateEvent();
    private long sequence;

    @Setup(Level.Trial)
    public void setUp() throws IOException
    {
        dir = Files.createTempDirectory("ringbot-bench");
        store = StateStore.open(new StoreContext().dataDir(dir).usersCapacity(USERS * 2L)
            .userSchema(USER_RECORDS).chatSchema(CHAT_RECORDS).furtherSchemas(List.of(ORDERS)));
        counters = CountersFile.create(dir);
        final Bot bot = new Bot()
            .records(USER_RECORDS, CHAT_RECORDS, ORDERS)
            .needs(ORDERS, RecordTypeBenchmark::orderId)
            .command("pay", ctx ->
            {
                final RecordState order = ctx.record(ORDERS, orderId(ctx.update()));
                order.set(STATUS, Status.PAID).add(PAYMENTS, 1);
                final long spent = ctx.user().add(SPENT, order.get(AMOUNT));
                ctx.sendMessage().text().append("paid, spent=").append(spent);
            });
        // reads are asked for (as with journaling on) but none is needed: every order is in the store after the first round
        engine = new Engine(new EngineContext().store(store).countersFile(counters).bot(bot).ringSize(1024)
            .loadRequests((type, id) -> false));
        final String[] texts = new String[USERS];
        for (int u = 0; u < USERS; u++)
        {
            texts[u] = "/pay " + (1 + u % ORDERS_COUNT);
        }
        updates = new TextUpdates(USERS, texts);
        event.responder((e, s) -> { });
    }

    static long orderId(final Update update)
    {
        final CharSequence text = update.text();
        if (!update.hasText() || text.length() < 6 || text.charAt(1) != 'p')
        {
            return Update.NONE;
        }
        long id = 0;
        for (int i = 5; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (c < '0' || c > '9')
            {
                return Update.NONE;
            }
            id = id * 10 + (c - '0');
        }
        return id;
    }

    @Benchmark
    public int handlePayUpdate()
    {
        final int i = updates.next();
        final byte[] body = updates.bodies[i];
        System.arraycopy(body, 0, event.bodyBufferFor(body.length), 0, body.length);
        event.type(UpdateEvent.UPDATE);
        engine.handler().onEvent(event, sequence++, (sequence & 63) == 0);
        return event.replyLength();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException
    {
        store.close();
        counters.close();
        try (var files = Files.walk(dir))
        {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}

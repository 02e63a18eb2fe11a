package io.ringbot.perf.jmh;

import io.ringbot.store.record.RecordTable;
import io.ringbot.engine.reference.ReferenceBot;
import io.ringbot.store.record.Record;
import io.ringbot.store.record.RecordMaps;
import net.openhft.chronicle.core.values.LongValue;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.values.Values;
import org.agrona.IoUtil;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The user store, one writer thread, on a persisted Chronicle Map pre-filled with {@code users} records:
 * the engine's path ({@link RecordTable#acquire} + a change in place through the bound reference) against
 * the plain map calls (getUsing into a heap copy, put of a heap copy). Ids are visited in a fixed
 * pseudo-random order; 1,000 users fit the table's binding cache (4,096 slots), 1,000,000 do not.
 * Run with {@code -prof gc} for bytes per operation.
 */
@State(Scope.Thread)
public class StoreBenchmark extends OffHeapBenchmark
{
    private static final long FIRST_ID = 100_000_000L;

    @Param({"1000", "1000000"})
    int users;

    private Path dir;
    private RecordTable table;
    private ChronicleMap<LongValue, byte[]> map;
    private final LongValue key = Values.newHeapInstance(LongValue.class);
    private byte[] heap;
    private long[] order;
    private int next;
    private long now = 1_700_000_000_000L;

    @Setup(Level.Trial)
    public void setUp() throws IOException
    {
        dir = Files.createTempDirectory("ringbot-store-bench");
        table = RecordMaps.open(ReferenceBot.USERS, dir.resolve("users.cm3").toFile(), users * 2L, 4096, false);
        map = table.map();
        heap = new byte[ReferenceBot.USERS.size()];
        order = new long[users];
        for (int u = 0; u < users; u++)
        {
            final long id = FIRST_ID + u;
            final Record r = table.acquire(id);
            r.id(id);
            r.firstSeenMillis(now);
            r.lastSeenMillis(now);
            ReferenceBot.FIRST_NAME.set(r, "Rustam");
            ReferenceBot.LAST_NAME.set(r, "Ivanov");
            ReferenceBot.USERNAME.set(r, "rustam_" + u);
            ReferenceBot.LANGUAGE_CODE.set(r, "en");
            order[u] = id;
        }
        // a fixed shuffle, so neighbouring operations hit unrelated segments
        final java.util.Random random = new java.util.Random(42);
        for (int i = users - 1; i > 0; i--)
        {
            final int j = random.nextInt(i + 1);
            final long t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        table.clearBindings();
        map.getUsing(key(order[0]), heap);
    }

    private long nextId()
    {
        final int i = next;
        next = i + 1 == order.length ? 0 : i + 1;
        return order[i];
    }

    private LongValue key(final long id)
    {
        key.setValue(id);
        return key;
    }

    /** The engine's path: bind (binding cache, else map acquireUsing) and change two fields in place. */
    @Benchmark
    public long acquireChangeInPlace()
    {
        final Record r = table.acquire(nextId());
        final long count = ReferenceBot.USER_MESSAGES.get(r) + 1;
        ReferenceBot.USER_MESSAGES.set(r, count);
        r.lastSeenMillis(++now);
        return count;
    }

    /** Read a record into a reused heap copy. */
    @Benchmark
    public long mapGetUsing()
    {
        return map.getUsing(key(nextId()), heap)[ReferenceBot.USER_MESSAGES.offset()];
    }

    /** Read-modify-write through a heap copy: getUsing, change, put (the non-in-place way). */
    @Benchmark
    public long mapGetUsingChangePut()
    {
        final LongValue k = key(nextId());
        final byte[] r = map.getUsing(k, heap);
        r[ReferenceBot.USER_MESSAGES.offset()]++;
        r[Record.LAST_SEEN_OFFSET] = (byte)++now;
        map.put(k, r);
        return r[ReferenceBot.USER_MESSAGES.offset()];
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException
    {
        table.close();
        IoUtil.delete(dir.toFile(), false);
    }
}

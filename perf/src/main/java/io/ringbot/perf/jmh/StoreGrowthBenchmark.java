package io.ringbot.perf.jmh;

import io.ringbot.perf.growth.TableLayout;
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
import java.util.SplittableRandom;

/**
 * How a table grows to {@code CAPACITY} records, and what each way ({@link TableLayout}) costs a lookup once it
 * holds {@code users} records (the engine's path on a binding-cache miss: {@link RecordMaps#address}).
 * {@code find} looks up a held record; {@code createRemove} creates a record the table does not hold and
 * removes it (a new user: a miss walks every tier of its segment before inserting).
 */
@State(Scope.Thread)
public class StoreGrowthBenchmark extends OffHeapBenchmark
{
    private static final long CAPACITY = 1_000_000;
    private static final long FIRST_ID = 100_000_000L;

    @Param({"preallocated", "sparse", "tiered"})
    String layout;

    @Param({"10000", "1000000"})
    int users;

    private Path dir;
    private ChronicleMap<LongValue, byte[]> map;
    private TableLayout.Opened opened;
    private final LongValue key = Values.newHeapInstance(LongValue.class);
    private long[] order;
    private int next;
    private long newId = FIRST_ID + CAPACITY * 2;

    @Setup(Level.Trial)
    public void setUp() throws IOException
    {
        dir = Files.createTempDirectory("ringbot-growth-bench");
        final Path file = dir.resolve("users.cm3");
        opened = TableLayout.named(layout).open(file.toFile(), CAPACITY);
        map = opened.map();
        order = new long[users];
        for (int u = 0; u < users; u++)
        {
            order[u] = FIRST_ID + u;
            key.setValue(order[u]);
            RecordMaps.address(map, key, true);
        }
        final SplittableRandom random = new SplittableRandom(42);
        for (int i = users - 1; i > 0; i--)
        {
            final int j = random.nextInt(i + 1);
            final long t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    /** A held record, in a fixed shuffled order (no binding cache: every call is a map lookup). */
    @Benchmark
    public long find()
    {
        final int i = next;
        next = i + 1 == order.length ? 0 : i + 1;
        key.setValue(order[i]);
        return RecordMaps.address(map, key, false);
    }

    /** A record the table does not hold: created (zeroed, in place), then removed so the size stays. */
    @Benchmark
    public long createRemove()
    {
        key.setValue(newId++);
        final long address = RecordMaps.address(map, key, true);
        map.remove(key);
        return address;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException
    {
        opened.close();
        IoUtil.delete(dir.toFile(), false);
    }
}

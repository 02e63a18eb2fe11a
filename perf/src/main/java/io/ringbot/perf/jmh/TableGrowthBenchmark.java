package io.ringbot.perf.jmh;

import io.ringbot.engine.reference.ReferenceBot;
import io.ringbot.perf.growth.TableLayout;
import io.ringbot.store.record.Record;
import io.ringbot.store.record.RecordMaps;
import net.openhft.chronicle.core.values.LongValue;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.values.Values;
import org.agrona.IoUtil;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A table growing from empty to 1,000,000 records on one thread, as the engine creates them (a miss, an
 * insert, the defaults written in place): the whole growth's time, the slowest single creation and how many
 * creations took over 1 ms, per layout (see {@link StoreGrowthBenchmark}). One shot per fork: the first
 * creations run in the interpreter, which is part of what a fresh server does.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
public class TableGrowthBenchmark extends OffHeapBenchmark
{
    private static final long CAPACITY = 1_000_000;
    private static final long FIRST_ID = 100_000_000L;

    @Param({"preallocated", "sparse", "tiered"})
    String layout;

    private Path dir;
    private ChronicleMap<LongValue, byte[]> map;
    private TableLayout.Opened opened;
    private final LongValue key = Values.newHeapInstance(LongValue.class);
    private Record record;

    /** The slowest creations, reported beside the time (JMH sums EVENTS counters over the one iteration). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Slowest
    {
        public long maxCreateMicros;
        public long createsOver1ms;
    }

    @Setup(Level.Iteration)
    public void setUp() throws IOException
    {
        dir = Files.createTempDirectory("ringbot-grow-bench");
        final Path file = dir.resolve("users.cm3");
        opened = TableLayout.named(layout).open(file.toFile(), CAPACITY);
        map = opened.map();
        record = Record.flyweight(ReferenceBot.USERS);
    }

    @Benchmark
    public long growToCapacity(final Slowest slowest)
    {
        long max = 0;
        long over = 0;
        for (long id = FIRST_ID; id < FIRST_ID + CAPACITY; id++)
        {
            final long start = System.nanoTime();
            key.setValue(id);
            record.wrap(-RecordMaps.address(map, key, true));
            record.writeDefaults();
            record.id(id);
            final long took = System.nanoTime() - start;
            max = Math.max(max, took);
            over += took > 1_000_000 ? 1 : 0;
        }
        slowest.maxCreateMicros = max / 1_000;
        slowest.createsOver1ms = over;
        return map.longSize();
    }

    @TearDown(Level.Iteration)
    public void tearDown() throws IOException
    {
        opened.close();
        IoUtil.delete(dir.toFile(), false);
    }
}

package io.ringbot.perf.growth;

import io.ringbot.engine.reference.ReferenceBot;
import io.ringbot.store.record.Record;
import io.ringbot.store.record.RecordMaps;
import net.openhft.chronicle.core.values.LongValue;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.values.Values;
import org.agrona.IoUtil;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Grows a fresh users table from empty to N records, alternating the preallocated and the sparse layout round
 * by round in one JVM, so that a busy machine's drift hits both alike (TableGrowthBenchmark runs one layout
 * after the other). Prints each round's time, the slowest creation and the creations over 1 ms.
 * <p>
 * {@code java <./ringbot's jvm_flags> -cp perf/target/benchmarks.jar io.ringbot.perf.growth.GrowthPairs [N] [rounds]}
 */
public final class GrowthPairs
{
    private static final long CAPACITY = 1_000_000;
    private static final long FIRST_ID = 100_000_000L;

    private GrowthPairs()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final int records = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        final int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        final LongValue key = Values.newHeapInstance(LongValue.class);
        final Record record = Record.flyweight(ReferenceBot.USERS);
        for (int round = 0; round <= rounds; round++)
        {
            for (final boolean sparse : new boolean[] {false, true})
            {
                final Path dir = Files.createTempDirectory("ringbot-growth-pairs");
                final File file = dir.resolve("users.cm3").toFile();
                final TableLayout.Opened opened = (sparse ? TableLayout.SPARSE : TableLayout.PREALLOCATED)
                    .open(file, CAPACITY);
                final ChronicleMap<LongValue, byte[]> map = opened.map();
                long max = 0;
                long over = 0;
                final long begin = System.nanoTime();
                for (long id = FIRST_ID; id < FIRST_ID + records; id++)
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
                final double seconds = (System.nanoTime() - begin) / 1e9;
                if (round > 0) // round 0 warms the JIT
                {
                    System.out.printf("round %d %-12s %,d records in %.2f s (%.2f us each), slowest %.2f ms, %d over 1 ms%n",
                        round, sparse ? "sparse" : "preallocated", records, seconds, seconds * 1e6 / records, max / 1e6, over);
                }
                opened.close();
                IoUtil.delete(dir.toFile(), false);
            }
        }
    }
}

package io.ringbot.perf.jmh;

import io.ringbot.engine.load.StoreRoom;
import io.ringbot.engine.reference.ReferenceBot;
import io.ringbot.store.record.Record;
import io.ringbot.store.record.RecordMaps;
import io.ringbot.store.record.RecordTable;
import io.ringbot.store.status.ErrorRecorder;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * One eviction step of the engine ({@link StoreRoom#doWork()} with Firestore on): the work an update pays while
 * a table is above its high-water mark. The users table is sized for {@code users} and held at 95% of it with
 * synced records of spread {@code lastSeen}; each step walks one Chronicle Map segment and evicts its excess
 * over the low-water share, oldest first; the records evicted are put back before the next invocation (not
 * timed). Run with {@code -prof gc}: 0 B/op once the candidate arrays have grown.
 */
@State(Scope.Thread)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EvictionBenchmark extends OffHeapBenchmark
{
    private static final long FIRST_ID = 100_000_000L;

    @Param({"100000", "1000000"})
    int users;

    private Path dir;
    private RecordTable table;
    private StoreRoom room;
    private long nextId;
    private long target;

    @Setup(Level.Trial)
    public void setUp() throws IOException
    {
        dir = Files.createTempDirectory("ringbot-eviction-bench");
        table = RecordMaps.open(ReferenceBot.USERS, dir.resolve("users.cm3").toFile(), users, 4096, false);
        target = (long)(users * 0.95);
        nextId = FIRST_ID;
        refill();
        final CountersManager counters = new CountersManager(
            new UnsafeBuffer(new byte[64 * 1024]), new UnsafeBuffer(new byte[16 * 1024]));
        final AtomicCounter errors = counters.newCounter("errors");
        room = new StoreRoom(new RecordTable[]{table}, true, null, counters.newCounter("evictions"),
            counters.newCounter("full"), new ErrorRecorder(errors, null));
    }

    @Setup(Level.Invocation)
    public void refill()
    {
        while (table.size() < target)
        {
            final long id = nextId++;
            final Record r = table.acquire(id);
            r.id(id);
            r.lastSeenMillis(1_700_000_000_000L + (id * 7919) % 86_400_000L); // synced (version 0), seen over a day
        }
    }

    @Benchmark
    public int step()
    {
        room.onFull(0);
        return room.doWork();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException
    {
        table.close();
        IoUtil.delete(dir.toFile(), true);
    }
}

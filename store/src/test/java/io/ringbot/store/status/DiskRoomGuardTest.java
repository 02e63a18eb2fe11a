package io.ringbot.store.status;

import io.ringbot.store.record.Record;
import io.ringbot.store.record.RecordMaps;
import io.ringbot.store.record.RecordTable;
import io.ringbot.store.record.TestSchemas;
import org.agrona.concurrent.status.AtomicCounter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The disk guard publishes "no room for growth" under its reserve, and a table reading it refuses new records
 * while the records it holds go on changing; the space coming back lifts it.
 */
class DiskRoomGuardTest
{
    private static final long RESERVE = 64L << 20;

    @TempDir
    Path dir;

    @Test
    void shouldRefuseNewRecordsWhileTheDiskIsUnderTheReserveAndKeepTheOnesItHolds() throws Exception
    {
        final AtomicLong free = new AtomicLong(10L << 30);
        try (CountersFile counters = CountersFile.create(dir);
            RecordTable users = RecordMaps.open(TestSchemas.USERS, dir.resolve("users.cm3").toFile(), 1_000, 16, false))
        {
            final AtomicCounter usable = counters.counter(RingbotCounter.STORE_DISK_USABLE_BYTES);
            final AtomicCounter low = counters.counter(RingbotCounter.STORE_DISK_LOW);
            final DiskRoomGuard guard = new DiskRoomGuard(free::get, RESERVE, usable, low, dir.toString());
            users.diskLow(low);

            assertEquals(0, guard.doWork(), "room: nothing changes");
            assertEquals(10L << 30, usable.get());
            assertFalse(users.diskLow());
            final Record first = users.tryAcquire(1);
            assertNotNull(first);
            TestSchemas.MESSAGE_COUNT.set(first, 7);

            free.set(RESERVE - 1);
            assertEquals(1, guard.doWork(), "under the reserve: the verdict changes");
            assertEquals(1, low.get());
            assertTrue(users.diskLow());
            assertFalse(users.full(), "not at its capacity: only the disk refuses");
            assertNull(users.tryAcquire(2), "a new record is refused");
            assertFalse(users.contains(2), "and nothing of it is written");
            final Record held = users.tryAcquire(1);
            assertNotNull(held, "a record the table holds is still bound");
            TestSchemas.MESSAGE_COUNT.set(held, 8);
            assertEquals(0, guard.doWork(), "still low: logged once");

            free.set(RESERVE);
            assertEquals(1, guard.doWork());
            assertEquals(0, low.get());
            assertNotNull(users.tryAcquire(2), "room again: new records are stored");
            assertEquals(8, TestSchemas.MESSAGE_COUNT.get(users.find(1)), "the change made while low is kept");
        }
    }

    @Test
    void shouldKeepTheLastVerdictWhenTheDiskCannotBeRead() throws Exception
    {
        final AtomicLong free = new AtomicLong(0);
        final boolean[] fail = {false};
        try (CountersFile counters = CountersFile.create(dir))
        {
            final AtomicCounter low = counters.counter(RingbotCounter.STORE_DISK_LOW);
            final DiskRoomGuard guard = new DiskRoomGuard(() ->
            {
                if (fail[0])
                {
                    throw new IllegalStateException("statfs failed");
                }
                return free.get();
            }, RESERVE, counters.counter(RingbotCounter.STORE_DISK_USABLE_BYTES), low, dir.toString());
            assertEquals(1, guard.doWork());
            assertEquals(1, low.get());
            fail[0] = true;
            assertEquals(0, guard.doWork());
            assertEquals(1, low.get(), "a failed read changes nothing");
        }
    }

    @Test
    void shouldReadTheFileStoreOfTheFolder()
    {
        assertTrue(DiskRoomGuard.usableSpaceOf(dir).getAsLong() > 0);
    }
}

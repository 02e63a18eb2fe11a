package io.ringbot.store.journal;

import io.ringbot.store.StateStore;
import io.ringbot.store.StoreContext;
import io.ringbot.store.record.Record;
import io.ringbot.store.record.TestSchemas;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordSnapshotTest
{
    @TempDir
    Path tmp;

    private StateStore store;

    @BeforeEach
    void setUp()
    {
        store = StateStore.open(new StoreContext().userSchema(TestSchemas.USERS).chatSchema(TestSchemas.CHATS).dataDir(tmp).usersCapacity(1_000));
    }

    @AfterEach
    void tearDown()
    {
        store.close();
    }

    @Test
    void shouldCopyARecordAtRest()
    {
        final Record r = store.users().acquire(7);
        r.id(7);
        TestSchemas.FIRST_NAME.set(r, "Ann");
        r.orderedVersion(3);
        final RecordSnapshot snapshot = new RecordSnapshot(store.users().map(), store.users().schema(), 10);

        assertEquals(RecordSnapshot.Result.COPIED, snapshot.read(7));
        assertEquals("Ann", TestSchemas.FIRST_NAME.get(snapshot.value(), new StringBuilder()).toString());
        assertEquals(3, snapshot.value().version());
        assertEquals(3, snapshot.currentVersion(7));
    }

    @Test
    void shouldReportAnAbsentRecord()
    {
        final RecordSnapshot snapshot = new RecordSnapshot(store.users().map(), store.users().schema(), 10);
        assertEquals(RecordSnapshot.Result.ABSENT, snapshot.read(404));
        assertEquals(-1, snapshot.currentVersion(404));
    }

    @Test
    void shouldGiveUpOnARecordWhoseSeqStaysOdd()
    {
        final Record r = store.users().acquire(7);
        r.orderedSeq(5);
        final RecordSnapshot snapshot = new RecordSnapshot(store.users().map(), store.users().schema(), 10);

        assertEquals(RecordSnapshot.Result.BUSY, snapshot.read(7));
        assertEquals(1, snapshot.busy());
    }

    @Test
    void shouldNeverCopyAHalfWrittenRecord() throws InterruptedException
    {
        final Record r = store.users().acquire(1);
        r.id(1);
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicLong writes = new AtomicLong();
        // The writer keeps fields that must agree: messageCount == version, lastName == "v" + version.
        final Thread writer = new Thread(() ->
        {
            final StringBuilder name = new StringBuilder();
            long seq = 0;
            long version = 0;
            while (!stop.get())
            {
                r.orderedSeq(++seq);
                version++;
                TestSchemas.MESSAGE_COUNT.set(r, version);
                name.setLength(0);
                name.append('v').append(version).append("-".repeat((int)(version % 40)));
                TestSchemas.LAST_NAME.set(r, name);
                r.orderedVersion(version);
                r.orderedSeq(++seq);
                writes.lazySet(version);
                // The engine writes a record in bursts, between other work: a reader gets its turn.
                for (int spin = 0; spin < 200; spin++)
                {
                    Thread.onSpinWait();
                }
            }
        });
        writer.start();
        final RecordSnapshot snapshot = new RecordSnapshot(store.users().map(), store.users().schema(), 1_000);
        final StringBuilder lastName = new StringBuilder();
        int copies = 0;
        final long deadline = System.nanoTime() + 5_000_000_000L;
        try
        {
            while ((copies < 500 || writes.get() < 5_000) && System.nanoTime() < deadline)
            {
                if (snapshot.read(1) == RecordSnapshot.Result.COPIED)
                {
                    final Record copy = snapshot.value();
                    final long version = copy.version();
                    if (version == 0)
                    {
                        continue;
                    }
                    assertEquals(version, TestSchemas.MESSAGE_COUNT.get(copy));
                    lastName.setLength(0);
                    TestSchemas.LAST_NAME.get(copy, lastName);
                    assertEquals("v" + version + "-".repeat((int)(version % 40)), lastName.toString());
                    copies++;
                }
            }
        }
        finally
        {
            stop.set(true);
            writer.join();
        }
        assertTrue(writes.get() >= 5_000, "writes while reading: " + writes.get());
        assertTrue(copies >= 500, "consistent copies taken: " + copies);
    }
}

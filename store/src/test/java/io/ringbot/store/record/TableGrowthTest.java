package io.ringbot.store.record;

import io.ringbot.store.StateStore;
import io.ringbot.store.StoreContext;
import net.openhft.chronicle.core.values.LongValue;
import net.openhft.chronicle.hash.impl.VanillaChronicleHash;
import net.openhft.chronicle.map.ChronicleMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A table takes disk as records arrive, up to its capacity, with the layout a preallocated table has; at its
 * capacity it refuses a new record with one signal and keeps serving the ones it holds.
 */
class TableGrowthTest
{
    @TempDir
    Path dir;

    @Test
    void shouldStartSparseWithThePreallocatedLayout() throws IOException
    {
        final File sparse = dir.resolve("users.cm3").toFile();
        final File preallocated = dir.resolve("preallocated.cm3").toFile();
        // the builder every table had before it grew (RecordMaps without the sparse file)
        try (RecordTable table = RecordMaps.open(TestSchemas.USERS, sparse, 200_000, 16, false);
            ChronicleMap<LongValue, byte[]> old = ChronicleMap.of(LongValue.class, byte[].class)
                .constantValueSizeBySample(new byte[TestSchemas.USERS.size()]).checksumEntries(false).entries(200_000)
                .createPersistedTo(preallocated))
        {
            final VanillaChronicleHash<?, ?, ?, ?> grown = (VanillaChronicleHash<?, ?, ?, ?>)table.map();
            final VanillaChronicleHash<?, ?, ?, ?> before = (VanillaChronicleHash<?, ?, ?, ?>)old;
            assertEquals(before.chunkSize, grown.chunkSize, "a record takes the bytes it took in a preallocated table");
            // Chronicle picks more, smaller segments for the sparse file (it sizes segments by the doubled
            // entry): the room for records, and the file, stay within a few percent of the preallocated
            final long room = grown.actualSegments * grown.actualChunksPerSegmentTier;
            final long roomBefore = before.actualSegments * before.actualChunksPerSegmentTier;
            assertTrue(Math.abs(room - roomBefore) < roomBefore / 20, room + " vs " + roomBefore + " records");
            assertTrue(Math.abs(sparse.length() - preallocated.length()) < preallocated.length() / 10,
                sparse.length() + " vs " + preallocated.length() + " bytes");
            assertTrue(diskKiB(preallocated.toPath()) > preallocated.length() / 1024 * 9 / 10, "the old way takes it all");
            assertTrue(diskKiB(sparse.toPath()) < 1024, "a fresh table takes almost no disk: " + diskKiB(sparse.toPath()) + " KiB");
        }
    }

    @Test
    void shouldGrowPastItsInitialSizeToItsCapacityThenRefuseANewRecord() throws IOException
    {
        final int capacity = 20_000;
        try (StateStore store = StateStore.open(new StoreContext().userSchema(TestSchemas.USERS)
            .chatSchema(TestSchemas.CHATS).dataDir(dir).usersCapacity(capacity).cacheSlots(16)))
        {
            final RecordTable users = store.users();
            final Path file = StateStore.mapFile(dir, "users");
            final long freshKiB = diskKiB(file);
            for (long id = 1; id <= capacity; id++)
            {
                assertFalse(users.full(), "room at " + id);
                final Record r = users.acquire(id);
                r.id(id);
                TestSchemas.MESSAGE_COUNT.set(r, id * 3);
            }
            final long grownKiB = diskKiB(file);
            assertTrue(grownKiB > freshKiB + (long)capacity * TestSchemas.USERS.size() / 1024 / 2,
                "the file took disk as records arrived: " + freshKiB + " -> " + grownKiB + " KiB");
            assertEquals(capacity, users.size());
            assertTrue(users.full());

            final TableFullException refused = assertThrows(TableFullException.class, () -> users.acquire(capacity + 1L));
            assertSame(users, refused.table());
            assertTrue(refused.getMessage().contains("users: the table holds its capacity of 20000 records"), refused.getMessage());
            assertSame(refused, assertThrows(TableFullException.class, () -> users.acquire(capacity + 2L)),
                "one instance: refusing allocates nothing");
            assertFalse(users.contains(capacity + 1L), "nothing written");
            assertEquals(capacity, users.size());

            TestSchemas.MESSAGE_COUNT.set(users.acquire(7), 1);
            assertEquals(1, TestSchemas.MESSAGE_COUNT.get(users.acquire(7)), "a held record still changes");
            users.remove(7);
            users.remove(7);
            assertFalse(users.full(), "a removed record makes room once");
            assertNotNull(users.acquire(capacity + 1L));
            assertTrue(users.full());
            for (long id = 1; id <= capacity; id++)
            {
                if (id != 7)
                {
                    assertEquals(id * 3, TestSchemas.MESSAGE_COUNT.get(users.find(id)), "record " + id);
                }
            }
        }
        try (StateStore store = StateStore.open(new StoreContext().userSchema(TestSchemas.USERS)
            .chatSchema(TestSchemas.CHATS).dataDir(dir).usersCapacity(capacity).cacheSlots(16)))
        {
            assertTrue(store.users().full(), "the count survives a reopen");
            assertThrows(TableFullException.class, () -> store.users().acquire(capacity + 5L));
        }
    }

    @Test
    void shouldRefuseAtTheRoomOfAMapLaidOutForLessThanItsCapacity() throws IOException
    {
        try (StateStore store = StateStore.open(new StoreContext().userSchema(TestSchemas.USERS)
            .chatSchema(TestSchemas.CHATS).dataDir(dir).usersCapacity(1_000).cacheSlots(16)))
        {
            store.users().acquire(1);
        }
        // a start resizes such a folder first (TableResizeTest); a map opened as is still refuses at its room
        try (RecordTable users = RecordMaps.open(TestSchemas.USERS, StateStore.mapFile(dir, "users").toFile(),
            1_000_000, 16, false))
        {
            assertTrue(users.capacity() >= 1_000 && users.capacity() < 10_000,
                "the folder's layout holds what it was made for: " + users.capacity());
            for (long id = 2; id <= users.capacity(); id++)
            {
                users.acquire(id);
            }
            assertTrue(users.full());
            assertThrows(TableFullException.class, () -> users.acquire(-1), "the same signal, not Chronicle's own");
        }
    }

    /** Blocks the file takes on disk (du), which Java's file API does not tell. */
    static long diskKiB(final Path file) throws IOException
    {
        final Process du = new ProcessBuilder("du", "-k", file.toString()).redirectErrorStream(true).start();
        final String out = new String(du.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        try
        {
            assertEquals(0, du.waitFor(), out);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IOException(ex);
        }
        return Long.parseLong(out.split("\\s+")[0]);
    }
}

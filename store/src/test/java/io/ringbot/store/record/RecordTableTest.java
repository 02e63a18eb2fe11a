package io.ringbot.store.record;

import io.ringbot.store.StateStore;
import io.ringbot.store.StoreContext;
import net.openhft.chronicle.core.values.LongValue;
import net.openhft.chronicle.values.Values;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordTableTest
{
    @TempDir
    Path dir;

    @Test
    void shouldKeepEachCachedBindingOnItsOwnRecord()
    {
        try (StateStore store = StateStore.open(new StoreContext().dataDir(dir).usersCapacity(1_000)))
        {
            final RecordTable<UserRecord> users = store.users();
            for (long id = 1; id <= 300; id++)
            {
                final UserRecord r = users.acquire(id);
                r.setId(id);
                r.setMessageCount(id * 10);
            }
            for (long id = 1; id <= 300; id++)
            {
                assertEquals(id * 10, users.acquire(id).getMessageCount(), "record " + id);
            }
            final LongValue key = Values.newHeapInstance(LongValue.class);
            final UserRecord copy = Values.newHeapInstance(UserRecord.class);
            key.setValue(7);
            users.map().getUsing(key, copy);
            assertEquals(70, copy.getMessageCount(), "writes through a binding land in the map");
            assertTrue(users.bindingHits() > 0);
        }
    }

    @Test
    void shouldKeepRecordsAcrossReopenAndForgetRemovedOnes()
    {
        try (StateStore store = StateStore.open(new StoreContext().dataDir(dir).usersCapacity(1_000)))
        {
            store.users().acquire(5).setMessageCount(3);
            store.users().acquire(6).setMessageCount(4);
            store.users().remove(6);
            assertFalse(store.users().contains(6));
        }
        try (StateStore store = StateStore.open(new StoreContext().dataDir(dir).usersCapacity(1_000)))
        {
            assertFalse(store.recovered(), "a clean close needs no recovery");
            assertTrue(store.users().contains(5));
            assertEquals(3, store.users().acquire(5).getMessageCount());
            assertEquals(1, store.users().size());
        }
    }

    @Test
    void shouldRefuseASecondServerOnTheSameFolder()
    {
        try (StateStore store = StateStore.open(new StoreContext().dataDir(dir).usersCapacity(100)))
        {
            final IllegalStateException ex = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> StateStore.open(new StoreContext().dataDir(dir).usersCapacity(100)));
            assertTrue(ex.getMessage().contains("in use"), ex.getMessage());
        }
    }
}

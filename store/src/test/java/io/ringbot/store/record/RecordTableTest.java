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
        try (StateStore store = StateStore.open(new StoreContext().userSchema(TestSchemas.USERS).chatSchema(TestSchemas.CHATS).dataDir(dir).usersCapacity(1_000)))
        {
            final RecordTable users = store.users();
            for (long id = 1; id <= 300; id++)
            {
                final Record r = users.acquire(id);
                r.id(id);
                TestSchemas.MESSAGE_COUNT.set(r, id * 10);
            }
            for (long id = 1; id <= 300; id++)
            {
                assertEquals(id * 10, TestSchemas.MESSAGE_COUNT.get(users.acquire(id)), "record " + id);
            }
            final LongValue key = Values.newHeapInstance(LongValue.class);
            key.setValue(7);
            final byte[] copy = users.map().get(key);
            assertEquals(70, java.nio.ByteBuffer.wrap(copy).order(java.nio.ByteOrder.nativeOrder())
                .getLong(TestSchemas.MESSAGE_COUNT.offset()), "writes through a binding land in the map");
            assertTrue(users.bindingHits() > 0);
        }
    }

    @Test
    void shouldKeepRecordsAcrossReopenAndForgetRemovedOnes()
    {
        try (StateStore store = StateStore.open(new StoreContext().userSchema(TestSchemas.USERS).chatSchema(TestSchemas.CHATS).dataDir(dir).usersCapacity(1_000)))
        {
            TestSchemas.MESSAGE_COUNT.set(store.users().acquire(5), 3);
            TestSchemas.MESSAGE_COUNT.set(store.users().acquire(6), 4);
            store.users().remove(6);
            assertFalse(store.users().contains(6));
        }
        try (StateStore store = StateStore.open(new StoreContext().userSchema(TestSchemas.USERS).chatSchema(TestSchemas.CHATS).dataDir(dir).usersCapacity(1_000)))
        {
            assertFalse(store.recovered(), "a clean close needs no recovery");
            assertTrue(store.users().contains(5));
            assertEquals(3, TestSchemas.MESSAGE_COUNT.get(store.users().acquire(5)));
            assertEquals(1, store.users().size());
        }
    }

    @Test
    void shouldRefuseASecondServerOnTheSameFolder()
    {
        try (StateStore store = StateStore.open(new StoreContext().userSchema(TestSchemas.USERS).chatSchema(TestSchemas.CHATS).dataDir(dir).usersCapacity(100)))
        {
            final IllegalStateException ex = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> StateStore.open(new StoreContext().userSchema(TestSchemas.USERS).chatSchema(TestSchemas.CHATS).dataDir(dir).usersCapacity(100)));
            assertTrue(ex.getMessage().contains("in use"), ex.getMessage());
        }
    }
}

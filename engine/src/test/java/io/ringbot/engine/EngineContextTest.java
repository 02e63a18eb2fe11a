package io.ringbot.engine;

import io.ringbot.engine.reference.ReferenceBot;
import io.ringbot.store.StateStore;
import io.ringbot.store.StoreContext;
import io.ringbot.store.status.CountersFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * An engine context's defaults are its named constants, and conclude() names what to change: a variable
 * where the user sets it, the setter where only code does.
 */
class EngineContextTest
{
    @TempDir
    Path dir;
    private StateStore store;
    private CountersFile counters;

    @AfterEach
    void close()
    {
        if (store != null)
        {
            store.close();
            counters.close();
        }
    }

    private EngineContext context()
    {
        store = StateStore.open(new StoreContext().dataDir(dir).usersCapacity(1_000)
            .userSchema(ReferenceBot.USERS).chatSchema(ReferenceBot.CHATS));
        counters = CountersFile.create(dir);
        return new EngineContext().store(store).countersFile(counters).bot(ReferenceBot.create(""));
    }

    @Test
    void shouldStartFromItsNamedDefaults()
    {
        final EngineContext ctx = context().conclude();
        assertEquals(EngineContext.RING_SIZE_DEFAULT, ctx.ringSize());
        assertEquals(EngineContext.WAIT_STRATEGY_DEFAULT, ctx.waitStrategy());
        assertEquals(EngineContext.PARKING_CAPACITY_DEFAULT, ctx.parkingCapacity());
        assertEquals(EngineContext.TICK_MILLIS_DEFAULT, ctx.tickMillis());
        assertNotNull(ctx.errors(), "conclude() fills the error recorder");
    }

    @Test
    void shouldNameTheSetterOfATooSmallParkingCapacity()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> context().parkingCapacity(0).conclude());
        assertEquals("EngineContext.parkingCapacity must be at least 1, was 0", ex.getMessage());
    }

    @Test
    void shouldNameTheVariableOfABadRingSize()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> context().ringSize(1000).conclude());
        assertEquals("RING_SIZE must be a power of two between 2 and 1048576, was 1000", ex.getMessage());
    }
}

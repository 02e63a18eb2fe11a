package io.ringbot.perf.load;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UserPoolTest
{
    @Test
    void shouldHandOutEachUserOnceUntilReleased()
    {
        final UserPool pool = new UserPool(500, 4, new SplittableRandom(1));
        final Set<Integer> taken = new HashSet<>();
        for (int i = 0; i < 4; i++)
        {
            assertTrue(taken.add(pool.acquire()));
        }

        assertEquals(-1, pool.acquire());
        assertEquals(0, pool.idleCount());

        pool.release(2);
        assertEquals(2, pool.acquire());
        assertEquals(502, pool.userId(2));
    }

    @Test
    void shouldHandOutNewUsersInOrderBeforeAnySecondRequest()
    {
        final UserPool pool = new UserPool(500, 3, new SplittableRandom(1), true);
        assertEquals(0, pool.acquire());
        pool.release(0);
        assertEquals(1, pool.acquire(), "a new user before the released one");
        assertEquals(2, pool.acquire());
        assertEquals(0, pool.acquire(), "then the idle ones");
        assertEquals(-1, pool.acquire());
        pool.release(2);
        assertEquals(2, pool.acquire());
    }

    @Test
    void shouldRefuseADoubleRelease()
    {
        final UserPool pool = new UserPool(1, 2, new SplittableRandom(1));
        final int slot = pool.acquire();
        pool.release(slot);

        assertThrows(IllegalStateException.class, () -> pool.release(slot));
    }
}

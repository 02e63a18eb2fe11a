package io.ringbot.store.retry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.random.RandomGenerator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackoffTest
{
    /** Draws the lowest or the highest jitter the bound allows, so a test sees both ends of the range. */
    private static RandomGenerator pinned(final boolean highest)
    {
        return new RandomGenerator()
        {
            public long nextLong()
            {
                throw new UnsupportedOperationException("only bounded draws");
            }

            public long nextLong(final long bound)
            {
                return highest ? bound - 1 : 0;
            }
        };
    }

    @ParameterizedTest(name = "{0} failures -> ceiling {1}, pause in [{2}, {3}]")
    @CsvSource({
        "0, 250, 125, 250",       // a count below one counts as one
        "1, 250, 125, 250",
        "2, 500, 250, 500",
        "3, 1000, 500, 1000",
        "8, 30000, 15000, 30000", // 250 * 2^7 = 32000 is above the max
        "100, 30000, 15000, 30000",
        "2147483647, 30000, 15000, 30000",
    })
    void ceilingDoublesUpToTheMaxAndThePauseIsItsUpperHalf(final int failures, final long ceiling, final long lowest,
        final long highest)
    {
        assertEquals(ceiling, new Backoff(250, 30_000).ceilingMillis(failures));
        assertEquals(lowest, new Backoff(250, 30_000, pinned(false)).delayMillis(failures));
        assertEquals(highest, new Backoff(250, 30_000, pinned(true)).delayMillis(failures));
    }

    @Test
    void anOddCeilingKeepsItsLargerHalfFixed()
    {
        assertEquals(2, new Backoff(3, 3, pinned(false)).delayMillis(1)); // 3 - 3/2
        assertEquals(3, new Backoff(3, 3, pinned(true)).delayMillis(1));
        assertEquals(1, new Backoff(1, 1, pinned(true)).delayMillis(1)); // nothing to jitter
    }

    @Test
    void hugeBoundsDoNotOverflow()
    {
        final Backoff backoff = new Backoff(Long.MAX_VALUE / 4, Long.MAX_VALUE);
        assertEquals(Long.MAX_VALUE / 4, backoff.ceilingMillis(1));
        assertEquals(Long.MAX_VALUE, backoff.ceilingMillis(4));
        assertEquals(Long.MAX_VALUE, backoff.ceilingMillis(64));
        assertEquals(1L << 62, new Backoff(1, Long.MAX_VALUE).ceilingMillis(63));
        assertEquals(1L << 62, new Backoff(1, Long.MAX_VALUE).ceilingMillis(1000));
    }

    @Test
    void theDefaultRandomStaysInTheRange()
    {
        final Backoff backoff = new Backoff(500, 60_000);
        for (int i = 0; i < 1000; i++)
        {
            final long pause = backoff.delayMillis(3);
            assertTrue(pause >= 1000 && pause <= 2000, "pause " + pause);
        }
    }

    @Test
    void refusesBoundsThatMakeNoPause()
    {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(0, 10));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(10, 9));
    }
}

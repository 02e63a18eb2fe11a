package io.ringbot.perf.load;

import org.junit.jupiter.api.Test;

import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpenLoopScheduleTest
{
    private static final long START = 1_000_000_000L;
    private static final long MS = 1_000_000L;

    @Test
    void shouldPlaceRequestsAtFixedIntervals()
    {
        final OpenLoopSchedule schedule = new OpenLoopSchedule(START, 1000, 1, 0);

        assertEquals(START, schedule.intendedNanos(0));
        assertEquals(START + 5 * MS, schedule.intendedNanos(5));
        assertEquals(START + 30_000 * MS, schedule.intendedNanos(30_000));
    }

    @Test
    void shouldCountWhatIsDueIncludingTheBoundary()
    {
        final OpenLoopSchedule schedule = new OpenLoopSchedule(START, 1000, 1, 0);

        assertEquals(0, schedule.dueCount(START - 1));
        assertEquals(1, schedule.dueCount(START));
        assertEquals(1, schedule.dueCount(START + MS - 1));
        assertEquals(11, schedule.dueCount(START + 10 * MS));
        assertEquals(10_001, schedule.dueCount(START + 10_000 * MS));
    }

    @Test
    void shouldKeepTheRateForNonIntegralPeriods()
    {
        final OpenLoopSchedule schedule = new OpenLoopSchedule(START, 30_000, 1, 0); // 33,333.3 ns apart

        assertEquals(30_001, schedule.dueCount(START + 1_000 * MS));
        for (long seq = 0; seq < 100_000; seq += 997)
        {
            assertTrue(schedule.intendedNanos(seq) <= schedule.intendedNanos(seq + 1));
            assertEquals(seq + 1, schedule.dueCount(schedule.intendedNanos(seq)));
        }
    }

    @Test
    void shouldInterleaveWorkersSoThatEverySlotIsOwnedOnce()
    {
        final int workers = 3;
        final TreeSet<Long> times = new TreeSet<>();
        long due = 0;
        for (int w = 0; w < workers; w++)
        {
            final OpenLoopSchedule schedule = new OpenLoopSchedule(START, 3000, workers, w);
            for (long seq = 0; seq < 100; seq++)
            {
                assertTrue(times.add(schedule.intendedNanos(seq)), "slot owned twice");
            }
            due += schedule.dueCount(START + 100 * MS);
        }

        assertEquals(300, times.size());
        assertEquals(301, due); // 3000/s for 100 ms, both ends included
    }

    @Test
    void shouldRejectImpossibleSchedules()
    {
        assertThrows(IllegalArgumentException.class, () -> new OpenLoopSchedule(START, 0, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new OpenLoopSchedule(START, 10, 2, 2));
    }
}

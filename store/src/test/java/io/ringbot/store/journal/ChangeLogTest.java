package io.ringbot.store.journal;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChangeLogTest
{
    private final List<String> drained = new ArrayList<>();
    private final ChangeLog.ChangeHandler handler = (type, id) -> drained.add(type + ":" + id);

    @Test
    void shouldHandOverIdsInOrderWithTheirType()
    {
        final ChangeLog log = new ChangeLog(ChangeLog.MIN_CAPACITY);
        assertTrue(log.offer(RecordType.USER, 42));
        assertTrue(log.offer(RecordType.CHAT, -1001234567890L));
        assertTrue(log.offer(RecordType.USER, Long.MAX_VALUE));
        assertEquals(3, log.size());

        assertEquals(3, log.drain(handler, 100));

        assertEquals(List.of("0:42", "1:-1001234567890", "0:" + Long.MAX_VALUE), drained);
        assertEquals(0, log.size());
    }

    @Test
    void shouldDrainNoMoreThanTheLimit()
    {
        final ChangeLog log = new ChangeLog(ChangeLog.MIN_CAPACITY);
        for (int i = 0; i < 5; i++)
        {
            log.offer(RecordType.USER, i);
        }

        assertEquals(2, log.drain(handler, 2));
        assertEquals(3, log.drain(handler, 10));
        assertEquals(List.of("0:0", "0:1", "0:2", "0:3", "0:4"), drained);
    }

    @Test
    void shouldRefuseWhenFullAndRaiseTheOverflowFlagOnce()
    {
        final ChangeLog log = new ChangeLog(ChangeLog.MIN_CAPACITY);
        for (int i = 0; i < ChangeLog.MIN_CAPACITY - 1; i++)
        {
            assertTrue(log.offer(RecordType.USER, i), "entry " + i);
        }
        assertFalse(log.overflowed());

        assertFalse(log.offer(RecordType.USER, 99));
        assertFalse(log.offer(RecordType.CHAT, 100));

        assertTrue(log.overflowed());
        assertEquals(2, log.overflows());
        assertTrue(log.takeOverflow());
        assertFalse(log.takeOverflow());
        assertEquals(ChangeLog.MIN_CAPACITY - 1, log.drain(handler, Integer.MAX_VALUE));
        assertTrue(log.offer(RecordType.USER, 99), "room again once drained");
    }

    @Test
    void shouldPassIdsBetweenThreads() throws InterruptedException
    {
        final ChangeLog log = new ChangeLog(1024);
        final int count = 200_000;
        final Thread producer = new Thread(() ->
        {
            for (long id = 0; id < count; id++)
            {
                while (!log.offer(((id & 1) == 0 ? RecordType.USER : RecordType.CHAT), id))
                {
                    Thread.onSpinWait();
                }
            }
        });
        final long[] next = {0};
        final boolean[] inOrder = {true};
        producer.start();
        while (next[0] < count)
        {
            log.drain((type, id) ->
            {
                inOrder[0] &= id == next[0] && type == (int)(id & 1);
                next[0]++;
            }, 1000);
        }
        producer.join();
        assertTrue(inOrder[0]);
    }

    @Test
    void shouldRejectACapacityThatIsNotAPowerOfTwo()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> new ChangeLog(1000));
        assertTrue(ex.getMessage().contains("power of two"), ex.getMessage());
    }
}

package io.ringbot.store.dedup;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UpdateIdWindowTest
{
    @TempDir
    Path dir;

    @Test
    void shouldRecogniseAppliedIdsOutOfOrderAndAfterReopen()
    {
        final long now = 1_700_000_000_000L;
        try (UpdateIdWindow window = UpdateIdWindow.open(dir.resolve("w")))
        {
            assertFalse(window.isDuplicate(100, now));
            window.markApplied(100, now);
            window.markApplied(103, now);
            assertTrue(window.isDuplicate(100, now));
            assertFalse(window.isDuplicate(101, now), "an older id in flight is new");
            window.markApplied(101, now);
            assertTrue(window.isDuplicate(101, now));
        }
        try (UpdateIdWindow window = UpdateIdWindow.open(dir.resolve("w")))
        {
            assertTrue(window.isDuplicate(103, now));
            assertFalse(window.isDuplicate(102, now));
        }
    }

    @Test
    void shouldForgetBitsThatLeaveTheWindow()
    {
        final long now = 1_700_000_000_000L;
        try (UpdateIdWindow window = UpdateIdWindow.open(dir.resolve("w")))
        {
            window.markApplied(10, now);
            window.markApplied(10 + UpdateIdWindow.WINDOW - 1, now);
            assertTrue(window.isDuplicate(10, now));
            assertFalse(window.isDuplicate(11 + UpdateIdWindow.WINDOW, now));
            window.markApplied(12 + 2L * UpdateIdWindow.WINDOW - 2, now);
            assertFalse(window.isDuplicate(10 + 2L * UpdateIdWindow.WINDOW - 2, now), "reused bit positions were cleared");
            assertTrue(window.isDuplicate(12 + 2L * UpdateIdWindow.WINDOW - 2, now));
        }
    }

    @Test
    void shouldNotLetOneFarJumpForwardMakeTheFollowingUpdatesDuplicates()
    {
        final long now = 1_700_000_000_000L;
        try (UpdateIdWindow window = UpdateIdWindow.open(dir.resolve("w")))
        {
            for (long id = 100; id < 110; id++)
            {
                assertEquals(UpdateIdWindow.NEAR, window.markApplied(id, now));
            }
            assertFalse(window.isDuplicate(2_000_000_000L, now));
            assertEquals(UpdateIdWindow.FAR_JUMP, window.markApplied(2_000_000_000L, now), "a far jump is reported");
            assertTrue(window.isDuplicate(2_000_000_000L, now), "the jump's own redelivery is recognised");
            assertFalse(window.isDuplicate(110, now), "the next genuine update is not a duplicate");
            assertEquals(UpdateIdWindow.NEAR, window.markApplied(110, now + 1));
            assertTrue(window.isDuplicate(105, now), "redeliveries from before the jump are still recognised");
            assertTrue(window.isDuplicate(110, now));
            assertFalse(window.isDuplicate(111, now));
        }
    }

    @Test
    void shouldNotLetOneFarJumpBackwardDropTheUpdatesAfterIt()
    {
        final long now = 1_700_000_000_000L;
        try (UpdateIdWindow window = UpdateIdWindow.open(dir.resolve("w")))
        {
            window.markApplied(900_000_000L, now);
            window.markApplied(900_000_001L, now);
            assertFalse(window.isDuplicate(5, now), "an id far below is not taken as applied");
            assertEquals(UpdateIdWindow.FAR_JUMP, window.markApplied(5, now + 1));
            assertTrue(window.isDuplicate(5, now + 1));
            assertFalse(window.isDuplicate(6, now + 1), "ids after the jump go on");
            window.markApplied(6, now + 2);
            assertTrue(window.isDuplicate(900_000_001L, now + 2), "the earlier lane still answers for its ids");
            assertFalse(window.isDuplicate(900_000_002L, now + 2));
        }
    }

    @Test
    void shouldKeepTheGenuineLaneWhenForgedJumpsComeBetweenGenuineUpdates()
    {
        final long now = 1_700_000_000_000L;
        try (UpdateIdWindow window = UpdateIdWindow.open(dir.resolve("w")))
        {
            long t = now;
            long genuine = 1_000;
            window.markApplied(genuine++, t++);
            for (long forged = 1; forged <= 5; forged++)
            {
                assertEquals(UpdateIdWindow.FAR_JUMP, window.markApplied(forged * 100_000_000L, t++));
                assertEquals(UpdateIdWindow.NEAR, window.markApplied(genuine++, t++));
            }
            for (long id = 1_000; id < genuine; id++)
            {
                assertTrue(window.isDuplicate(id, t), "genuine " + id + " still recognised");
            }
            assertFalse(window.isDuplicate(genuine, t));
        }
    }

    @Test
    void shouldKeepTheGenuineLaneWhenEverythingHappensInOneMillisecond()
    {
        final long now = 1_700_000_000_000L;
        try (UpdateIdWindow window = UpdateIdWindow.open(dir.resolve("w")))
        {
            window.markApplied(10_000_000, now);
            assertEquals(UpdateIdWindow.FAR_JUMP, window.markApplied(2_000_000_000L, now));
            window.markApplied(10_000_001, now);
            assertEquals(UpdateIdWindow.FAR_JUMP, window.markApplied(3, now), "re-bases the forged lane, not the genuine one");
            assertTrue(window.isDuplicate(10_000_001, now));
            assertEquals(UpdateIdWindow.NEAR, window.markApplied(10_000_002, now));
            assertEquals(10_000_002, window.highest());
        }
    }

    @Test
    void shouldNotSpinOrOverflowOnExtremeIds()
    {
        final long now = 1_700_000_000_000L;
        try (UpdateIdWindow window = UpdateIdWindow.open(dir.resolve("w")))
        {
            window.markApplied(-5, now);
            assertEquals(UpdateIdWindow.FAR_JUMP, window.markApplied(Long.MAX_VALUE, now));
            assertEquals(UpdateIdWindow.FAR_JUMP, window.markApplied(Long.MIN_VALUE, now));
            assertTrue(window.isDuplicate(Long.MIN_VALUE, now));
            assertFalse(window.isDuplicate(Long.MAX_VALUE - 1, now));
            window.markApplied(Long.MIN_VALUE + 1, now);
            assertTrue(window.isDuplicate(Long.MIN_VALUE + 1, now));
        }
    }

    @Test
    void shouldKeepBothLanesAcrossARestart()
    {
        final long now = 1_700_000_000_000L;
        try (UpdateIdWindow window = UpdateIdWindow.open(dir.resolve("w")))
        {
            window.markApplied(100, now);
            window.markApplied(101, now);
            assertEquals(UpdateIdWindow.FAR_JUMP, window.markApplied(2_000_000_000L, now + 1));
        }
        try (UpdateIdWindow window = UpdateIdWindow.open(dir.resolve("w")))
        {
            assertTrue(window.isDuplicate(101, now + 2));
            assertTrue(window.isDuplicate(2_000_000_000L, now + 2));
            assertFalse(window.isDuplicate(102, now + 2), "the update after the jump is new after a restart too");
            assertEquals(UpdateIdWindow.NEAR, window.markApplied(102, now + 2));
            assertEquals(UpdateIdWindow.NEAR, window.markApplied(1_999_999_999L, now + 2));
        }
    }

    @Test
    void shouldKeepTheIdsOfAFileOfTheEarlierLayout() throws Exception
    {
        final long now = 1_700_000_000_000L;
        final org.agrona.concurrent.UnsafeBuffer legacy =
            new org.agrona.concurrent.UnsafeBuffer(new byte[UpdateIdWindow.LEGACY_FILE_LENGTH]);
        legacy.putInt(UpdateIdWindow.MAGIC_OFFSET, UpdateIdWindow.MAGIC);
        legacy.putInt(UpdateIdWindow.INITIALISED_OFFSET, 1);
        legacy.putLong(UpdateIdWindow.HIGHEST_OFFSET, 70_000);
        legacy.putLong(UpdateIdWindow.LAST_APPLIED_OFFSET, now);
        for (final long id : new long[]{70_000, 69_998, 10_000})
        {
            final int offset = UpdateIdWindow.BITS_OFFSET + (int)((id >>> 6) & (UpdateIdWindow.LEGACY_WINDOW / 64 - 1)) * 8;
            legacy.putLong(offset, legacy.getLong(offset) | 1L << (id & 63));
        }
        java.nio.file.Files.write(dir.resolve("w"), legacy.byteArray());
        try (UpdateIdWindow window = UpdateIdWindow.open(dir.resolve("w")))
        {
            assertEquals(UpdateIdWindow.FILE_LENGTH, java.nio.file.Files.size(dir.resolve("w")));
            assertTrue(window.isDuplicate(70_000, now));
            assertTrue(window.isDuplicate(69_998, now));
            assertTrue(window.isDuplicate(10_000, now));
            assertFalse(window.isDuplicate(69_999, now));
            assertEquals(70_000, window.highest());
        }
    }

    @Test
    void shouldStartAgainAfterADayOfSilence()
    {
        final long now = 1_700_000_000_000L;
        try (UpdateIdWindow window = UpdateIdWindow.open(dir.resolve("w")))
        {
            window.markApplied(5_000_000, now);
            final long later = now + UpdateIdWindow.RESET_AFTER_MS + 1;
            assertFalse(window.isDuplicate(12, later), "Telegram may restart ids at a random value");
            window.markApplied(12, later);
            assertTrue(window.isDuplicate(12, later));
        }
    }
}

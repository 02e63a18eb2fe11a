package io.ringbot.store.dedup;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

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
            window.markApplied(10 + UpdateIdWindow.WINDOW, now);
            assertTrue(window.isDuplicate(10, now), "older than the window counts as applied");
            assertFalse(window.isDuplicate(11 + UpdateIdWindow.WINDOW, now));
            window.markApplied(12 + 2L * UpdateIdWindow.WINDOW, now);
            assertFalse(window.isDuplicate(10 + 2L * UpdateIdWindow.WINDOW, now), "reused bit positions were cleared");
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

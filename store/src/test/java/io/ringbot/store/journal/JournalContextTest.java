package io.ringbot.store.journal;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JournalContextTest
{
    @Test
    void shouldHaveTheDocumentedDefaults()
    {
        final JournalContext ctx = new JournalContext().conclude();

        assertEquals(1000, ctx.minWriteIntervalMs());
        assertEquals(100, ctx.flushIntervalMs());
        assertEquals(500, ctx.maxBatch());
        assertEquals(4, ctx.maxCommitsInFlight());
        assertEquals(2000, ctx.readTimeoutMs());
        assertEquals(1 << 20, ctx.changeLogCapacity());
        assertEquals("", ctx.collectionPrefix());
        assertNull(ctx.projectId());
        assertFalse(ctx.firestoreConfigured());
    }

    @Test
    void shouldUseADemoProjectOnTheEmulator()
    {
        final JournalContext ctx = new JournalContext().emulatorHost("127.0.0.1:8080").conclude();
        assertEquals("demo-ringbot", ctx.projectId());
        assertTrue(ctx.firestoreConfigured());
        assertTrue(new JournalContext().credentialsFile(Path.of("/x.json")).firestoreConfigured());
        assertFalse(new JournalContext().projectId(" ").emulatorHost("").firestoreConfigured());
    }

    @Test
    void shouldSayWhatToChange()
    {
        assertMessage("JOURNAL_MAX_BATCH must be between 1 and 500", new JournalContext().maxBatch(501));
        assertMessage("FIRESTORE_COLLECTION_PREFIX may hold", new JournalContext().collectionPrefix("a/b"));
        assertMessage("JOURNAL_RETRY_BACKOFF_MAX_MS (10) must be at least",
            new JournalContext().retryBackoffInitialMs(100).retryBackoffMaxMs(10));
        assertMessage("FIRESTORE_EMULATOR_HOST must be host:port", new JournalContext().emulatorHost("localhost"));
        assertMessage("JOURNAL_CHANGE_LOG_CAPACITY must be a power of two", new JournalContext().changeLogCapacity(1000));
        assertMessage("GOOGLE_APPLICATION_CREDENTIALS names", new JournalContext().credentialsFile(Path.of("/nonexistent.json")));
    }

    private static void assertMessage(final String expectedStart, final JournalContext ctx)
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, ctx::conclude);
        assertTrue(ex.getMessage().startsWith(expectedStart), ex.getMessage());
    }
}

package io.ringbot.store.journal;

import org.junit.jupiter.api.Test;

import java.util.Map;

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
        final JournalContext ctx = JournalContext.fromEnvironment(Map.of()).conclude();

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
    void shouldReadTheEnvironment()
    {
        final JournalContext ctx = JournalContext.fromEnvironment(Map.of(
            "FIRESTORE_PROJECT_ID", "my-bot",
            "FIRESTORE_COLLECTION_PREFIX", "prod_",
            "JOURNAL_MIN_WRITE_INTERVAL_MS", "2000",
            "JOURNAL_MAX_BATCH", "250",
            "JOURNAL_MAX_COMMITS_IN_FLIGHT", "8",
            "LOADER_READ_TIMEOUT_MS", "500")).conclude();

        assertEquals("my-bot", ctx.projectId());
        assertEquals("prod_", ctx.collectionPrefix());
        assertEquals(2000, ctx.minWriteIntervalMs());
        assertEquals(250, ctx.maxBatch());
        assertEquals(8, ctx.maxCommitsInFlight());
        assertEquals(500, ctx.readTimeoutMs());
        assertTrue(ctx.firestoreConfigured());
    }

    @Test
    void shouldPreferFirebaseProjectIdOverItsAlias()
    {
        final JournalContext ctx = JournalContext.fromEnvironment(Map.of(
            "FIREBASE_PROJECT_ID", "first", "FIRESTORE_PROJECT_ID", "second"));
        assertEquals("first", ctx.projectId());
    }

    @Test
    void shouldUseADemoProjectOnTheEmulator()
    {
        final JournalContext ctx = JournalContext.fromEnvironment(Map.of("FIRESTORE_EMULATOR_HOST", "127.0.0.1:8080"))
            .conclude();
        assertEquals("demo-ringbot", ctx.projectId());
        assertTrue(FirestoreSink.isConfigured(Map.of("FIRESTORE_EMULATOR_HOST", "127.0.0.1:8080")));
        assertTrue(FirestoreSink.isConfigured(Map.of("GOOGLE_APPLICATION_CREDENTIALS", "/x.json")));
        assertFalse(FirestoreSink.isConfigured(Map.of("FIREBASE_PROJECT_ID", " ")));
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
        assertMessage("GOOGLE_APPLICATION_CREDENTIALS names", new JournalContext().credentialsFile(java.nio.file.Path.of("/nonexistent.json")));
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> JournalContext.fromEnvironment(Map.of("JOURNAL_FLUSH_INTERVAL_MS", "fast")));
        assertTrue(ex.getMessage().startsWith("JOURNAL_FLUSH_INTERVAL_MS must be a whole number"), ex.getMessage());
    }

    private static void assertMessage(final String expectedStart, final JournalContext ctx)
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, ctx::conclude);
        assertTrue(ex.getMessage().startsWith(expectedStart), ex.getMessage());
    }
}

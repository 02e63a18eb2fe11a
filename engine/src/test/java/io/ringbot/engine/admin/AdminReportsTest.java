package io.ringbot.engine.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringbot.engine.EngineHarness;
import io.ringbot.store.record.Record;
import io.ringbot.engine.reference.ReferenceBot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.ringbot.engine.EngineHarness.reply;
import static io.ringbot.engine.EngineHarness.text;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AdminReportsTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void shouldDropOnlyIdleRecordsFirestoreAlreadyHolds() throws Exception
    {
        try (EngineHarness engine = new EngineHarness(dir, true, 0))
        {
            engine.send(text(1, 1, "synced user"));
            engine.send(text(2, 2, "unsynced user"));
            final Record user = engine.store().users().acquire(1);
            user.orderedSyncedVersion(user.version());
            final Record chat = engine.store().chats().acquire(1);
            chat.orderedSyncedVersion(chat.version());
            Thread.sleep(5);

            final String report = adminSays(engine, 3, "/clearcache");
            assertTrue(report.startsWith("dropped 1 users and 1 chats"), report);
            assertFalse(engine.store().users().contains(1));
            assertFalse(engine.store().chats().contains(1));
            assertTrue(engine.store().users().contains(2), "a change not yet in Firestore is never dropped");
            assertTrue(engine.store().chats().contains(2));
        }
    }

    @Test
    void shouldDropNothingWhenTheStoreIsTheOnlyCopy() throws Exception
    {
        try (EngineHarness engine = new EngineHarness(dir, false, 0))
        {
            engine.send(text(1, 1, "hello"));
            final Record user = engine.store().users().acquire(1);
            user.orderedSyncedVersion(user.version());
            Thread.sleep(5);
            assertTrue(adminSays(engine, 2, "/clearcache").contains("nothing was dropped"));
            assertTrue(engine.store().users().contains(1));
        }
    }

    @Test
    void shouldReportConnectionsToAdminsOnly() throws Exception
    {
        try (EngineHarness engine = new EngineHarness(dir, false, 0))
        {
            assertTrue(adminSays(engine, 1, "/connections").contains("webhook connections open: 0"));
            assertTrue(engine.send(EngineHarness.text(2, 42, "/connections")).replyLength() == 0);
        }
    }

    private static String adminSays(final EngineHarness engine, final long updateId, final String command) throws Exception
    {
        return JSON.readTree(reply(engine.send(EngineHarness.text(updateId, EngineHarness.ADMIN_ID, command)))).get("text").asText();
    }
}

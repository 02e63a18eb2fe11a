package io.ringbot.engine;

import io.ringbot.engine.bot.Bot;
import io.ringbot.store.undo.UndoLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine brackets each update with the store's undo log: set while the handler runs, clear once the
 * update is marked applied, also when the handler throws.
 */
class EngineHandlerUndoTest
{
    @TempDir
    Path dir;

    @Test
    void shouldLogTheUpdatesRecordsWhileItRunsAndClearOnceMarked()
    {
        final UndoLog[] log = new UndoLog[1];
        final int[] seen = new int[2];
        final Bot bot = new Bot().records(UndoCrashChild.USERS, UndoCrashChild.CHATS).text(ctx ->
        {
            ctx.user(UndoCrashChild.PAYEE).add(UndoCrashChild.BALANCE, 1);
            seen[0] = log[0].count();
            seen[1] = log[0].isSet() ? 1 : 0;
            if (ctx.update().text().toString().equals("boom"))
            {
                throw new IllegalStateException("the handler failed");
            }
        });
        try (EngineHarness engine = EngineHarness.withBotRecords(dir, 1_000, bot, null, 16))
        {
            log[0] = engine.store().undoLog();
            engine.send(UndoCrashChild.UPDATE);
            assertEquals(3, seen[0], "the sender, the chat and the other user");
            assertEquals(1, seen[1], "set in the file while the handler runs");
            assertFalse(log[0].isSet(), "clear once marked applied");

            seen[0] = 0;
            seen[1] = 0;
            engine.send(UndoCrashChild.UPDATE.replace("\"update_id\":700", "\"update_id\":701").replace("\"pay\"", "\"boom\""));
            assertTrue(seen[1] == 1 && seen[0] == 3, "logged before it threw");
            assertFalse(log[0].isSet(), "clear after a handler that threw, too");
            assertEquals(0, log[0].count());
        }
    }
}

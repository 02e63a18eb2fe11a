package io.ringbot.engine;

import io.ringbot.bot.Bot;
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
    /** Rounds of 10,000 updates at most in the allocation test. */
    private static final int ROUNDS = 8;

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

    @Test
    void shouldPutBackTheRecordsOfAHandlerThatThrowsHalfway()
    {
        final Bot bot = new Bot().records(UndoCrashChild.USERS, UndoCrashChild.CHATS).text(ctx ->
        {
            ctx.user(UndoCrashChild.PAYEE).add(UndoCrashChild.BALANCE, 5);
            ctx.user().add(UndoCrashChild.BALANCE, -UndoCrashChild.AMOUNT);
            ctx.chat().add(UndoCrashChild.TRANSFERS, 1);
            if (ctx.update().text().toString().equals("boom"))
            {
                throw new IllegalStateException("the handler failed after the debit");
            }
            ctx.user(UndoCrashChild.PAYEE).add(UndoCrashChild.BALANCE, UndoCrashChild.AMOUNT - 5);
        });
        try (EngineHarness engine = EngineHarness.withBotRecords(dir, 1_000, bot, null, 16))
        {
            engine.send(UndoCrashChild.UPDATE);
            final String boom = UndoCrashChild.UPDATE.replace("\"update_id\":700", "\"update_id\":701")
                .replace("\"pay\"", "\"boom\"");
            final long payerVersion = engine.store().users().find(UndoCrashChild.PAYER).version();
            engine.send(boom);
            final io.ringbot.store.record.Record payer = engine.store().users().find(UndoCrashChild.PAYER);
            assertEquals(90, UndoCrashChild.BALANCE.get(payer), "the debit of the failed update was put back");
            assertTrue(payer.version() > payerVersion && payer.seq() % 2 == 0,
                "put back as a new, closed change (the journal writes it again)");
            assertEquals(110, UndoCrashChild.BALANCE.get(engine.store().users().find(UndoCrashChild.PAYEE)),
                "the other user's partial credit was put back");
            assertEquals(1, UndoCrashChild.TRANSFERS.get(engine.store().chats().find(UndoCrashChild.PAYER)));
            assertEquals(1, engine.counter(io.ringbot.store.status.RingbotCounter.ENGINE_HANDLER_ERRORS));

            engine.send(boom);
            assertEquals(90, UndoCrashChild.BALANCE.get(engine.store().users().find(UndoCrashChild.PAYER)),
                "a redelivery of the failed update is a duplicate: it was marked applied");
            engine.send(UndoCrashChild.UPDATE.replace("\"update_id\":700", "\"update_id\":702"));
            assertEquals(80, UndoCrashChild.BALANCE.get(engine.store().users().find(UndoCrashChild.PAYER)));
            assertEquals(120, UndoCrashChild.BALANCE.get(engine.store().users().find(UndoCrashChild.PAYEE)));
        }
    }

    @Test
    void shouldLogAndClearWithoutAllocatingPerUpdate()
    {
        final int updates = 10_000;
        final byte[][] bodies = new byte[ROUNDS * updates][];
        for (int i = 0; i < bodies.length; i++)
        {
            bodies[i] = UndoCrashChild.UPDATE.replace("\"update_id\":700", "\"update_id\":" + (1_000 + i))
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        try (EngineHarness engine = EngineHarness.withBotRecords(dir, 1_000, UndoCrashChild.bot(0), null, 16))
        {
            final io.ringbot.engine.ring.UpdateEvent event = new io.ringbot.engine.ring.UpdateEvent();
            event.responder((e, s) ->
            {
            });
            final EngineHandler handler = engine.engine().handler();
            final com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean)java.lang.management.ManagementFactory.getThreadMXBean();
            // the fewest bytes any round after the first allocated: on a loaded machine the JIT may not have
            // compiled the path (escape analysis) by the second or third round, but one allocation per update
            // would show in every round (10,000 updates x at least 16 bytes)
            long allocated = Long.MAX_VALUE;
            int next = 0;
            for (int round = 0; round < ROUNDS && allocated >= 4096; round++)
            {
                final long before = threads.getCurrentThreadAllocatedBytes();
                for (int i = 0; i < updates; i++)
                {
                    final byte[] body = bodies[next++];
                    System.arraycopy(body, 0, event.bodyBufferFor(body.length), 0, body.length);
                    event.type(io.ringbot.engine.ring.UpdateEvent.UPDATE);
                    handler.onEvent(event, next, true);
                }
                if (round > 0)
                {
                    allocated = Math.min(allocated, threads.getCurrentThreadAllocatedBytes() - before);
                }
            }
            assertTrue(allocated < 4096, "allocated " + allocated + " bytes for " + updates + " transfers");
            assertEquals(100 - 10L * next, UndoCrashChild.BALANCE.get(engine.store().users().find(UndoCrashChild.PAYER)),
                "every transfer applied");
            assertFalse(engine.store().undoLog().isSet());
        }
    }
}

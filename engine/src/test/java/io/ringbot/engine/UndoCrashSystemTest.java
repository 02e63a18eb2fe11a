package io.ringbot.engine;

import io.ringbot.engine.ring.UpdateEvent;
import io.ringbot.store.StateStore;
import io.ringbot.store.StoreContext;
import io.ringbot.store.record.Record;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.ringbot.engine.UndoCrashChild.AMOUNT;
import static io.ringbot.engine.UndoCrashChild.BALANCE;
import static io.ringbot.engine.UndoCrashChild.PAYEE;
import static io.ringbot.engine.UndoCrashChild.PAYER;
import static io.ringbot.engine.UndoCrashChild.TRANSFERS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A transfer touching three records is killed (a child JVM halts) at every step of the engine's apply
 * sequence; the next start recovers and the redelivered update applies exactly once: the payer paid once,
 * the payee was paid once, the chat counted one transfer, the sum is conserved, and every record the crash
 * may have let the journal see is pending again.
 */
class UndoCrashSystemTest
{
    private static final long START = 100;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "halt at step {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6})
    void shouldApplyATransferExactlyOnceAfterAKillAtAnyStep(final int step) throws Exception
    {
        final Path data = dir.resolve("data");
        seed(data);
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (final String arg : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (arg.startsWith("--add-") || arg.startsWith("-Dchronicle"))
            {
                command.add(arg);
            }
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(UndoCrashChild.class.getName());
        command.add(data.toString());
        command.add(Integer.toString(step));
        final Path log = dir.resolve("child-" + step + ".log");
        final Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the child ended");
        assertEquals(137, child.exitValue(), "halted at step " + step + ": " + Files.readString(log));

        try (StateStore store = open(data))
        {
            assertFalse(store.undoLog().isSet(), "recovered and cleared at open");
            final Record payer = store.users().find(PAYER);
            final Record payee = store.users().find(PAYEE);
            if (step == UndoCrashChild.AFTER_MARK_APPLIED)
            {
                assertEquals(START - AMOUNT, BALANCE.get(payer), "marked applied: the transfer stands");
                assertEquals(START + AMOUNT, BALANCE.get(payee));
            }
            else
            {
                assertEquals(START, BALANCE.get(payer), "put back");
                assertEquals(START, BALANCE.get(payee), "put back");
                if (step >= UndoCrashChild.DURING_CLOSE_CHANGES)
                {
                    assertFalse(payer.isSynced(), "the journal may have written the undone change: written again");
                    assertFalse(payee.isSynced());
                }
            }
            assertEquals(0, payer.seq() & 1, "no seqlock left open");
            assertEquals(0, payee.seq() & 1);
        }

        try (EngineHarness engine = EngineHarness.withBotRecords(data, 1_000, UndoCrashChild.bot(0), null, 16))
        {
            final UpdateEvent redelivered = engine.send(UndoCrashChild.UPDATE);
            assertEquals(200, redelivered.status());
            assertEquals(step != UndoCrashChild.AFTER_MARK_APPLIED, EngineHarness.reply(redelivered).contains("paid"),
                "applied by the redelivery unless it was marked: " + EngineHarness.reply(redelivered));
            assertEquals(0, engine.send(UndoCrashChild.UPDATE).replyLength(), "a second redelivery is a duplicate");
            final StateStore store = engine.store();
            final long payer = BALANCE.get(store.users().find(PAYER));
            final long payee = BALANCE.get(store.users().find(PAYEE));
            assertEquals(START - AMOUNT, payer, "the payer paid exactly once");
            assertEquals(START + AMOUNT, payee, "the payee was paid exactly once");
            assertEquals(2 * START, payer + payee, "conserved");
            final Record chat = store.chats().find(PAYER);
            assertEquals(1, TRANSFERS.get(chat), "the chat counted one transfer");
            assertEquals(PAYER, chat.id(), "the chat is claimed");
            assertFalse(store.undoLog().isSet());
        }
    }

    /** Two users Firestore holds (synced), no chat yet. */
    private static void seed(final Path data)
    {
        try (StateStore store = open(data))
        {
            for (long id = PAYER; id <= PAYEE; id++)
            {
                final Record user = store.users().acquire(id);
                user.beginWrite();
                user.id(id);
                BALANCE.set(user, START);
                user.orderedSyncedVersion(user.endWrite());
            }
        }
    }

    private static StateStore open(final Path data)
    {
        return StateStore.open(new StoreContext().dataDir(data).usersCapacity(1_000).chatsCapacity(1_000)
            .userSchema(UndoCrashChild.USERS).chatSchema(UndoCrashChild.CHATS));
    }
}

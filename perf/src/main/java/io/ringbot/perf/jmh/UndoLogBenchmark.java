package io.ringbot.perf.jmh;

import io.ringbot.engine.wallet.WalletBot;
import io.ringbot.store.StateStore;
import io.ringbot.store.StoreContext;
import io.ringbot.store.record.Record;
import io.ringbot.store.record.RecordTable;
import io.ringbot.store.undo.UndoLog;
import org.agrona.IoUtil;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the undo log adds to one update: a wallet transfer's records (payer, payee, chat) bound and changed
 * in place, with and without the log's begin, three record copies and clear. Both in one fork, so a loaded
 * machine weighs on both alike. Run with {@code -prof gc} for bytes per operation.
 */
@State(Scope.Thread)
public class UndoLogBenchmark extends OffHeapBenchmark
{
    private static final int USERS = 1000;
    private static final long FIRST_ID = 100_000_000L;

    private Path dir;
    private StateStore store;
    private RecordTable users;
    private RecordTable chats;
    private UndoLog undo;
    private long updateId;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws IOException
    {
        dir = Files.createTempDirectory("ringbot-undo-bench");
        store = StateStore.open(new StoreContext().dataDir(dir).usersCapacity(USERS * 2L).chatsCapacity(USERS * 2L)
            .userSchema(WalletBot.USERS).chatSchema(WalletBot.CHATS));
        users = store.users();
        chats = store.chats();
        undo = store.undoLog();
        for (int u = 0; u < USERS; u++)
        {
            users.acquire(FIRST_ID + u).id(FIRST_ID + u);
            chats.acquire(FIRST_ID + u).id(FIRST_ID + u);
        }
    }

    /** The records of a transfer, changed in place: the path without the log. */
    @Benchmark
    public long transfer()
    {
        return change();
    }

    /** The same, bracketed by the log as the engine does: begin, a copy per record, clear. */
    @Benchmark
    public long transferLogged()
    {
        undo.begin(++updateId);
        final long result = change();
        undo.clear();
        return result;
    }

    private long change()
    {
        final int u = next;
        next = u + 1 == USERS ? 0 : u + 1;
        final long payer = FIRST_ID + u;
        final long payee = FIRST_ID + (u + 1 == USERS ? 0 : u + 1);
        final Record from = users.acquire(payer);
        from.beginWrite();
        WalletBot.BALANCE.set(from, WalletBot.BALANCE.get(from) - 1);
        from.endWrite();
        final Record chat = chats.acquire(payer);
        chat.beginWrite();
        chat.lastSeenMillis(updateId);
        chat.endWrite();
        final Record to = users.acquire(payee);
        to.beginWrite();
        WalletBot.BALANCE.set(to, WalletBot.BALANCE.get(to) + 1);
        return to.endWrite();
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        store.close();
        IoUtil.delete(dir.toFile(), true);
    }
}

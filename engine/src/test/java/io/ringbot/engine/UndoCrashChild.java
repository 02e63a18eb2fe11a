package io.ringbot.engine;

import io.ringbot.bot.Bot;
import io.ringbot.engine.dispatch.RecordChanges;
import io.ringbot.bot.RecordState;
import io.ringbot.engine.ring.UpdateEvent;
import io.ringbot.store.StateStore;
import io.ringbot.store.StoreContext;
import io.ringbot.store.record.LongField;
import io.ringbot.store.record.RecordSchema;
import io.ringbot.store.status.CountersFile;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Run in a child JVM by {@link UndoCrashSystemTest}: applies one transfer (user 1 pays user 2, the chat
 * counts it) through the real engine handler and halts, as a kill -9 would, at the step given.
 */
public final class UndoCrashChild
{
    static final RecordSchema USERS = RecordSchema.named("users");
    static final LongField BALANCE = USERS.longField("balance").defaultValue(100);
    static final RecordSchema CHATS = RecordSchema.named("chats");
    static final LongField TRANSFERS = CHATS.longField("transfers");
    static final long PAYER = 1;
    static final long PAYEE = 2;
    static final long AMOUNT = 10;
    static final long UPDATE_ID = 700;
    static final String UPDATE = "{\"update_id\":" + UPDATE_ID + ",\"message\":{\"message_id\":1,\"date\":1,\"from\":" +
        "{\"id\":" + PAYER + ",\"is_bot\":false,\"first_name\":\"A\"},\"chat\":{\"id\":" + PAYER + ",\"type\":\"private\"}," +
        "\"text\":\"pay\"}}";

    /** Halt after the three records are bound (and copied to the undo log), before any write. */
    static final int AFTER_UNDO_COPY = 1;
    static final int AFTER_FIRST_WRITE = 2;
    static final int AFTER_SECOND_WRITE = 3;
    /** Halt inside closeChanges: the payer's change closed and told to the journal, the others not. */
    static final int DURING_CLOSE_CHANGES = 4;
    static final int AFTER_CLOSE_CHANGES = 5;
    /** Halt after closeChanges and markApplied, before the undo log is cleared. */
    static final int AFTER_MARK_APPLIED = 6;
    static final int STEPS = 6;

    private UndoCrashChild()
    {
    }

    /**
     * @param step where to halt, 0 for nowhere.
     * @return the transfer bot.
     */
    static Bot bot(final int step)
    {
        return new Bot().records(USERS, CHATS).text(ctx ->
        {
            final RecordState payer = ctx.user();
            final RecordState payee = ctx.user(PAYEE);
            final RecordState chat = ctx.chat();
            haltAt(step, AFTER_UNDO_COPY);
            payer.add(BALANCE, -AMOUNT);
            chat.add(TRANSFERS, 1);
            haltAt(step, AFTER_FIRST_WRITE);
            payee.add(BALANCE, AMOUNT);
            haltAt(step, AFTER_SECOND_WRITE);
            ctx.sendMessage().text().append("paid");
        });
    }

    public static void main(final String[] args)
    {
        final Path dir = Path.of(args[0]);
        final int step = Integer.parseInt(args[1]);
        final StateStore store = StateStore.open(new StoreContext().dataDir(dir).usersCapacity(1_000).chatsCapacity(1_000)
            .userSchema(USERS).chatSchema(CHATS));
        final int[] closed = new int[1];
        final RecordChanges changes = (type, id) ->
        {
            closed[0]++;
            haltAt(closed[0] == 1 ? step : 0, DURING_CLOSE_CHANGES);
            if (closed[0] == 3)
            {
                // the payer, the chat (created now) and the payee are closed: closeChanges is done
                haltAt(step, AFTER_CLOSE_CHANGES);
                if (step == AFTER_MARK_APPLIED)
                {
                    // what apply does next
                    store.updateIds().markApplied(UPDATE_ID, System.currentTimeMillis());
                    halt();
                }
            }
        };
        final Engine engine = new Engine(new EngineContext().store(store).countersFile(CountersFile.create(dir))
            .bot(bot(step)).recordChanges(changes).ringSize(16).tickMillis(0));
        final byte[] body = UPDATE.getBytes(StandardCharsets.UTF_8);
        final UpdateEvent event = new UpdateEvent();
        System.arraycopy(body, 0, event.bodyBufferFor(body.length), 0, body.length);
        event.type(UpdateEvent.UPDATE);
        engine.handler().onBatchStart(1, 1);
        engine.handler().onEvent(event, 0, true);
        System.out.println("applied without a halt: " + new String(event.reply(), 0, event.replyLength(), StandardCharsets.UTF_8));
        System.exit(0);
    }

    private static void haltAt(final int step, final int here)
    {
        if (step == here)
        {
            halt();
        }
    }

    private static void halt()
    {
        System.out.flush();
        Runtime.getRuntime().halt(137);
    }
}

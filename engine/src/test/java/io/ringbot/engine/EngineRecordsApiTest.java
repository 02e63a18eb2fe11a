package io.ringbot.engine;

import io.ringbot.bot.Bot;
import io.ringbot.bot.RecordState;
import io.ringbot.store.record.DoubleField;
import io.ringbot.store.record.IntField;
import io.ringbot.store.record.LongField;
import io.ringbot.store.record.Record;
import io.ringbot.store.record.RecordSchema;
import io.ringbot.store.record.RecordTable;
import io.ringbot.store.record.TimestampField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.ringbot.engine.EngineHarness.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The record API a handler uses beyond get and set: {@code add} for int and double fields, a timestamp's
 * default, and {@code ctx.find}, a look-up that does not create.
 */
class EngineRecordsApiTest
{
    private static final RecordSchema USERS = RecordSchema.named("users");
    private static final IntField VISITS = USERS.intField("visits").defaultValue(10);
    private static final DoubleField SCORE = USERS.doubleField("score").defaultValue(0.5);
    private static final TimestampField TRIAL_ENDS = USERS.timestampField("trialEnds").defaultValue(1_700_000_000_000L);
    private static final TimestampField PAID_AT = USERS.timestampField("paidAt");
    private static final RecordSchema CHATS = RecordSchema.named("chats");
    private static final RecordSchema TODOS = RecordSchema.named("todos");
    private static final LongField DONE = TODOS.longField("done");

    @TempDir
    Path dir;

    @Test
    void shouldAddToIntAndDoubleFieldsAndStartATimestampAtItsDefault()
    {
        final Bot bot = new Bot()
            .records(USERS, CHATS, TODOS)
            .text(ctx -> ctx.sendMessage().text().append("visits=").append(ctx.user().add(VISITS, 1))
                .append(" score=").append(ctx.user().add(SCORE, 0.25))
                .append(" trial=").append(ctx.user().get(TRIAL_ENDS))
                .append(" paid=").append(ctx.user().get(PAID_AT)));
        try (EngineHarness engine = EngineHarness.withBotRecords(dir, 1_000, bot, null, 16))
        {
            engine.send(text(1, 42, "hi"));
            engine.send(text(2, 42, "hi"));
            assertTrue(engine.answers().get(0).contains("visits=11 score=0.75 trial=1700000000000 paid=0"),
                engine.answers().toString());
            assertTrue(engine.answers().get(1).contains("visits=12 score=1.0"), engine.answers().toString());
            final Record user = engine.store().users().find(42);
            assertEquals(12, VISITS.get(user));
            assertEquals(1.0, SCORE.get(user));
            assertEquals(2, user.version(), "each update's adds are one change of the record");
        }
    }

    @Test
    void shouldFindOnlyWhatTheStoreHolds()
    {
        final Bot bot = new Bot()
            .records(USERS, CHATS, TODOS)
            .command("add", ctx -> ctx.record(TODOS, ctx.args().nextLong(0)).add(DONE, 0))
            .command("done", ctx ->
            {
                final long id = ctx.args().nextLong(0);
                final boolean existed = ctx.exists(TODOS, id);
                final RecordState todo = ctx.find(TODOS, id);
                if (todo == null)
                {
                    ctx.sendMessage().text().append("no todo ").append(id).append(" exists=").append(existed);
                    return;
                }
                ctx.sendMessage().text().append("todo ").append(id).append(" done=").append(todo.add(DONE, 1))
                    .append(" exists=").append(existed);
            })
            .command("me", ctx -> ctx.sendMessage().text().append("me=").append(ctx.find(USERS, 42) == ctx.user())
                .append(" other=").append(ctx.find(USERS, 77) == null));
        try (EngineHarness engine = EngineHarness.withBotRecords(dir, 1_000, bot, null, 16))
        {
            final RecordTable todos = engine.store().table(engine.store().type(TODOS));
            engine.send(text(1, 42, "/done 5"));
            assertTrue(engine.answers().get(0).contains("no todo 5 exists=false"), engine.answers().toString());
            assertNull(todos.find(5), "a look-up creates nothing");
            engine.send(text(2, 42, "/add 5"));
            engine.send(text(3, 42, "/done 5"));
            assertTrue(engine.answers().get(2).contains("todo 5 done=1 exists=true"), engine.answers().toString());
            assertEquals(1, DONE.get(todos.find(5)));
            engine.send(text(4, 42, "/me"));
            assertTrue(engine.answers().get(3).contains("me=true other=true"), engine.answers().toString());
            assertNull(engine.store().users().find(77));
        }
    }

    @Test
    void shouldLookUpManyAbsentRecordsWithoutUsingTheUpdatesSlots()
    {
        final Bot bot = new Bot()
            .records(USERS, CHATS, TODOS)
            .text(ctx ->
            {
                int absent = 0;
                for (long id = 100; id < 100 + 3L * io.ringbot.bot.BotContext.MAX_OTHER_USERS; id++)
                {
                    absent += ctx.find(TODOS, id) == null ? 1 : 0;
                }
                ctx.record(TODOS, 1).add(DONE, 1);
                ctx.sendMessage().text().append("absent=").append(absent);
            });
        try (EngineHarness engine = EngineHarness.withBotRecords(dir, 1_000, bot, null, 16))
        {
            engine.send(text(1, 42, "x"));
            assertTrue(engine.answers().get(0).contains("absent=12"), engine.answers().toString());
        }
    }
}

package io.ringbot.engine;

import io.ringbot.bot.Bot;
import io.ringbot.bot.CommandArgs;
import io.ringbot.bot.Update;
import io.ringbot.engine.ring.UpdateEvent;
import io.ringbot.store.record.LongField;
import io.ringbot.store.record.RecordSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.ringbot.engine.EngineHarness.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ctx.args()} through the engine: a handler reads a command's arguments and answers their errors,
 * a record need reads the same arguments, and neither allocates per update.
 */
class EngineArgsTest
{
    private static final RecordSchema USERS = RecordSchema.named("users");
    private static final RecordSchema CHATS = RecordSchema.named("chats");
    private static final RecordSchema TODOS = RecordSchema.named("todos");
    private static final LongField DONE = TODOS.longField("done");

    @TempDir
    Path dir;
    private final List<String> requested = new ArrayList<>();

    private static Bot todoBot()
    {
        return new Bot()
            .records(USERS, CHATS, TODOS)
            .username("todo_bot")
            .needs(TODOS, (update, args) -> args.nextLong(1, Long.MAX_VALUE, Update.NONE))
            .command("done", ctx ->
            {
                final CommandArgs args = ctx.args();
                final long id = args.nextLong(1, Long.MAX_VALUE, 0);
                if (!args.ok())
                {
                    ctx.sendMessage().text().append("argument ").append(args.errorArgument()).append(' ')
                        .append(args.error().describe()).append(": try /done 3");
                    return;
                }
                final long done = ctx.record(TODOS, id).add(DONE, 1);
                final StringBuilder text = ctx.sendMessage().text().append("todo ").append(id).append(" done=")
                    .append(done).append(" note=");
                args.rest(text);
            });
    }

    @Test
    void shouldHandTheCommandsArgumentsToTheHandlerWithTheirErrors()
    {
        try (EngineHarness engine = EngineHarness.withBotRecords(dir, 1_000, todoBot(), null, 16))
        {
            engine.send(text(1, 42, "/done@todo_bot   3   bought  milk  "));
            engine.send(text(2, 42, "/done x"));
            engine.send(text(3, 42, "/done"));
            engine.send(text(4, 42, "/done -3"));
            final List<String> answers = engine.answers();
            assertTrue(answers.get(0).contains("todo 3 done=1 note=bought  milk\""), answers.toString());
            assertTrue(answers.get(1).contains("argument 1 is not a number: try /done 3"), answers.toString());
            assertTrue(answers.get(2).contains("argument 1 is missing"), answers.toString());
            assertTrue(answers.get(3).contains("argument 1 is out of range"), answers.toString());
            assertEquals(1, DONE.get(engine.store().table(engine.store().type(TODOS)).find(3)));
        }
    }

    @Test
    void shouldStartTheArgumentsOverForEachHandler()
    {
        final Bot bot = new Bot()
            .before(ctx -> ctx.args().nextLong(0))
            .command("echo", ctx -> ctx.args().rest(ctx.sendMessage().text()));
        try (EngineHarness engine = new EngineHarness(dir, 1_000, bot))
        {
            engine.send(text(1, 42, "/echo 1 2"));
            assertTrue(engine.answers().get(0).contains("\"text\":\"1 2\""), engine.answers().toString());
        }
    }

    @Test
    void shouldReadTheNeededRecordsIdFromTheSameArguments()
    {
        try (EngineHarness engine = EngineHarness.withBotRecords(dir, 1_000, todoBot(),
            (type, id) -> requested.add(type + ":" + id), 16))
        {
            engine.send(text(1, 42, "/done@todo_bot 3"));
            assertEquals(List.of("users:42", "todos:3", "chats:42"), requested);
            requested.clear();
            engine.send(text(2, 43, "/done x"));
            engine.send(text(3, 44, "3"));
            assertEquals(List.of("users:43", "chats:43", "users:44", "chats:44"), requested,
                "no todo for a bad argument or a plain text");
        }
    }

    @Test
    void shouldReadArgumentsWithoutAllocatingPerUpdate()
    {
        final int updates = 10_000;
        final byte[][] bodies = new byte[3 * updates][];
        for (int i = 0; i < bodies.length; i++)
        {
            bodies[i] = text(1_000 + i, 42, "/done@todo_bot " + (1 + i % 50) + " 2.5 word and the rest")
                .getBytes(StandardCharsets.UTF_8);
        }
        final Bot bot = todoBot().command("sum", ctx -> { });
        final double[] sum = new double[1];
        final StringBuilder word = new StringBuilder();
        bot.before(ctx ->
        {
            final CommandArgs args = ctx.args();
            args.nextInt(0);
            sum[0] += args.nextDouble(0);
            word.setLength(0);
            args.nextWord(word);
            args.nextLong(0);
            args.hasNext();
        });
        try (EngineHarness engine = EngineHarness.withBotRecords(dir, 1_000, bot, null, 16))
        {
            final UpdateEvent event = new UpdateEvent();
            event.responder((e, s) ->
            {
            });
            final EngineHandler handler = engine.engine().handler();
            final com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean)java.lang.management.ManagementFactory.getThreadMXBean();
            long allocated = 0;
            int next = 0;
            for (int round = 0; round < 3; round++)
            {
                final long before = threads.getCurrentThreadAllocatedBytes();
                for (int i = 0; i < updates; i++)
                {
                    final byte[] body = bodies[next++];
                    System.arraycopy(body, 0, event.bodyBufferFor(body.length), 0, body.length);
                    event.type(UpdateEvent.UPDATE);
                    handler.onEvent(event, next, true);
                }
                allocated = threads.getCurrentThreadAllocatedBytes() - before;
            }
            assertTrue(allocated < 4096, "allocated " + allocated + " bytes for " + updates + " updates");
            assertEquals(2.5 * bodies.length, sum[0]);
            assertEquals("word", word.toString());
            assertEquals(bodies.length / 50, DONE.get(engine.store().table(engine.store().type(TODOS)).find(7)),
                "every update handled");
        }
    }
}

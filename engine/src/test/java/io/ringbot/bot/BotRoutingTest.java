package io.ringbot.bot;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringbot.engine.EngineHarness;
import io.ringbot.engine.Fixtures;
import io.ringbot.engine.decode.DecodedUpdate;
import io.ringbot.engine.decode.UpdateDecoder;
import io.ringbot.engine.dispatch.HandlerContext;
import io.ringbot.engine.dispatch.RouteTable;
import io.ringbot.store.status.RingbotCounter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.ringbot.engine.EngineHarness.callback;
import static io.ringbot.engine.EngineHarness.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BotRoutingTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StringBuilder trace = new StringBuilder();

    private UpdateHandler mark(final String name)
    {
        return ctx -> trace.append(name).append(';');
    }

    private String take()
    {
        final String result = trace.toString();
        trace.setLength(0);
        return result;
    }

    private static String update(final long id, final UpdateKind kind)
    {
        final String user = "{\"id\":77,\"is_bot\":false,\"first_name\":\"A\"}";
        final String payload = kind.isMessage() ?
            "{\"message_id\":1,\"date\":1,\"from\":" + user + ",\"chat\":{\"id\":-5,\"type\":\"group\"},\"sticker\":{}}" :
            "{\"id\":\"q\",\"from\":" + user + "}";
        return "{\"update_id\":" + id + ",\"" + kind.fieldName() + "\":" + payload + "}";
    }

    private static String photo(final long id, final String chatType, final String caption)
    {
        return "{\"update_id\":" + id + ",\"message\":{\"message_id\":1,\"date\":1,\"from\":{\"id\":77,\"is_bot\":false," +
            "\"first_name\":\"A\"},\"chat\":{\"id\":-5,\"type\":\"" + chatType + "\"},\"photo\":[{\"file_id\":\"small\"," +
            "\"file_unique_id\":\"s\",\"width\":90,\"height\":90},{\"file_id\":\"large\",\"file_unique_id\":\"l\",\"width\":800," +
            "\"height\":800,\"file_size\":12345}],\"caption\":\"" + caption + "\"}}";
    }

    @Test
    void shouldRouteEveryUpdateKindToItsHandler(@TempDir final Path dir)
    {
        final Bot bot = new Bot();
        for (int i = 0; i < UpdateKind.count(); i++)
        {
            final UpdateKind kind = UpdateKind.of(i);
            if (kind != UpdateKind.UNKNOWN)
            {
                bot.on(kind, mark(kind.fieldName()));
            }
        }
        try (EngineHarness harness = new EngineHarness(dir, 100, bot))
        {
            for (int i = 0; i < UpdateKind.count(); i++)
            {
                final UpdateKind kind = UpdateKind.of(i);
                if (kind != UpdateKind.UNKNOWN)
                {
                    assertEquals(200, harness.send(update(i + 1, kind)).status());
                    assertEquals(kind.fieldName() + ";", take(), kind.name());
                }
            }
            harness.send("{\"update_id\":999,\"future_kind\":{}}");
            assertEquals("", take());
            assertEquals(1, harness.counter(RingbotCounter.ENGINE_UNHANDLED), "only the unknown kind is unhandled");
        }
        assertThrows(IllegalArgumentException.class, () -> new Bot().on(UpdateKind.UNKNOWN, mark("x")));
    }

    @Test
    void shouldRouteEveryFixtureUpdateToTheHandlerOfTheKindItCarries(@TempDir final Path dir) throws Exception
    {
        final Bot bot = new Bot();
        for (int i = 0; i < UpdateKind.count() - 1; i++)
        {
            bot.on(UpdateKind.of(i), mark(UpdateKind.of(i).fieldName()));
        }
        bot.otherwise(mark("otherwise"));
        int routed = 0;
        try (EngineHarness harness = new EngineHarness(dir, 1000, bot))
        {
            for (final Path fixture : Fixtures.all())
            {
                if (Fixtures.isNotAnUpdate(fixture))
                {
                    continue;
                }
                // fixtures share update ids: give each its own so that none is a duplicate
                final com.fasterxml.jackson.databind.node.ObjectNode tree =
                    (com.fasterxml.jackson.databind.node.ObjectNode)JSON.readTree(Files.readAllBytes(fixture));
                tree.put("update_id", 1_000_000 + routed);
                final byte[] body = JSON.writeValueAsBytes(tree);
                String expected = "otherwise";
                for (int i = UpdateKind.count() - 2; i >= 0; i--)
                {
                    if (JSON.readTree(body).has(UpdateKind.of(i).fieldName()))
                    {
                        expected = UpdateKind.of(i).fieldName();
                    }
                }
                harness.send(body);
                assertEquals(expected + ";", take(), fixture.toString());
                routed++;
            }
            assertEquals(0, harness.counter(RingbotCounter.ENGINE_UNHANDLED));
        }
        assertTrue(routed > 80, "routed " + routed);
    }

    @Test
    void shouldRoutePredicatesAfterKnownCommandsAndBeforeTextKindAndFallback(@TempDir final Path dir)
    {
        final Bot bot = new Bot()
            .command("start", mark("start"))
            .adminCommand("stats", mark("stats"))
            .unknownCommand(mark("unknown"))
            .text(mark("text"))
            .callback("like", mark("like"))
            .anyCallback(mark("anyCallback"))
            .on(UpdateKind.MESSAGE, mark("message"))
            .on(ctx -> ctx.payload().field("photo").arrayLength() > 0, mark("photo"))
            .on(ctx -> ctx.update().kind() == UpdateKind.MESSAGE && "group".contentEquals(ctx.update().chatType()),
                mark("group"))
            .on(ctx -> "secret".contentEquals(ctx.update().data()), mark("secretButton"))
            .otherwise(mark("otherwise"))
            .username("ringbot_test_bot");
        try (EngineHarness harness = new EngineHarness(dir, 100, bot))
        {
            harness.send(text(1, 42, "/start"));
            assertEquals("start;", take(), "a known command beats every predicate");
            harness.send(text(2, 42, "/stats"));
            assertEquals("unknown;", take(), "an admin command from a non-admin is an unknown command");
            harness.send(text(3, EngineHarness.ADMIN_ID, "/stats"));
            assertEquals("stats;", take());
            harness.send(text(4, 42, "hello"));
            assertEquals("text;", take());
            harness.send(photo(5, "private", "a caption"));
            assertEquals("photo;", take(), "predicates in registration order: photo first");
            harness.send(photo(6, "group", "x"));
            assertEquals("photo;", take());
            harness.send(update(7, UpdateKind.MESSAGE).replace("\"sticker\"", "\"text\":\"hi\",\"x\""));
            assertEquals("group;", take(), "a predicate beats the text handler");
            harness.send(update(8, UpdateKind.MESSAGE).replace("group", "private"));
            assertEquals("message;", take(), "a sticker in private: the kind handler");
            harness.send(update(9, UpdateKind.EDITED_MESSAGE));
            assertEquals("otherwise;", take(), "no handler for edited messages: the fallback");
            harness.send(callback(10, 42, 42, "like"));
            assertEquals("like;", take());
            harness.send(callback(11, 42, 42, "secret"));
            assertEquals("secretButton;", take());
            harness.send(callback(12, 42, 42, "other"));
            assertEquals("anyCallback;", take());
            harness.send(text(13, 42, "/start@other_bot"));
            assertEquals("", take(), "a command for another bot is ignored");
            assertEquals(1, harness.counter(RingbotCounter.ENGINE_UNHANDLED));
        }
    }

    @Test
    void shouldRunBeforeHandlersFirstInOrderAndLetThemStopRouting(@TempDir final Path dir)
    {
        final Bot bot = new Bot()
            .before(ctx -> trace.append("first(").append(ctx.hasUser()).append(");"))
            .before(ctx ->
            {
                trace.append("banned?;");
                if (ctx.update().fromId() == 666)
                {
                    ctx.stopRouting();
                }
            })
            .text(mark("text"));
        try (EngineHarness harness = new EngineHarness(dir, 100, bot))
        {
            harness.send(text(1, 42, "hi"));
            assertEquals("first(true);banned?;text;", take());
            harness.send(text(2, 666, "hi"));
            assertEquals("first(true);banned?;", take(), "a stopped update reaches no handler");
            assertEquals(0, harness.counter(RingbotCounter.ENGINE_UNHANDLED), "a stopped update counts as handled");
            harness.send(update(3, UpdateKind.POLL));
            assertEquals("first(true);banned?;", take(), "before-handlers see every update");
            assertEquals(1, harness.counter(RingbotCounter.ENGINE_UNHANDLED), "nothing after them took the poll");
        }
    }

    @Test
    void shouldRouteAndReadFieldsWithoutAllocating()
    {
        final long[] sum = new long[1];
        final Bot bot = new Bot()
            .before(ctx -> sum[0] += ctx.payload().field("from").field("id").asLong(0))
            .command("start", ctx -> sum[0]++)
            .on(ctx -> "supergroup".contentEquals(ctx.update().chatType()), ctx -> sum[0] += 1000)
            .on(ctx -> ctx.payload().field("photo").arrayLength() > 0, ctx ->
            {
                final JsonCursor photo = ctx.payload().field("photo");
                sum[0] += photo.index(photo.arrayLength() - 1).field("file_size").asLong(0);
            })
            .on(UpdateKind.POLL, ctx -> sum[0] += 2)
            .otherwise(ctx -> sum[0] += 3);
        final UpdateDecoder decoder = new UpdateDecoder();
        final DecodedUpdate update = new DecodedUpdate();
        final HandlerContext ctx = new HandlerContext();
        final byte[][] bodies = {photo(1, "private", "c").getBytes(StandardCharsets.UTF_8),
            update(2, UpdateKind.POLL).getBytes(StandardCharsets.UTF_8),
            text(3, 42, "/start").getBytes(StandardCharsets.UTF_8),
            update(4, UpdateKind.CHAT_BOOST).getBytes(StandardCharsets.UTF_8)};
        final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final RouteTable routes = RouteTable.of(bot);
        long allocated = 0;
        for (int round = 0; round < 3; round++)
        {
            sum[0] = 0;
            final long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 10_000; i++)
            {
                final byte[] body = bodies[i & 3];
                decoder.decode(body, body.length, update);
                ctx.begin(update, 0, false);
                assertTrue(routes.handle(ctx));
            }
            allocated = threads.getCurrentThreadAllocatedBytes() - before;
        }
        assertTrue(allocated < 4096, "allocated " + allocated + " bytes for 10 000 updates");
        assertEquals(2500 * (77 + 12345) + 2500 * (77 + 2) + 2500 * (42 + 1) + 2500 * (77 + 3), sum[0]);
    }

    @Test
    void shouldHandOutCursorsAfreshForEachHandlerAndRefuseTooMany()
    {
        final UpdateDecoder decoder = new UpdateDecoder();
        final DecodedUpdate update = new DecodedUpdate();
        final HandlerContext ctx = new HandlerContext();
        final byte[] body = photo(1, "private", "c").getBytes(StandardCharsets.UTF_8);
        decoder.decode(body, body.length, update);
        ctx.begin(update, 0, false);
        final Bot bot = new Bot()
            .before(ctx2 ->
            {
                for (int i = 0; i < BotContext.MAX_CURSORS; i++)
                {
                    ctx2.json();
                }
            })
            .otherwise(ctx2 -> trace.append(ctx2.payload().field("photo").index(1).field("file_id").textEquals("large")));
        assertTrue(RouteTable.of(bot).handle(ctx));
        assertEquals("true", take());
        final IllegalStateException refused = assertThrows(IllegalStateException.class, () ->
        {
            for (int i = 0; i < BotContext.MAX_CURSORS; i++)
            {
                ctx.json();
            }
        });
        assertTrue(refused.getMessage().contains("root()"), refused.getMessage());
    }

    @Test
    void shouldReadAPhotosLargestFileIdAndALocationAsTheReadmeShows(@TempDir final Path dir) throws Exception
    {
        final Bot bot = new Bot()
            .on(ctx -> ctx.payload().field("photo").arrayLength() > 0, ctx ->
            {
                final JsonCursor largest = ctx.payload().field("photo");
                largest.index(largest.arrayLength() - 1);
                final JsonCursor field = ctx.json();
                final StringBuilder fileId = ctx.scratch();
                field.set(largest).field("file_id").text(fileId);
                final long bytes = field.set(largest).field("file_size").asLong(0);
                ctx.sendMessage().text().append("photo ").append(fileId).append(' ').append(bytes);
            })
            .on(ctx -> ctx.payload().field("location").isPresent(), ctx ->
            {
                final double latitude = ctx.payload().field("location").field("latitude").asDouble(Double.NaN);
                final double longitude = ctx.payload().field("location").field("longitude").asDouble(Double.NaN);
                ctx.sendMessage().text().append(latitude).append(',').append(longitude);
            });
        try (EngineHarness harness = new EngineHarness(dir, 100, bot))
        {
            assertEquals("photo large 12345",
                JSON.readTree(EngineHarness.reply(harness.send(photo(1, "private", "c")))).get("text").asText());
            final String location = "{\"update_id\":2,\"message\":{\"message_id\":2,\"date\":1,\"from\":{\"id\":77," +
                "\"is_bot\":false,\"first_name\":\"A\"},\"chat\":{\"id\":77,\"type\":\"private\"}," +
                "\"location\":{\"latitude\":37.423393,\"longitude\":-122.083922}}}";
            assertEquals("37.423393,-122.083922",
                JSON.readTree(EngineHarness.reply(harness.send(location))).get("text").asText());
        }
    }

    @Test
    void shouldHaveARoutableKindForEveryPayloadTheSpecDefines() throws Exception
    {
        final com.fasterxml.jackson.databind.JsonNode fields =
            JSON.readTree(Fixtures.root().resolve("spec").resolve("bot-api.json").toFile()).get("types").get("Update").get("fields");
        int kinds = 0;
        for (final com.fasterxml.jackson.databind.JsonNode field : fields)
        {
            final String name = field.get("name").asText();
            if (name.equals("update_id"))
            {
                continue;
            }
            boolean known = false;
            for (int i = 0; i < UpdateKind.count() - 1; i++)
            {
                known |= UpdateKind.of(i).fieldName().equals(name);
            }
            assertTrue(known, "no UpdateKind for the spec's Update." + name);
            kinds++;
        }
        assertEquals(UpdateKind.count() - 1, kinds, "every kind is in the spec and the other way round");
    }
}

package io.ringbot.bot;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringbot.bot.types.ChatMemberStatus;
import io.ringbot.bot.types.ChatType;
import io.ringbot.bot.types.Filters;
import io.ringbot.bot.types.Message;
import io.ringbot.bot.types.MessageOriginType;
import io.ringbot.bot.types.PhotoSize;
import io.ringbot.engine.EngineHarness;
import io.ringbot.engine.decode.DecodedUpdate;
import io.ringbot.engine.decode.UpdateDecoder;
import io.ringbot.engine.dispatch.HandlerContext;
import io.ringbot.engine.dispatch.RouteTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The typed API as a bot uses it: the generated views on the handler context ({@code ctx.message()},
 * {@code ctx.myChatMember()}, ...), the generated route filters, and both without allocating per update.
 */
class TypedRoutingTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USER = "{\"id\":77,\"is_bot\":false,\"first_name\":\"A\"}";

    private final StringBuilder trace = new StringBuilder();
    private final UpdateDecoder decoder = new UpdateDecoder();
    private final DecodedUpdate update = new DecodedUpdate();
    private final HandlerContext ctx = new HandlerContext();

    private static String message(final long id, final String kind, final String fields)
    {
        return "{\"update_id\":" + id + ",\"" + kind + "\":{\"message_id\":" + id + ",\"date\":1,\"from\":" + USER +
            ",\"chat\":{\"id\":-5,\"type\":\"supergroup\",\"title\":\"T\"}" + fields + "}}";
    }

    private static String photo(final long id)
    {
        return message(id, "message", ",\"photo\":[{\"file_id\":\"small\",\"file_unique_id\":\"s\",\"width\":90," +
            "\"height\":90},{\"file_id\":\"large\",\"file_unique_id\":\"l\",\"width\":800,\"height\":800," +
            "\"file_size\":12345}],\"caption\":\"see https://x.io\",\"caption_entities\":[{\"type\":\"url\"," +
            "\"offset\":4,\"length\":14}]");
    }

    private static String myChatMember(final long id, final String status)
    {
        return "{\"update_id\":" + id + ",\"my_chat_member\":{\"chat\":{\"id\":77,\"type\":\"private\"},\"from\":" + USER +
            ",\"date\":5,\"old_chat_member\":{\"status\":\"member\",\"user\":{\"id\":9,\"is_bot\":true," +
            "\"first_name\":\"B\"}},\"new_chat_member\":{\"status\":\"" + status + "\",\"user\":{\"id\":9," +
            "\"is_bot\":true,\"first_name\":\"B\"},\"until_date\":0}}}";
    }

    private boolean route(final RouteTable routes, final byte[] body)
    {
        decoder.decode(body, body.length, update);
        ctx.begin(update, 0, false);
        return routes.handle(ctx);
    }

    @Test
    void shouldRouteByGeneratedFiltersAndReadTypedFieldsWithoutAllocating()
    {
        final long[] sum = new long[1];
        final StringBuilder fileId = new StringBuilder();
        final Bot bot = new Bot()
            .on(Filters.MESSAGE_PHOTO, c ->
            {
                final PhotoSize largest = c.message().photo().last();
                fileId.setLength(0);
                largest.fileId(fileId);
                sum[0] += largest.fileSize(0) + (fileId.length() == 5 ? 1 : 0) +
                    (c.message().chat().type() == ChatType.SUPERGROUP ? 10 : 0);
            })
            .on(Filters.ANY_MESSAGE_ENTITIES_URL, c -> sum[0] += 100_000)
            .on(Filters.EDITED_MESSAGE_TEXT, c -> sum[0] += c.editedMessage().messageId(0) * 1_000_000)
            .on(Filters.MY_CHAT_MEMBER, c ->
            {
                if (c.myChatMember().newChatMember().status() == ChatMemberStatus.KICKED)
                {
                    sum[0] += c.myChatMember().newChatMember().asChatMemberBanned().untilDate(-1) + 7;
                }
            })
            .otherwise(c -> sum[0] += 3);
        final byte[][] bodies = {
            photo(1).getBytes(StandardCharsets.UTF_8),
            message(2, "message", ",\"text\":\"go https://x.io\",\"entities\":[{\"type\":\"url\",\"offset\":3," +
                "\"length\":14}]").getBytes(StandardCharsets.UTF_8),
            message(3, "edited_message", ",\"text\":\"fixed\"").getBytes(StandardCharsets.UTF_8),
            myChatMember(4, "kicked").getBytes(StandardCharsets.UTF_8),
            message(5, "channel_post", ",\"text\":\"plain\"").getBytes(StandardCharsets.UTF_8)};
        final RouteTable routes = RouteTable.of(bot);
        final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        long allocated = 0;
        for (int round = 0; round < 3; round++)
        {
            sum[0] = 0;
            final long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 10_000; i++)
            {
                assertTrue(route(routes, bodies[i % bodies.length]));
            }
            allocated = threads.getCurrentThreadAllocatedBytes() - before;
        }
        assertTrue(allocated < 4096, "allocated " + allocated + " bytes for 10 000 updates");
        assertEquals(2000L * (12345 + 1 + 10) + 2000L * 100_000 + 2000L * 3_000_000 + 2000L * 7 + 2000L * 3, sum[0]);
    }

    @Test
    void shouldTellFiltersApartByKindFieldAndEntity()
    {
        final Bot bot = new Bot()
            .on(Filters.MESSAGE_CAPTION_ENTITIES_URL, c -> trace.append("captionUrl;"))
            .on(Filters.ANY_MESSAGE_TEXT.and(Filters.ANY_MESSAGE_ENTITIES_BOT_COMMAND.negate()), c -> trace.append("text;"))
            .on(Filters.EDITED_MESSAGE_TEXT.or(Filters.EDITED_CHANNEL_POST_TEXT), c -> trace.append("edit;"))
            .on(Filters.CALLBACK_QUERY_DATA, c -> trace.append("data;"))
            .otherwise(c -> trace.append("other;"));
        final RouteTable routes = RouteTable.of(bot);
        route(routes, photo(1).getBytes(StandardCharsets.UTF_8));
        route(routes, message(2, "channel_post", ",\"text\":\"hi\"").getBytes(StandardCharsets.UTF_8));
        route(routes, message(3, "message", ",\"text\":\"/x\",\"entities\":[{\"type\":\"bot_command\",\"offset\":0," +
            "\"length\":2}]").getBytes(StandardCharsets.UTF_8));
        route(routes, message(4, "edited_channel_post", ",\"text\":\"hi\"").getBytes(StandardCharsets.UTF_8));
        route(routes, message(5, "edited_message", ",\"caption\":\"hi\"").getBytes(StandardCharsets.UTF_8));
        route(routes, ("{\"update_id\":6,\"callback_query\":{\"id\":\"q\",\"from\":" + USER + ",\"chat_instance\":\"c\"," +
            "\"data\":\"buy\"}}").getBytes(StandardCharsets.UTF_8));
        route(routes, ("{\"update_id\":7,\"callback_query\":{\"id\":\"q\",\"from\":" + USER + ",\"chat_instance\":\"c\"," +
            "\"game_short_name\":\"g\"}}").getBytes(StandardCharsets.UTF_8));
        assertEquals("captionUrl;text;other;edit;other;data;other;", trace.toString());
        assertEquals("message:caption_entities:url", Filters.MESSAGE_CAPTION_ENTITIES_URL.toString());
        assertTrue(Filters.ANY_MESSAGE_TEXT.matchesKind(UpdateKind.CHANNEL_POST));
        assertFalse(Filters.ANY_MESSAGE_TEXT.matchesKind(UpdateKind.EDITED_MESSAGE));
    }

    @Test
    void shouldReadTwoFieldsOfOneObjectAndUnionsThroughTheContext()
    {
        route(RouteTable.of(new Bot().otherwise(c -> { })), message(1, "message", ",\"text\":\"x\"," +
            "\"forward_origin\":{\"type\":\"channel\",\"date\":9,\"chat\":{\"id\":-100,\"type\":\"channel\"}," +
            "\"message_id\":44},\"reply_to_message\":{\"message_id\":8,\"date\":2,\"chat\":{\"id\":-5," +
            "\"type\":\"supergroup\"},\"from\":{\"id\":55,\"is_bot\":false,\"first_name\":\"R\"}}").getBytes(StandardCharsets.UTF_8));
        final Message message = ctx.message();
        assertEquals(77, message.from().id(0));
        assertEquals(55, message.replyToMessage().from().id(0), "a nested message has views of its own");
        assertEquals(77, message.from().id(0));
        assertTrue(message.from().firstNameEquals("A"));
        assertEquals(MessageOriginType.CHANNEL, message.forwardOrigin().kind());
        assertEquals(44, message.forwardOrigin().asMessageOriginChannel().messageId(0));
        assertEquals(-100, message.forwardOrigin().asMessageOriginChannel().chat().id(0));
        assertEquals(9, message.forwardOrigin().date(0));
        assertFalse(ctx.callbackQuery().isPresent());
        assertFalse(ctx.callbackQuery().message().asMessage().from().hasId());
        route(RouteTable.of(new Bot().otherwise(c -> { })), myChatMember(2, "administrator").getBytes(StandardCharsets.UTF_8));
        assertFalse(ctx.message().isPresent(), "the views follow the next update");
        assertEquals(ChatMemberStatus.ADMINISTRATOR, ctx.myChatMember().newChatMember().status());
        assertEquals(ChatMemberStatus.MEMBER, ctx.myChatMember().oldChatMember().kind());
    }

    @Test
    void shouldAnswerWithATypedReadEndToEnd(@TempDir final Path dir) throws Exception
    {
        final Bot bot = new Bot().on(Filters.MESSAGE_PHOTO, c ->
        {
            final PhotoSize largest = c.message().photo().last();
            final StringBuilder text = c.sendMessage().text().append("photo ");
            largest.fileId(text);
            text.append(' ').append(largest.fileSize(0));
        });
        try (EngineHarness harness = new EngineHarness(dir, 100, bot))
        {
            assertEquals("photo large 12345", JSON.readTree(EngineHarness.reply(harness.send(photo(1)))).get("text").asText());
        }
    }
}

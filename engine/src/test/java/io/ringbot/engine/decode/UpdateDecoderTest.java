package io.ringbot.engine.decode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringbot.engine.Fixtures;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UpdateDecoderTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private final UpdateDecoder decoder = new UpdateDecoder();
    private final Update update = new Update();

    @Test
    void shouldFindEveryKindOfTheSharedFixtures()
    {
        final List<Path> fixtures = Fixtures.all();
        assertTrue(fixtures.size() >= 120, "expected the shared fixtures, found " + fixtures.size());
    }

    /** Each fixture decoded agrees with Jackson's tree of the same bytes: the oracle is a real parser. */
    @TestFactory
    Stream<DynamicTest> shouldDecodeEveryFixtureLikeJackson()
    {
        return Fixtures.all().stream().map(path -> DynamicTest.dynamicTest(Fixtures.root().relativize(path).toString(), () ->
        {
            final byte[] body = Fixtures.read(path);
            final int result = decoder.decode(body, body.length, update);
            if (Fixtures.isNotAnUpdate(path))
            {
                assertEquals(UpdateDecoder.NO_UPDATE_ID, result, "update_id=" + update.updateId());
                return;
            }
            assertEquals(UpdateDecoder.OK, result);
            final JsonNode tree = JSON.readTree(body);
            assertEquals(tree.get("update_id").asLong(), update.updateId());
            final String payloadField = firstPayloadField(tree);
            assertEquals(payloadField, update.kind().fieldName());
            if (update.kind() == UpdateKind.UNKNOWN)
            {
                return;
            }
            final JsonNode payload = tree.get(payloadField);
            final JsonNode from = payload.has("from") ? payload.get("from") : payload.get("user");
            if (from != null && from.has("id"))
            {
                assertEquals(from.get("id").asLong(), update.fromId());
                assertEquals(text(from, "first_name"), update.firstName().toString());
                assertEquals(text(from, "username"), update.username().toString());
            }
            final JsonNode chat = payload.has("chat") ? payload.get("chat") :
                payload.has("message") ? payload.get("message").get("chat") : null;
            if (chat != null && chat.has("id"))
            {
                assertEquals(chat.get("id").asLong(), update.chatId());
            }
            if (update.kind().isMessage())
            {
                final String expected = payload.has("text") ? text(payload, "text") : text(payload, "caption");
                assertEquals(expected, update.text().toString());
            }
            if (update.kind() == UpdateKind.CALLBACK_QUERY)
            {
                assertEquals(text(payload, "data"), update.data().toString());
                assertEquals(payload.get("id").asText(), update.queryId().toString());
            }
        }));
    }

    @Test
    void shouldTakeTheFirstPayloadOfAnUpdateWithSeveral()
    {
        final byte[] body = Fixtures.read(Fixtures.root().resolve("TelegramBots/Update.json"));
        assertEquals(UpdateDecoder.OK, decoder.decode(body, body.length, update));
        assertEquals(UpdateKind.MESSAGE, update.kind());
        assertTrue(update.hasExtraPayloads());
    }

    @Test
    void shouldAcceptANumericInlineQueryId()
    {
        final byte[] body = Fixtures.read(Fixtures.root().resolve("telegram-webhooks-guide/11_inline_query.json"));
        assertEquals(UpdateDecoder.OK, decoder.decode(body, body.length, update));
        assertEquals("134567890097", update.queryId().toString());
        assertEquals("inline query", update.query().toString());
    }

    @Test
    void shouldRejectWhatIsNotJson()
    {
        for (final String bad : new String[]{"", "not json", "{", "{\"update_id\":1", "{\"update_id\":1}}",
            "{\"update_id\":1} x", "{\"update_id\":1,}", "{\"update_id\":1,\"message\":{\"text\":\"a}}",
            "{\"update_id\":1 \"message\":{}}"})
        {
            final byte[] body = bad.getBytes(StandardCharsets.UTF_8);
            assertEquals(UpdateDecoder.BAD_JSON, decoder.decode(body, body.length, update), bad);
        }
    }

    @Test
    void shouldRejectJsonWithoutANumericUpdateId()
    {
        for (final String bad : new String[]{"{}", "[1,2]", "{\"update_id\":\"7\"}", "{\"message\":{}}",
            "{\"update_id\":null}"})
        {
            final byte[] body = bad.getBytes(StandardCharsets.UTF_8);
            assertEquals(UpdateDecoder.NO_UPDATE_ID, decoder.decode(body, body.length, update), bad);
        }
    }

    @Test
    void shouldDecodeEscapesEmojiAndRtlText()
    {
        final String text = "quote \" backslash \\ newline \n emoji \uD83D\uDE00 rtl \u05E9\u05DC\u05D5\u05DD";
        final String json = "{\"update_id\":5,\"message\":{\"message_id\":1,\"date\":2,\"chat\":{\"id\":-100,\"type\":\"group\",\"title\":\"T\"}," +
            "\"from\":{\"id\":9,\"is_bot\":false,\"first_name\":\"A\"},\"text\":" + quote(text) + "}}";
        final byte[] body = json.getBytes(StandardCharsets.UTF_8);
        assertEquals(UpdateDecoder.OK, decoder.decode(body, body.length, update));
        assertEquals(text, update.text().toString());
        assertEquals(-100, update.chatId());
        assertEquals("group", update.chatType().toString());
        assertFalse(update.fromIsBot());
    }

    @Test
    void shouldIgnoreTheSenderOfANestedReply()
    {
        final String json = "{\"update_id\":5,\"message\":{\"message_id\":1,\"reply_to_message\":{\"message_id\":0," +
            "\"from\":{\"id\":1,\"first_name\":\"Other\"},\"chat\":{\"id\":1},\"text\":\"old\"}," +
            "\"from\":{\"id\":9,\"first_name\":\"Me\"},\"chat\":{\"id\":9,\"type\":\"private\"},\"text\":\"new\"}}";
        final byte[] body = json.getBytes(StandardCharsets.UTF_8);
        assertEquals(UpdateDecoder.OK, decoder.decode(body, body.length, update));
        assertEquals(9, update.fromId());
        assertEquals("Me", update.firstName().toString());
        assertEquals("new", update.text().toString());
        assertEquals(1, update.replyToFromId());
    }

    @Test
    void shouldHaveNoReplyAuthorWithoutAReplyOrWithoutItsSender()
    {
        final String plain = "{\"update_id\":6,\"message\":{\"message_id\":1,\"from\":{\"id\":9}," +
            "\"chat\":{\"id\":9,\"type\":\"private\"},\"text\":\"x\"}}";
        byte[] body = plain.getBytes(StandardCharsets.UTF_8);
        assertEquals(UpdateDecoder.OK, decoder.decode(body, body.length, update));
        assertEquals(Update.NONE, update.replyToFromId());
        final String channelPost = "{\"update_id\":7,\"message\":{\"message_id\":1,\"from\":{\"id\":9}," +
            "\"reply_to_message\":{\"message_id\":0,\"sender_chat\":{\"id\":-5},\"chat\":{\"id\":-5}}," +
            "\"chat\":{\"id\":-5,\"type\":\"group\"},\"text\":\"x\"}}";
        body = channelPost.getBytes(StandardCharsets.UTF_8);
        assertEquals(UpdateDecoder.OK, decoder.decode(body, body.length, update));
        assertEquals(Update.NONE, update.replyToFromId());
        assertEquals(9, update.fromId());
    }

    private static String quote(final String s)
    {
        try
        {
            return JSON.writeValueAsString(s);
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private static String text(final JsonNode node, final String field)
    {
        return node.has(field) ? node.get(field).asText() : "";
    }

    private static String firstPayloadField(final JsonNode tree)
    {
        final Iterator<String> names = tree.fieldNames();
        String unknown = null;
        while (names.hasNext())
        {
            final String name = names.next();
            if (name.equals("update_id"))
            {
                continue;
            }
            for (final UpdateKind kind : UpdateKind.values())
            {
                if (kind != UpdateKind.UNKNOWN && kind.fieldName().equals(name))
                {
                    return name;
                }
            }
            unknown = unknown == null ? name : unknown;
        }
        return UpdateKind.UNKNOWN.fieldName();
    }
}

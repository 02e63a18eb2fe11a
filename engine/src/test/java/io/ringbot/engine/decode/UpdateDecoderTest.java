package io.ringbot.engine.decode;

import io.ringbot.bot.Update;
import io.ringbot.bot.UpdateKind;
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
    private static final String TEXT = "{\"update_id\":5,\"message\":{\"message_id\":1,\"date\":1700000000," +
        "\"from\":{\"id\":9,\"is_bot\":false,\"first_name\":\"Ann \\u00e9 \\ud83d\\ude00\",\"language_code\":\"en\"}," +
        "\"chat\":{\"id\":-100123,\"type\":\"group\",\"title\":\"T\"},\"text\":\"hello \\udc00 there\"}}";
    private final UpdateDecoder decoder = new UpdateDecoder();
    private final DecodedUpdate update = new DecodedUpdate();

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
    void shouldRefuseNumbersThatAreNotIntegersInTheirFieldsRange()
    {
        final String[][] cases = {
            {"{\"update_id\":1,\"message\":{\"from\":{\"id\":18446744073709552393}}}", "USER_ID"},
            {"{\"update_id\":18446744073709551621,\"message\":{}}", "UPDATE_ID"},
            {"{\"update_id\":1,\"message\":{\"from\":{\"id\":777e0}}}", "USER_ID"},
            {"{\"update_id\":1,\"message\":{\"from\":{\"id\":7.0}}}", "USER_ID"},
            {"{\"update_id\":1,\"message\":{\"chat\":{\"id\":-0}}}", "CHAT_ID"},
            {"{\"update_id\":1,\"message\":{\"chat\":{\"id\":0}}}", "CHAT_ID"},
            {"{\"update_id\":1,\"message\":{\"chat\":{\"id\":-4503599627370496}}}", "CHAT_ID"},
            {"{\"update_id\":1,\"message\":{\"from\":{\"id\":4503599627370496}}}", "USER_ID"},
            {"{\"update_id\":1,\"message\":{\"from\":{\"id\":-5}}}", "USER_ID"},
            {"{\"update_id\":0}", "UPDATE_ID"},
            {"{\"update_id\":-1}", "UPDATE_ID"},
            {"{\"update_id\":2147483648}", "UPDATE_ID"},
            {"{\"update_id\":1E3}", "UPDATE_ID"},
            {"{\"update_id\":01}", "UPDATE_ID"},
            {"{\"update_id\":1,\"message\":{\"message_id\":2147483648}}", "MESSAGE_ID"},
            {"{\"update_id\":1,\"message\":{\"date\":-1}}", "DATE"},
            {"{\"update_id\":1,\"callback_query\":{\"id\":1.5}}", "QUERY_ID"},
            {"{\"update_id\":1,\"callback_query\":{\"message\":{\"message_id\":1e1}}}", "MESSAGE_ID"},
        };
        for (final String[] c : cases)
        {
            final byte[] body = c[0].getBytes(StandardCharsets.UTF_8);
            assertEquals(UpdateDecoder.BAD_NUMBER, decoder.decode(body, body.length, update), c[0]);
            assertEquals(IntegerField.valueOf(c[1]), decoder.badNumberField(), c[0]);
        }
    }

    @Test
    void shouldReadIntegersAtTheEdgesOfTheirRanges()
    {
        final String json = "{\"update_id\":2147483647,\"message\":{\"message_id\":0,\"date\":2147483647," +
            "\"from\":{\"id\":4503599627370495},\"chat\":{\"id\":-4503599627370495 },\"text\":\"x\"}}";
        final byte[] body = json.getBytes(StandardCharsets.UTF_8);
        assertEquals(UpdateDecoder.OK, decoder.decode(body, body.length, update));
        assertEquals(Integer.MAX_VALUE, update.updateId());
        assertEquals(IntegerField.MAX_ID, update.fromId());
        assertEquals(-IntegerField.MAX_ID, update.chatId());
        assertEquals(0, update.messageId());
        assertEquals(Integer.MAX_VALUE, update.date());
    }

    @Test
    void shouldDecodeAndRefuseWithoutAllocating()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)java.lang.management.ManagementFactory.getThreadMXBean();
        final byte[] good = TEXT.getBytes(StandardCharsets.UTF_8);
        final byte[] bad = "{\"update_id\":1,\"message\":{\"from\":{\"id\":18446744073709552393}}}".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 20_000; i++)
        {
            decoder.decode(good, good.length, update);
            decoder.decode(bad, bad.length, update);
        }
        final long before = threads.getCurrentThreadAllocatedBytes();
        int results = 0;
        for (int i = 0; i < 10_000; i++)
        {
            results += decoder.decode(good, good.length, update);
        }
        final long afterGood = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 10_000; i++)
        {
            results += decoder.decode(bad, bad.length, update);
        }
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertEquals(10_000 * UpdateDecoder.BAD_NUMBER, results);
        assertTrue(allocated < 1024, "allocated " + allocated + " bytes for 20,000 decodes");
    }

    @Test
    void shouldDecodeLoneSurrogateEscapesAsReplacementCharacters()
    {
        final String[][] cases = {
            {"a\\udc00b", "a\uFFFDb"}, {"a\\ud800", "a\uFFFD"}, {"\\ud800\\u0041", "\uFFFDA"},
            {"\\ud83d\\ude00", "\uD83D\uDE00"}, {"\\ud83d\\ud83d\\ude00", "\uFFFD\uD83D\uDE00"},
            {"x\\u00e9\\/\\b\\f\\r\\t", "x\u00e9/\b\f\r\t"},
        };
        for (final String[] c : cases)
        {
            final byte[] body = ("{\"update_id\":1,\"message\":{\"from\":{\"id\":1,\"first_name\":\"" + c[0] + "\"}," +
                "\"text\":\"" + c[0] + "\"}}").getBytes(StandardCharsets.UTF_8);
            assertEquals(UpdateDecoder.OK, decoder.decode(body, body.length, update), c[0]);
            assertEquals(c[1], update.firstName().toString(), c[0]);
            assertEquals(c[1], update.text().toString(), c[0]);
        }
    }

    @Test
    void shouldDecodeIllFormedUtf8AsJavasDecoderDoes()
    {
        final java.util.Random random = new java.util.Random(13);
        final byte[][] fixed = {{(byte)0xFF}, {(byte)0xC3}, {(byte)0xED, (byte)0xA0, (byte)0x80}, {(byte)0xC0, (byte)0xAF},
            {(byte)0xF4, (byte)0x90, (byte)0x80, (byte)0x80}, {(byte)0x80}, {(byte)0xE2, (byte)0x82},
            {(byte)0xF0, (byte)0x9F, (byte)0x98, (byte)0x80}, {(byte)0xE0, (byte)0x80, (byte)0x80}, {(byte)0xF0, (byte)0x9F, 'a'}};
        for (int n = 0; n < 20_000; n++)
        {
            final byte[] text;
            if (n < fixed.length)
            {
                text = fixed[n];
            }
            else
            {
                text = new byte[1 + random.nextInt(8)];
                for (int i = 0; i < text.length; i++)
                {
                    final int b = random.nextBoolean() ? 0x80 + random.nextInt(0x80) : 0x20 + random.nextInt(0x60);
                    text[i] = (byte)(b == '"' || b == '\\' ? 'q' : b);
                }
            }
            final byte[] head = "{\"update_id\":1,\"message\":{\"text\":\"".getBytes(StandardCharsets.UTF_8);
            final byte[] tail = "\"}}".getBytes(StandardCharsets.UTF_8);
            final byte[] body = new byte[head.length + text.length + tail.length];
            System.arraycopy(head, 0, body, 0, head.length);
            System.arraycopy(text, 0, body, head.length, text.length);
            System.arraycopy(tail, 0, body, head.length + text.length, tail.length);
            assertEquals(UpdateDecoder.OK, decoder.decode(body, body.length, update), java.util.Arrays.toString(text));
            // Java's decoder folds some ill-formed runs (ED A0 80) into one U+FFFD where Unicode's practice gives one each
            assertEquals(new String(text, StandardCharsets.UTF_8).replaceAll("\uFFFD+", "\uFFFD"),
                update.text().toString().replaceAll("\uFFFD+", "\uFFFD"), java.util.Arrays.toString(text));
        }
    }

    @Test
    void shouldReplaceEachMaximalIllFormedSubpartAsUnicodeRecommends()
    {
        // The Unicode standard's own example (chapter 3, U+FFFD substitution): 61 F1 80 80 E1 80 C2 62 80 63 80 BF 64
        final byte[] text = {0x61, (byte)0xF1, (byte)0x80, (byte)0x80, (byte)0xE1, (byte)0x80, (byte)0xC2, 0x62,
            (byte)0x80, 0x63, (byte)0x80, (byte)0xBF, 0x64};
        final byte[] body = ("{\"update_id\":1,\"message\":{\"text\":\"" + new String(text, StandardCharsets.ISO_8859_1) + "\"}}")
            .getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(UpdateDecoder.OK, decoder.decode(body, body.length, update));
        assertEquals("a\uFFFD\uFFFD\uFFFDb\uFFFDc\uFFFD\uFFFDd", update.text().toString());
    }

    @Test
    void shouldRejectStringsThatAreNotJson()
    {
        for (final String bad : new String[]{"\\x", "\\u12", "\\u12g4", "a\tb", "a\nb"})
        {
            final byte[] body = ("{\"update_id\":1,\"message\":{\"text\":\"" + bad + "\"}}").getBytes(StandardCharsets.UTF_8);
            assertEquals(UpdateDecoder.BAD_JSON, decoder.decode(body, body.length, update), bad);
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

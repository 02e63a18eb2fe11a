package io.ringbot.bot;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonCursorTest
{
    private final JsonCursor cursor = new JsonCursor();
    private final StringBuilder text = new StringBuilder();

    private JsonCursor on(final String json)
    {
        final byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return cursor.wrap(bytes, bytes.length);
    }

    private String textOf(final JsonCursor at)
    {
        text.setLength(0);
        at.text(text);
        return text.toString();
    }

    @Test
    void shouldDecodeEscapesAndSurrogatePairs()
    {
        assertEquals("a\"b\\c/d\b\f\n\r\té€😀",
            textOf(on("{\"s\":\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u00e9\\u20AC\\ud83d\\ude00\"}").field("s")));
        assertTrue(on("{\"s\":\"\\ud83d\\ude00x\"}").field("s").textEquals("😀x"));
        assertTrue(on("{\"\\u0073\":1}").field("s").isPresent(), "escaped names match");
    }

    @Test
    void shouldReadLoneSurrogatesAndIllFormedUtf8AsReplacement()
    {
        assertEquals("\uFFFDx", textOf(on("{\"s\":\"\\ud83dx\"}").field("s")));
        assertEquals("\uFFFDx", textOf(on("{\"s\":\"\\ude00x\"}").field("s")));
        final byte[] bad = {'{', '"', 's', '"', ':', '"', (byte)0xC0, (byte)0x80, 'a', (byte)0xED, (byte)0xA0, (byte)0x80,
            (byte)0xF4, (byte)0x90, (byte)0x80, (byte)0x80, (byte)0xE2, (byte)0x82, '"', '}'};
        cursor.wrap(bad, bad.length).field("s");
        final String decoded = textOf(cursor);
        assertTrue(decoded.startsWith("\uFFFD\uFFFDa"), decoded);
        assertTrue(decoded.chars().allMatch(c -> c == 0xFFFD || c == 'a'), decoded);
        assertEquals("ü€😀", textOf(on("{\"s\":\"ü€😀\"}").field("s")));
    }

    @Test
    void shouldRefuseNumbersThatDoNotFitInsteadOfWrapping()
    {
        assertEquals(Long.MAX_VALUE, on("{\"n\":9223372036854775807}").field("n").asLong(-1));
        assertEquals(Long.MIN_VALUE, on("{\"n\":-9223372036854775808}").field("n").asLong(-1));
        assertEquals(-1, on("{\"n\":9223372036854775808}").field("n").asLong(-1));
        assertEquals(-1, on("{\"n\":-9223372036854775809}").field("n").asLong(-1));
        assertEquals(-1, on("{\"n\":99999999999999999999999}").field("n").asLong(-1));
        assertEquals(-1, on("{\"n\":1.5}").field("n").asLong(-1));
        assertEquals(-1, on("{\"n\":1e3}").field("n").asLong(-1));
        assertEquals(-1, on("{\"n\":\"12\"}").field("n").asLong(-1));
        assertEquals(-7, on("{\"n\":2147483648}").field("n").asInt(-7));
        assertEquals(Integer.MIN_VALUE, on("{\"n\":-2147483648}").field("n").asInt(-7));
    }

    @Test
    void shouldReadDoublesExactlyAsTheJdk()
    {
        final String[] numbers = {"0", "-0", "37.423393", "-122.083922", "0.1", "1e-7", "2.5E+3", "123456789012345678",
            "1234567890123456789012", "0.30000000000000004", "4.9e-324", "1.7976931348623157e308", "1e400", "-1.0"};
        assertEquals(-2.0, on("{\"n\":4444444444444444444e}").field("n").asDouble(-2.0), "not a number: the default");
        assertEquals(-2.0, on("{\"n\":-}").field("n").asDouble(-2.0));
        for (final String n : numbers)
        {
            assertEquals(Double.parseDouble(n), on("{\"n\":" + n + "}").field("n").asDouble(Double.NaN), n);
        }
    }

    @Test
    void shouldNavigateNestedArraysAndStayMissing()
    {
        final String json = "{\"message\":{\"photo\":[{\"file_id\":\"a\",\"file_size\":1},{\"file_id\":\"b\",\"file_size\":2}]," +
            "\"t\":true,\"f\":false,\"z\":null,\"e\":[]}}";
        final JsonCursor photo = on(json).field("message").field("photo");
        assertEquals(2, photo.arrayLength());
        assertEquals("b", textOf(photo.index(1).field("file_id")));
        assertEquals(2, cursor.root().field("message").field("photo").index(1).field("file_size").asLong(0));
        assertFalse(cursor.root().field("message").field("photo").index(2).isPresent());
        assertFalse(cursor.root().field("nope").field("photo").index(0).field("x").isPresent());
        assertEquals(-3, cursor.root().field("message").field("photo").field("x").asLong(-3));
        assertTrue(cursor.root().field("message").field("t").asBoolean(false));
        assertFalse(cursor.root().field("message").field("f").asBoolean(true));
        assertEquals(JsonCursor.NULL, cursor.root().field("message").field("z").type());
        assertEquals(0, cursor.root().field("message").field("e").arrayLength());
        assertFalse(cursor.root().field("message").field("e").index(0).isPresent());
        assertFalse(textOf(cursor.root().field("message").field("photo")).length() > 0);
    }

    @Test
    void shouldNotReadPastTheLengthOrCrashOnTruncatedBytes()
    {
        final byte[] bytes = "{\"a\":{\"b\":\"xyz\"},\"c\":5}".getBytes(StandardCharsets.UTF_8);
        for (int length = 0; length <= bytes.length; length++)
        {
            cursor.wrap(bytes, length);
            cursor.field("a").field("b").text(text);
            cursor.root().field("c").asLong(0);
            cursor.root().field("c").asDouble(0);
            cursor.root().arrayLength();
        }
        assertEquals(0, cursor.wrap(bytes, bytes.length - 3).field("c").asLong(0), "c is cut off");
    }

    @Test
    void shouldAllocateNothingPerRead()
    {
        final byte[] bytes = ("{\"update_id\":1,\"message\":{\"message_id\":5,\"photo\":[{\"file_id\":\"AgAD\\u00e9\",\"file_size\":10}," +
            "{\"file_id\":\"AgAE\",\"file_size\":20}],\"location\":{\"latitude\":37.423393,\"longitude\":-122.083922}}}")
            .getBytes(StandardCharsets.UTF_8);
        final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (int round = 0; round < 3; round++)
        {
            final long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 20_000; i++)
            {
                text.setLength(0);
                final JsonCursor photo = cursor.wrap(bytes, bytes.length).field("message").field("photo");
                photo.index(photo.arrayLength() - 1).field("file_id").text(text);
                sum += cursor.root().field("message").field("photo").index(0).field("file_size").asLong(0);
                sum += (long)cursor.root().field("message").field("location").field("latitude").asDouble(0);
                sum += cursor.root().field("message").field("photo").index(0).field("file_id").textEquals("AgADé") ? 1 : 0;
            }
            final long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            if (round == 2)
            {
                // the measurement itself may cost a few bytes; 20 000 allocating reads would cost megabytes
                assertTrue(allocated < 4096, "allocated " + allocated + " bytes");
            }
        }
        assertEquals(3 * 20_000 * (10 + 37 + 1), sum);
    }
}

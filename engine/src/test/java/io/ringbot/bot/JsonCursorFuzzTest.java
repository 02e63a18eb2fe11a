package io.ringbot.bot;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Any bytes through {@link JsonCursor}: no exception escapes whatever path is asked for, and when the
 * bytes are JSON Jackson accepts (strictly, without repeated names), every value reads as Jackson reads it.
 * {@code mvn test} runs the inputs in {@code JsonCursorFuzzTestInputs}; {@code JAZZER_FUZZ=1} fuzzes.
 */
class JsonCursorFuzzTest
{
    private static final ObjectMapper STRICT = new ObjectMapper()
        .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final JsonCursor cursor = new JsonCursor();
    private final JsonCursor walker = new JsonCursor();
    private final StringBuilder text = new StringBuilder();

    @FuzzTest(maxDuration = "5m")
    void shouldNeverThrowAndAgreeWithJacksonOnValidJson(final byte[] input)
    {
        // an arbitrary walk: names and indices drawn from the input itself
        cursor.wrap(input, input.length);
        for (int i = 0; i < Math.min(input.length, 16); i++)
        {
            final int b = input[i] & 0xFF;
            if ((b & 1) == 0)
            {
                cursor.field(b < 128 ? "id" : "message");
            }
            else
            {
                cursor.index(b & 7);
            }
            cursor.arrayLength();
            text.setLength(0);
            cursor.text(text);
            cursor.asLong(0);
            cursor.asDouble(0);
            cursor.textEquals("x");
        }
        final JsonNode tree;
        try
        {
            // as UTF-8 only: given bytes, Jackson would guess UTF-16 or UTF-32 from zero bytes
            tree = STRICT.readTree(StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(input)).toString());
        }
        catch (final IOException | RuntimeException notUtf8Json)
        {
            return;
        }
        if (tree == null || tree.isMissingNode())
        {
            return;
        }
        walker.wrap(input, input.length);
        compare(tree, walker, 0);
    }

    private void compare(final JsonNode node, final JsonCursor at, final int depth)
    {
        if (depth > 64)
        {
            return;
        }
        final JsonCursor here = new JsonCursor().set(at);
        if (node.isObject())
        {
            assertEquals(JsonCursor.OBJECT, here.type());
            final Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext())
            {
                final Map.Entry<String, JsonNode> field = fields.next();
                if (hasLoneSurrogate(field.getKey()))
                {
                    continue;
                }
                compare(field.getValue(), new JsonCursor().set(here).field(field.getKey()), depth + 1);
            }
        }
        else if (node.isArray())
        {
            assertEquals(JsonCursor.ARRAY, here.type());
            assertEquals(node.size(), here.arrayLength());
            for (int i = 0; i < node.size(); i++)
            {
                compare(node.get(i), new JsonCursor().set(here).index(i), depth + 1);
            }
        }
        else if (node.isTextual())
        {
            assertEquals(JsonCursor.STRING, here.type());
            if (!hasLoneSurrogate(node.textValue()))
            {
                text.setLength(0);
                here.text(text);
                assertEquals(node.textValue(), text.toString());
                assertTrue(here.textEquals(node.textValue()));
            }
        }
        else if (node.isNumber())
        {
            assertEquals(JsonCursor.NUMBER, here.type());
            if (node.isIntegralNumber() && node.canConvertToLong())
            {
                assertEquals(node.longValue(), here.asLong(-1L ^ node.longValue()));
            }
            // delta 0: the same double, except that -0 may read as -0.0 where Jackson's integer 0 has no sign
            assertEquals(node.doubleValue(), here.asDouble(Double.NaN), 0.0);
        }
        else if (node.isBoolean())
        {
            assertEquals(node.booleanValue(), here.asBoolean(!node.booleanValue()));
        }
        else if (node.isNull())
        {
            assertEquals(JsonCursor.NULL, here.type());
        }
    }

    private static boolean hasLoneSurrogate(final String s)
    {
        for (int i = 0; i < s.length(); i++)
        {
            final char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && (i + 1 == s.length() || !Character.isLowSurrogate(s.charAt(i + 1))))
            {
                return true;
            }
            if (Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1))))
            {
                return true;
            }
        }
        return false;
    }
}

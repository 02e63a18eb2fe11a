package io.ringbot.bot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringbot.engine.Fixtures;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Reads every field of every Telegram fixture through {@link JsonCursor} and compares it with Jackson's
 * tree of the same bytes: strings, integers, floats, booleans, nulls, array lengths. Each field is also
 * looked up in the Bot API 10.1 specification from the Update type down, and the value must have the
 * spec's type (Integer: a long, Float: a number, String, Boolean), so the reader is typed by the spec.
 */
class JsonCursorFixtureTest
{
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long SENTINEL = 0x5EED_5EED_5EED_5EEDL;
    /** Sample payloads that break the spec (the decoder is lenient about the same one). */
    private static final Set<String> KNOWN_OFF_SPEC = Set.of("11_inline_query.json id Integer");

    private final JsonCursor cursor = new JsonCursor();
    private final StringBuilder text = new StringBuilder();
    private final List<Object> path = new ArrayList<>();
    private Map<String, JsonNode> types;
    private final Set<String> unknownToSpec = new HashSet<>();
    private final Set<String> offSpec = new HashSet<>();
    private int leaves;
    private int specChecked;

    @Test
    void shouldReadEveryFieldOfEveryFixtureAsJacksonDoes() throws IOException
    {
        types = specTypes();
        int fixtures = 0;
        for (final Path fixture : Fixtures.all())
        {
            final byte[] bytes = Files.readAllBytes(fixture);
            final JsonNode tree = MAPPER.readTree(bytes);
            cursor.wrap(bytes, bytes.length);
            path.clear();
            final Set<String> root = Set.of(Fixtures.isNotAnUpdate(fixture) ? rootTypeOf(fixture) : "Update");
            walk(fixture, bytes, tree, root);
            fixtures++;
        }
        assertEquals(KNOWN_OFF_SPEC, offSpec, "fields whose type differs from the spec's");
        assertTrue(fixtures > 100, "fixtures read: " + fixtures);
        assertTrue(leaves > 2000, "leaves compared: " + leaves);
        // most fields are in the spec; the rest are fields older samples carry that 10.1 dropped
        assertTrue(specChecked > leaves * 9 / 10,
            "spec-typed " + specChecked + " of " + leaves + "; unknown: " + unknownToSpec);
    }

    private static String rootTypeOf(final Path fixture)
    {
        return fixture.getParent().getFileName().toString().equals("Messages") ? "Message" : "?";
    }

    private void walk(final Path fixture, final byte[] bytes, final JsonNode node, final Set<String> specTypes)
    {
        final JsonCursor at = navigate(bytes);
        final String where = fixture.getFileName() + " " + path;
        if (node.isObject())
        {
            assertEquals(JsonCursor.OBJECT, at.type(), where);
            final Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext())
            {
                final Map.Entry<String, JsonNode> field = fields.next();
                path.add(field.getKey());
                walk(fixture, bytes, field.getValue(), fieldTypes(specTypes, field.getKey(), field.getValue()));
                path.remove(path.size() - 1);
            }
            return;
        }
        if (node.isArray())
        {
            assertEquals(JsonCursor.ARRAY, at.type(), where);
            assertEquals(node.size(), at.arrayLength(), where);
            final Set<String> elementTypes = elementTypes(specTypes);
            for (int i = 0; i < node.size(); i++)
            {
                path.add(i);
                walk(fixture, bytes, node.get(i), elementTypes);
                path.remove(path.size() - 1);
            }
            path.add(node.size());
            assertEquals(JsonCursor.MISSING, navigate(bytes).type(), where + " past the end");
            path.remove(path.size() - 1);
            return;
        }
        leaves++;
        if (!specTypes.isEmpty() && !node.isNull()) // a null stands for an absent optional field
        {
            specChecked++;
            if (!specTypes.contains(specTypeOf(node)))
            {
                offSpec.add(fixture.getFileName() + " " + path.get(path.size() - 1) + " " + specTypeOf(node));
            }
        }
        if (node.isTextual())
        {
            assertEquals(JsonCursor.STRING, at.type(), where);
            text.setLength(0);
            assertTrue(at.text(text), where);
            assertEquals(node.textValue(), text.toString(), where);
            assertTrue(at.textEquals(node.textValue()), where);
            assertEquals(SENTINEL, at.asLong(SENTINEL), where);
        }
        else if (node.isIntegralNumber())
        {
            assertEquals(JsonCursor.NUMBER, at.type(), where);
            if (node.canConvertToLong())
            {
                assertEquals(node.longValue(), at.asLong(SENTINEL), where);
                assertEquals(node.canConvertToInt() ? node.intValue() : -7, at.asInt(-7), where);
            }
            else
            {
                assertEquals(SENTINEL, at.asLong(SENTINEL), where + " out of the long range");
            }
            assertEquals(node.doubleValue(), at.asDouble(Double.NaN), where);
        }
        else if (node.isNumber())
        {
            assertEquals(JsonCursor.NUMBER, at.type(), where);
            assertEquals(node.doubleValue(), at.asDouble(Double.NaN), where);
            assertEquals(SENTINEL, at.asLong(SENTINEL), where + " has a fraction");
        }
        else if (node.isBoolean())
        {
            assertEquals(node.booleanValue() ? JsonCursor.TRUE : JsonCursor.FALSE, at.type(), where);
            assertEquals(node.booleanValue(), at.asBoolean(!node.booleanValue()), where);
        }
        else if (node.isNull())
        {
            assertEquals(JsonCursor.NULL, at.type(), where);
        }
        else
        {
            fail(where + ": unexpected node " + node.getNodeType());
        }
    }

    private JsonCursor navigate(final byte[] bytes)
    {
        cursor.root();
        for (final Object step : path)
        {
            if (step instanceof String)
            {
                cursor.field((String)step);
            }
            else
            {
                cursor.index((Integer)step);
            }
        }
        return cursor;
    }

    private static String specTypeOf(final JsonNode leaf)
    {
        if (leaf.isTextual())
        {
            return "String";
        }
        if (leaf.isIntegralNumber())
        {
            return "Integer";
        }
        if (leaf.isNumber())
        {
            return "Float";
        }
        return leaf.isBoolean() ? "Boolean" : "null";
    }

    /** The spec's types for a field of an object of one of {@code owners}, each subtype expanded. */
    private Set<String> fieldTypes(final Set<String> owners, final String name, final JsonNode value)
    {
        final Set<String> result = new HashSet<>();
        for (final String owner : owners)
        {
            final JsonNode type = types.get(owner);
            if (type == null || !type.has("fields"))
            {
                continue;
            }
            for (final JsonNode field : type.get("fields"))
            {
                if (field.get("name").asText().equals(name))
                {
                    for (final JsonNode t : field.get("types"))
                    {
                        addExpanded(result, t.asText());
                    }
                }
            }
        }
        if (result.isEmpty() && !owners.isEmpty() && !value.isContainerNode())
        {
            unknownToSpec.add(owners + "." + name);
        }
        return result;
    }

    private Set<String> elementTypes(final Set<String> arrays)
    {
        final Set<String> result = new HashSet<>();
        for (final String type : arrays)
        {
            if (type.startsWith("Array of "))
            {
                addExpanded(result, type.substring("Array of ".length()));
            }
        }
        return result;
    }

    private void addExpanded(final Set<String> into, final String type)
    {
        // the spec's True is a Boolean that is always true; Float also takes integral JSON numbers
        if (type.equals("True"))
        {
            into.add("Boolean");
            return;
        }
        if (type.equals("Float"))
        {
            into.add("Float");
            into.add("Integer");
            return;
        }
        into.add(type);
        final JsonNode spec = types.get(type);
        if (spec != null && spec.has("subtypes"))
        {
            for (final JsonNode sub : spec.get("subtypes"))
            {
                addExpanded(into, sub.asText());
            }
        }
    }

    private static Map<String, JsonNode> specTypes() throws IOException
    {
        final JsonNode spec = MAPPER.readTree(Fixtures.root().resolve("spec").resolve("bot-api.json").toFile());
        final Map<String, JsonNode> result = new HashMap<>();
        spec.get("types").fields().forEachRemaining(e -> result.put(e.getKey(), e.getValue()));
        return result;
    }
}

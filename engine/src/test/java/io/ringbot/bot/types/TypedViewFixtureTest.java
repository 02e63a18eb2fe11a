package io.ringbot.bot.types;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringbot.engine.Fixtures;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reads every field of every Telegram fixture through the generated typed views and compares it with
 * Jackson's tree of the same bytes. The walk follows the spec from Update down (through the accessors the
 * spec implies, found by reflection): presence, integers, floats, booleans, strings (decoded and compared
 * in place), fixed-value enums, arrays (length and each element), and unions (their kind and the variant).
 */
class TypedViewFixtureTest
{
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long SENTINEL = 0x5EED_5EED_5EED_5EEDL;

    private final UpdateViews views = new UpdateViews();
    private final StringBuilder text = new StringBuilder();
    private int compared;
    private int unions;

    @Test
    void shouldReadEveryFieldOfEveryFixtureAsJacksonDoes() throws Exception
    {
        int updates = 0;
        for (final Path fixture : Fixtures.all())
        {
            for (final byte[] update : updatesOf(fixture))
            {
                final JsonNode tree = MAPPER.readTree(update);
                final Update view = views.wrap(update, update.length);
                walk(view, "Update", tree, fixture.getFileName().toString());
                updates++;
            }
        }
        assertTrue(updates > 100, "updates read: " + updates);
        assertTrue(compared > 2000, "values compared: " + compared);
        assertTrue(unions > 10, "union values compared: " + unions);
    }

    @Test
    void shouldReadTheSameBytesAgainAfterAnotherUpdate() throws Exception
    {
        final byte[] first = ("{\"update_id\":1,\"message\":{\"message_id\":5,\"date\":1,\"chat\":{\"id\":7," +
            "\"type\":\"group\"},\"text\":\"hi\",\"photo\":[{\"file_id\":\"a\"},{\"file_id\":\"b\",\"width\":9}]}}")
            .getBytes(StandardCharsets.UTF_8);
        final byte[] second = "{\"update_id\":2,\"edited_message\":{\"message_id\":6,\"chat\":{\"id\":8}}}"
            .getBytes(StandardCharsets.UTF_8);
        Update update = views.wrap(first, first.length);
        final Message message = update.message();
        assertEquals(ChatType.GROUP, message.chat().type());
        assertEquals(2, message.photo().length());
        assertTrue(message.photo().last().fileIdEquals("b"));
        assertEquals(9, message.photo().last().width(0));
        assertEquals(5, message.messageId(0));
        update = views.wrap(second, second.length);
        assertSame(message, update.message(), "the views are reused");
        assertFalse(update.message().isPresent());
        assertEquals(-1, update.message().messageId(-1));
        assertEquals(0, update.message().photo().length());
        assertFalse(update.message().photo().last().fileId(text));
        assertEquals(8, update.editedMessage().chat().id(0));
        assertEquals(ChatType.UNKNOWN, update.editedMessage().chat().type());
    }

    /** @return the fixture's Update objects (a getUpdates answer holds several; a bare Message is wrapped). */
    private static List<byte[]> updatesOf(final Path fixture) throws Exception
    {
        final byte[] bytes = Fixtures.read(fixture);
        final List<byte[]> updates = new ArrayList<>();
        final JsonNode tree = MAPPER.readTree(bytes);
        if (tree.has("result"))
        {
            for (final JsonNode update : tree.path("result"))
            {
                updates.add(MAPPER.writeValueAsBytes(update));
            }
        }
        else if (fixture.getParent().getFileName().toString().equals("Messages"))
        {
            final String wrapped = "{\"update_id\":1,\"message\":" + new String(bytes, StandardCharsets.UTF_8) + "}";
            updates.add(wrapped.getBytes(StandardCharsets.UTF_8));
        }
        else
        {
            updates.add(bytes);
        }
        return updates;
    }

    private void walk(final Object view, final String typeName, final JsonNode node, final String where) throws Exception
    {
        final JsonNode type = BotApiSpec.type(typeName);
        assertTrue(((View)view).isPresent(), where);
        if (!node.isObject())
        {
            // RichText: a plain string or an array of parts besides its object variants
            if (node.isTextual())
            {
                text.setLength(0);
                assertTrue((boolean)call(view, "plain", StringBuilder.class, text), where);
                assertEquals(node.asText(), text.toString(), where);
            }
            else
            {
                assertTrue((boolean)call(view, "isParts"), where);
                walkValue(call(view, "parts"), "Array of " + typeName, node, where);
            }
            unions++;
            return;
        }
        if (type.has("subtypes"))
        {
            walkUnion(view, type, node, where);
        }
        for (final JsonNode field : BotApiSpec.viewFields(type))
        {
            walkField(view, field, node.get(field.path("name").asText()), where + "." + field.path("name").asText());
        }
    }

    private void walkUnion(final Object view, final JsonNode type, final JsonNode node, final String where)
        throws Exception
    {
        final List<String> subtypes = BotApiSpec.objectSubtypes(type);
        final Method kindMethod = view.getClass().getMethod("kind");
        final Enum<?> kind = (Enum<?>)kindMethod.invoke(view);
        final String subtype = subtypes.get(kind.ordinal());
        final JsonNode discriminated = BotApiSpec.type(subtype);
        // the variant's discriminator (or, for MaybeInaccessibleMessage, its "Always 0" date) must agree
        boolean agreed = false;
        for (final JsonNode field : discriminated.path("fields"))
        {
            final String description = field.path("description").asText();
            final JsonNode value = node.get(field.path("name").asText());
            if (description.contains("always \""))
            {
                assertTrue(description.contains("always \"" + value.asText() + "\""), where + " kind " + kind);
                agreed = true;
            }
        }
        if (!agreed)
        {
            assertEquals(subtype.equals("InaccessibleMessage"), node.path("date").asLong(-1) == 0, where + " kind");
        }
        unions++;
        compared++;
        walk(view.getClass().getMethod("as" + subtype).invoke(view), subtype, node, where + "(" + subtype + ")");
    }

    private void walkField(final Object view, final JsonNode field, final JsonNode value, final String where)
        throws Exception
    {
        final String name = field.path("name").asText();
        final String accessor = BotApiSpec.camel(name, false);
        final boolean present = value != null && !value.isNull();
        assertEquals(present, call(view, "has" + BotApiSpec.camel(name, true)), where + " presence");
        compared++;
        final List<String> types = new ArrayList<>();
        field.path("types").forEach(t -> types.add(t.asText()));
        if (types.contains("Integer"))
        {
            final long read = (long)call(view, accessor, long.class, SENTINEL);
            assertEquals(present && value.isIntegralNumber() ? value.asLong() : SENTINEL, read, where);
        }
        if (types.contains("String"))
        {
            text.setLength(0);
            final boolean appended = (boolean)call(view, accessor, StringBuilder.class, text);
            if (present && value.isTextual())
            {
                assertTrue(appended, where);
                assertEquals(value.asText(), text.toString(), where);
                assertTrue((boolean)call(view, accessor + "Equals", CharSequence.class, value.asText()), where);
                final Method enumAccessor = findMethod(view, accessor);
                if (enumAccessor != null && enumAccessor.getReturnType().isEnum())
                {
                    final Object constant = enumAccessor.invoke(view);
                    final String wireName = (String)constant.getClass().getMethod("wireName").invoke(constant);
                    assertEquals(constant.toString().equals("UNKNOWN") ? "" : value.asText(), wireName, where);
                    compared++;
                }
            }
            else if (!present)
            {
                assertFalse(appended, where);
            }
        }
        if (types.size() != 1 || types.contains("Integer") || types.contains("String"))
        {
            return;
        }
        final String type = types.get(0);
        switch (type)
        {
            case "Float":
                assertEquals(present ? value.asDouble() : Double.NaN, (double)call(view, accessor, double.class, Double.NaN),
                    where);
                return;
            case "Boolean":
            case "True":
                if (present && value.isBoolean())
                {
                    assertEquals(value.asBoolean(), call(view, accessor, boolean.class, !value.asBoolean()), where);
                }
                else
                {
                    assertEquals(true, call(view, accessor, boolean.class, true), where);
                    assertEquals(false, call(view, accessor, boolean.class, false), where);
                }
                return;
            default:
                final Object child = call(view, accessor);
                assertEquals(present, ((View)child).isPresent(), where);
                if (present)
                {
                    walkValue(child, type, value, where);
                }
        }
    }

    private void walkValue(final Object view, final String type, final JsonNode value, final String where)
        throws Exception
    {
        if (!type.startsWith("Array of "))
        {
            walk(view, type, value, where);
            return;
        }
        final String element = type.substring("Array of ".length());
        final ArrayView array = (ArrayView)view;
        assertEquals(value.size(), array.length(), where + " length");
        compared++;
        for (int i = 0; i < value.size(); i++)
        {
            final JsonNode item = value.get(i);
            if (array instanceof StringArray)
            {
                text.setLength(0);
                assertTrue(((StringArray)array).get(i, text), where);
                assertEquals(item.asText(), text.toString(), where + "[" + i + "]");
                assertTrue(((StringArray)array).equals(i, item.asText()), where);
            }
            else if (array instanceof LongArray)
            {
                assertEquals(item.asLong(), ((LongArray)array).get(i, SENTINEL), where + "[" + i + "]");
            }
            else
            {
                walkValue(((ObjectArray<?>)array).get(i), element, item, where + "[" + i + "]");
            }
            compared++;
        }
        if (array instanceof ObjectArray)
        {
            assertFalse(((ObjectArray<?>)array).get(value.size()).isPresent(), where + " past the end");
        }
    }

    private static Method findMethod(final Object view, final String name)
    {
        try
        {
            return view.getClass().getMethod(name);
        }
        catch (final NoSuchMethodException none)
        {
            return null;
        }
    }

    private static Object call(final Object view, final String name) throws Exception
    {
        return invoke(view.getClass().getMethod(name), view);
    }

    private static Object call(final Object view, final String name, final Class<?> parameter, final Object argument)
        throws Exception
    {
        return invoke(view.getClass().getMethod(name, parameter), view, argument);
    }

    private static Object invoke(final Method method, final Object view, final Object... arguments) throws Exception
    {
        try
        {
            return method.invoke(view, arguments);
        }
        catch (final InvocationTargetException ex)
        {
            throw (Exception)ex.getCause();
        }
    }
}

package io.ringbot.bot.types;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The repository's copy of the Bot API spec, the generator's input, read with Jackson for the tests.
 */
final class BotApiSpec
{
    static final Path FILE = Path.of("src/main/spec/bot-api.json");
    private static JsonNode root;

    private BotApiSpec()
    {
    }

    static synchronized JsonNode root()
    {
        if (root == null)
        {
            try
            {
                root = new ObjectMapper().readTree(FILE.toFile());
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }
        return root;
    }

    static JsonNode type(final String name)
    {
        return root().path("types").path(name);
    }

    /** @return the object variants of a union (RichText also lists "String" and an array). */
    static List<String> objectSubtypes(final JsonNode type)
    {
        final List<String> subtypes = new ArrayList<>();
        for (final JsonNode s : type.path("subtypes"))
        {
            if (root().path("types").has(s.asText()))
            {
                subtypes.add(s.asText());
            }
        }
        return subtypes;
    }

    /** @return the fields a type's view reads: its own, or a union's common ones. */
    static List<JsonNode> viewFields(final JsonNode type)
    {
        final List<JsonNode> fields = new ArrayList<>();
        if (!type.has("subtypes"))
        {
            type.path("fields").forEach(fields::add);
            return fields;
        }
        final List<String> subtypes = objectSubtypes(type);
        for (final JsonNode field : type(subtypes.get(0)).path("fields"))
        {
            boolean everywhere = true;
            for (final String subtype : subtypes)
            {
                boolean found = false;
                for (final JsonNode other : type(subtype).path("fields"))
                {
                    found |= other.path("name").equals(field.path("name")) && other.path("types").equals(field.path("types"));
                }
                everywhere &= found;
            }
            if (everywhere)
            {
                fields.add(field);
            }
        }
        return fields;
    }

    static String camel(final String snake, final boolean upperFirst)
    {
        final StringBuilder out = new StringBuilder();
        boolean upper = upperFirst;
        for (final char c : snake.toCharArray())
        {
            if (c == '_')
            {
                upper = true;
            }
            else
            {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }
}

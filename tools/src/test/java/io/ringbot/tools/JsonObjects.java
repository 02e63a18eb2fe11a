package io.ringbot.tools;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses one flat JSON object (a line the tool printed) with jackson-core, for assertions.
 */
final class JsonObjects
{
    private JsonObjects()
    {
    }

    static Map<String, Object> parse(final String line)
    {
        try (JsonParser parser = JsonLinesWriter.FACTORY.createParser(line))
        {
            if (parser.nextToken() != JsonToken.START_OBJECT)
            {
                throw new IllegalArgumentException("not an object: " + line);
            }
            final Map<String, Object> fields = new LinkedHashMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME)
            {
                final String name = parser.currentName();
                final JsonToken value = parser.nextToken();
                fields.put(name, switch (value)
                {
                    case VALUE_NUMBER_INT -> parser.getLongValue();
                    case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
                    case VALUE_TRUE, VALUE_FALSE -> parser.getBooleanValue();
                    default -> parser.getText();
                });
            }
            if (parser.nextToken() != null)
            {
                throw new IllegalArgumentException("more than one object: " + line);
            }
            return fields;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}

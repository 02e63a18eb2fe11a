package io.ringbot.engine.decode;

import com.dslplatform.json.DslJson;
import com.dslplatform.json.JsonReader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A small set of JSON field names matched without allocation: DSL-JSON hashes a name as it reads it
 * ({@link JsonReader#fillName()}); a hash hit is confirmed byte by byte, so collisions cannot misroute.
 */
final class FieldNames
{
    static final int NO_MATCH = -1;

    private final int[] hashes;
    private final byte[][] names;

    FieldNames(final String... names)
    {
        this.names = new byte[names.length][];
        this.hashes = new int[names.length];
        final JsonReader<Object> reader = new DslJson<>().newReader(new byte[0]);
        for (int i = 0; i < names.length; i++)
        {
            this.names[i] = names[i].getBytes(StandardCharsets.UTF_8);
            hashes[i] = hashOf(reader, names[i]);
        }
    }

    /**
     * @param reader positioned just after {@link JsonReader#fillName()}.
     * @param hash   what {@code fillName()} returned.
     * @return the index of the name, or {@link #NO_MATCH}.
     */
    int match(final JsonReader<?> reader, final int hash)
    {
        final int[] hashes = this.hashes;
        for (int i = 0; i < hashes.length; i++)
        {
            if (hashes[i] == hash && reader.wasLastName(names[i]))
            {
                return i;
            }
        }
        return NO_MATCH;
    }

    private static int hashOf(final JsonReader<Object> reader, final String name)
    {
        final byte[] json = ("{\"" + name + "\":0}").getBytes(StandardCharsets.UTF_8);
        try
        {
            reader.process(json, json.length);
            reader.getNextToken();
            reader.getNextToken();
            return reader.fillName();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}

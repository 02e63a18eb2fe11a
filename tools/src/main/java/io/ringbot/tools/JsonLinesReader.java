package io.ringbot.tools;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads records back from JSON lines (what {@code dump} writes): one object per record, fields by name
 * in any order, absent fields zero or empty. An unknown field, a wrong type, a text longer than the
 * record holds, a missing id or a version below syncedVersion is an error naming the line.
 *
 * @param <V> the record's value interface
 */
final class JsonLinesReader<V> implements AutoCloseable
{
    private final RecordLayout<V> layout;
    private final JsonParser parser;
    private int line;

    JsonLinesReader(final RecordLayout<V> layout, final Reader in) throws IOException
    {
        this.layout = layout;
        this.parser = JsonLinesWriter.FACTORY.createParser(in);
    }

    /**
     * @return the next record as a new heap instance, or null at the end of the input.
     * @throws IllegalArgumentException naming the line when a record is not valid.
     * @throws IOException              when reading fails.
     */
    V next() throws IOException
    {
        try
        {
            final JsonToken start = parser.nextToken();
            if (start == null)
            {
                return null;
            }
            line = parser.currentTokenLocation().getLineNr();
            if (start != JsonToken.START_OBJECT)
            {
                throw invalid("expected a JSON object, found " + start);
            }
            return readObject();
        }
        catch (final JsonProcessingException ex)
        {
            throw new IllegalArgumentException("line " + parser.currentLocation().getLineNr() + ": " + ex.getOriginalMessage(), ex);
        }
    }

    /**
     * @return the line on which the last record began.
     */
    int line()
    {
        return line;
    }

    public void close() throws IOException
    {
        parser.close();
    }

    private V readObject() throws IOException
    {
        final V record = layout.newHeapInstance();
        boolean hasId = false;
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME)
        {
            final String name = parser.currentName();
            final RecordField<V> field = layout.field(name);
            if (field == null)
            {
                throw invalid("unknown field '" + name + "'; a " + layout.kind() + " has: " + layout.fieldNames());
            }
            parser.nextToken();
            try
            {
                field.read(parser, record);
            }
            catch (final IllegalArgumentException ex)
            {
                throw invalid(ex.getMessage());
            }
            hasId |= "id".equals(name);
        }
        if (token != JsonToken.END_OBJECT)
        {
            throw invalid("unexpected " + token);
        }
        if (!hasId || layout.id(record) == 0)
        {
            throw invalid("a record needs a non-zero id");
        }
        if (layout.version(record) < layout.syncedVersion(record))
        {
            throw invalid("version " + layout.version(record) + " is below syncedVersion " + layout.syncedVersion(record));
        }
        return record;
    }

    private IllegalArgumentException invalid(final String message)
    {
        return new IllegalArgumentException("line " + line + ": " + message);
    }
}

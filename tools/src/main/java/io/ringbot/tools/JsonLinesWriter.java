package io.ringbot.tools;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * Writes records as JSON lines: one object per line, fields in the layout's order, numbers as numbers.
 */
final class JsonLinesWriter implements AutoCloseable
{
    static final JsonFactory FACTORY = JsonFactory.builder()
        .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
        .build();

    private final JsonGenerator generator;

    /**
     * @param out where to write; not closed by {@link #close()}.
     */
    JsonLinesWriter(final Writer out)
    {
        try
        {
            generator = FACTORY.createGenerator(out);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        generator.setRootValueSeparator(null); // each line ends with its own newline instead
    }

    /**
     * @param layout the record's layout.
     * @param record a consistent copy.
     * @param <V>    the record type.
     */
    <V> void write(final RecordLayout<V> layout, final V record)
    {
        try
        {
            generator.writeStartObject();
            for (final RecordField<V> field : layout.fields())
            {
                field.write(generator, record);
            }
            generator.writeEndObject();
            generator.writeRaw('\n');
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    public void close()
    {
        try
        {
            generator.close(); // flushes to the writer, which stays open
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}

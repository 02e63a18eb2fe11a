package io.ringbot.io.ops;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * Encodes the ops endpoints' JSON documents with Jackson's streaming {@link JsonGenerator} into a reused
 * {@link StringBuilder}: one encoder, and one generator, per owner for all its documents. Fluent, so that a
 * document reads like its shape. Doubles that are whole numbers are written without ".0" (short, easy to read)
 * and non-finite ones as {@code null} (JSON has no NaN); '&lt;' and '&amp;' are escaped, so a document embedded
 * in a page can never close a script element. One thread at a time.
 */
final class OpsJsonEncoder
{
    private static final JsonFactory FACTORY = new JsonFactoryBuilder()
        .characterEscapes(new OpsEscapes())
        .rootValueSeparator((String)null) // documents one after another in the same generator, nothing between
        .build();

    private final StringBuilder out;
    private final Writer writer;
    private JsonGenerator generator;

    OpsJsonEncoder(final int capacity)
    {
        out = new StringBuilder(capacity);
        writer = new BuilderWriter(out);
    }

    /**
     * Starts a document, dropping the previous one.
     *
     * @return this.
     */
    OpsJsonEncoder begin()
    {
        if (generator == null || !generator.getOutputContext().inRoot())
        {
            // the first document, or the last one was left unfinished by an exception: start clean
            try
            {
                generator = FACTORY.createGenerator(writer);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }
        out.setLength(0);
        return this;
    }

    /**
     * @return the document written since {@link #begin()}; valid until the next begin().
     */
    StringBuilder finish()
    {
        write(JsonGenerator::flush);
        return out;
    }

    OpsJsonEncoder startObject()
    {
        return write(JsonGenerator::writeStartObject);
    }

    OpsJsonEncoder endObject()
    {
        return write(JsonGenerator::writeEndObject);
    }

    OpsJsonEncoder startArray()
    {
        return write(JsonGenerator::writeStartArray);
    }

    OpsJsonEncoder endArray()
    {
        return write(JsonGenerator::writeEndArray);
    }

    OpsJsonEncoder name(final String name)
    {
        return write(g -> g.writeFieldName(name));
    }

    OpsJsonEncoder value(final long value)
    {
        return write(g -> g.writeNumber(value));
    }

    OpsJsonEncoder value(final double value)
    {
        return write(g ->
        {
            if (!Double.isFinite(value))
            {
                g.writeNull();
            }
            else if (value == Math.rint(value) && Math.abs(value) < 1e15)
            {
                g.writeNumber((long)value);
            }
            else
            {
                g.writeNumber(value);
            }
        });
    }

    OpsJsonEncoder value(final boolean value)
    {
        return write(g -> g.writeBoolean(value));
    }

    OpsJsonEncoder value(final String value)
    {
        return write(g -> g.writeString(value)); // null is written as null
    }

    /**
     * @param json a complete JSON value encoded earlier, written as it is.
     * @return this.
     */
    OpsJsonEncoder raw(final String json)
    {
        return write(g -> g.writeRawValue(json));
    }

    OpsJsonEncoder field(final String name, final long value)
    {
        return name(name).value(value);
    }

    OpsJsonEncoder field(final String name, final double value)
    {
        return name(name).value(value);
    }

    OpsJsonEncoder field(final String name, final boolean value)
    {
        return name(name).value(value);
    }

    OpsJsonEncoder field(final String name, final String value)
    {
        return name(name).value(value);
    }

    /** One generator call: it writes into a {@link StringBuilder}, which does not fail. */
    @FunctionalInterface
    private interface Write
    {
        void to(JsonGenerator generator) throws IOException;
    }

    private OpsJsonEncoder write(final Write write)
    {
        try
        {
            write.to(generator);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return this;
    }

    /**
     * Jackson's escapes, plus '&lt;' and '&amp;' and every control character as a lower-case \\u escape
     * (except \n, \r and \t), as these documents have always been written.
     */
    private static final class OpsEscapes extends CharacterEscapes
    {
        private static final long serialVersionUID = 1L;
        private static final int[] ESCAPES = standardAsciiEscapesForJSON();
        private static final SerializableString[] SEQUENCES = new SerializableString[128];

        static
        {
            for (int c = 0; c < 0x20; c++)
            {
                if (c != '\n' && c != '\r' && c != '\t')
                {
                    custom(c);
                }
            }
            custom('<');
            custom('&');
        }

        private static void custom(final int c)
        {
            ESCAPES[c] = ESCAPE_CUSTOM;
            SEQUENCES[c] = new SerializedString(String.format("\\u%04x", c));
        }

        public int[] getEscapeCodesForAscii()
        {
            return ESCAPES;
        }

        public SerializableString getEscapeSequence(final int ch)
        {
            return ch < SEQUENCES.length ? SEQUENCES[ch] : null;
        }
    }

    /**
     * Appends to the encoder's builder: the generator's own buffer is flushed here by {@link #finish()}.
     */
    private static final class BuilderWriter extends Writer
    {
        private final StringBuilder out;

        BuilderWriter(final StringBuilder out)
        {
            this.out = out;
        }

        public void write(final char[] chars, final int offset, final int length)
        {
            out.append(chars, offset, length);
        }

        public void write(final String text, final int offset, final int length)
        {
            out.append(text, offset, offset + length);
        }

        public void write(final int c)
        {
            out.append((char)c);
        }

        public void flush()
        {
        }

        public void close()
        {
        }
    }
}

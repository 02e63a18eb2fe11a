package io.ringbot.tools;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.ObjLongConsumer;
import java.util.function.ToLongFunction;

/**
 * One field of a record layout as the tool sees it: a JSON name, how to read it from a heap copy and
 * how to set it on a heap instance being imported.
 *
 * @param <V> the record's value interface
 */
final class RecordField<V>
{
    private final String name;
    private final boolean text;
    private final long min;
    private final long max;
    private final int maxUtf8Bytes;
    private final ToLongFunction<V> longGetter;
    private final ObjLongConsumer<V> longSetter;
    private final Function<V, CharSequence> textGetter;
    private final BiConsumer<V, String> textSetter;

    private RecordField(
        final String name,
        final boolean text,
        final long min,
        final long max,
        final int maxUtf8Bytes,
        final ToLongFunction<V> longGetter,
        final ObjLongConsumer<V> longSetter,
        final Function<V, CharSequence> textGetter,
        final BiConsumer<V, String> textSetter)
    {
        this.name = name;
        this.text = text;
        this.min = min;
        this.max = max;
        this.maxUtf8Bytes = maxUtf8Bytes;
        this.longGetter = longGetter;
        this.longSetter = longSetter;
        this.textGetter = textGetter;
        this.textSetter = textSetter;
    }

    static <V> RecordField<V> ofLong(final String name, final ToLongFunction<V> getter, final ObjLongConsumer<V> setter)
    {
        return new RecordField<>(name, false, Long.MIN_VALUE, Long.MAX_VALUE, 0, getter, setter, null, null);
    }

    static <V> RecordField<V> ofInt(final String name, final ToLongFunction<V> getter, final ObjLongConsumer<V> setter)
    {
        return new RecordField<>(name, false, Integer.MIN_VALUE, Integer.MAX_VALUE, 0, getter, setter, null, null);
    }

    static <V> RecordField<V> ofText(
        final String name, final int maxUtf8Bytes, final Function<V, CharSequence> getter, final BiConsumer<V, String> setter)
    {
        return new RecordField<>(name, true, 0, 0, maxUtf8Bytes, null, null, getter, setter);
    }

    String name()
    {
        return name;
    }

    long longValue(final V record)
    {
        return longGetter.applyAsLong(record);
    }

    /**
     * @param record a consistent heap copy.
     * @return the value as {@code --where} compares it: decimal for numbers, the text as is.
     */
    String valueString(final V record)
    {
        if (text)
        {
            final CharSequence value = textGetter.apply(record);
            return value == null ? "" : value.toString();
        }
        return Long.toString(longGetter.applyAsLong(record));
    }

    void write(final JsonGenerator generator, final V record) throws IOException
    {
        generator.writeFieldName(name);
        if (text)
        {
            generator.writeString(valueString(record));
        }
        else
        {
            generator.writeNumber(longGetter.applyAsLong(record));
        }
    }

    /**
     * Sets the field from the parser's current value token.
     *
     * @param parser positioned on the value.
     * @param record the heap instance being filled.
     * @throws IllegalArgumentException when the value has the wrong type or does not fit.
     * @throws IOException              when the parser fails.
     */
    void read(final JsonParser parser, final V record) throws IOException
    {
        final JsonToken token = parser.currentToken();
        if (text)
        {
            if (token != JsonToken.VALUE_STRING)
            {
                throw new IllegalArgumentException(name + " must be a string, was " + token);
            }
            final String value = parser.getText();
            final int bytes = value.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > maxUtf8Bytes)
            {
                throw new IllegalArgumentException(name + " is " + bytes + " UTF-8 bytes, the record holds " + maxUtf8Bytes);
            }
            textSetter.accept(record, value);
        }
        else
        {
            if (token != JsonToken.VALUE_NUMBER_INT)
            {
                throw new IllegalArgumentException(name + " must be an integer, was " + token);
            }
            final long value = parser.getLongValue();
            if (value < min || value > max)
            {
                throw new IllegalArgumentException(name + " is out of range: " + value);
            }
            longSetter.accept(record, value);
        }
    }
}

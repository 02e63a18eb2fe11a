package io.ringbot.tools;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.ringbot.store.record.Record;

import java.io.IOException;
import java.util.function.ObjLongConsumer;
import java.util.function.ToLongFunction;

/**
 * One field of a record layout as the tool sees it: a JSON name, how to read it from a heap copy and
 * how to set it on a heap record being imported. Header fields are longs; the bot's fields are handled
 * by the store's own field types ({@link io.ringbot.store.record.RecordField}).
 *
 * @param <V> always {@link Record}
 */
final class RecordField<V>
{
    private final String name;
    private final ToLongFunction<Record> longGetter;
    private final ObjLongConsumer<Record> longSetter;
    private final io.ringbot.store.record.RecordField field;

    private RecordField(
        final String name,
        final ToLongFunction<Record> longGetter,
        final ObjLongConsumer<Record> longSetter,
        final io.ringbot.store.record.RecordField field)
    {
        this.name = name;
        this.longGetter = longGetter;
        this.longSetter = longSetter;
        this.field = field;
    }

    static RecordField<Record> header(final String name, final ToLongFunction<Record> getter, final ObjLongConsumer<Record> setter)
    {
        return new RecordField<>(name, getter, setter, null);
    }

    static RecordField<Record> of(final io.ringbot.store.record.RecordField field)
    {
        return new RecordField<>(field.name(), null, null, field);
    }

    String name()
    {
        return name;
    }

    long longValue(final V record)
    {
        if (field != null)
        {
            final Object value = field.value((Record)record);
            return value instanceof Number ? ((Number)value).longValue() : 0;
        }
        return longGetter.applyAsLong((Record)record);
    }

    /**
     * @param record a consistent heap copy.
     * @return the value as {@code --where} compares it: decimal for numbers, the text as is.
     */
    String valueString(final V record)
    {
        if (field != null)
        {
            return String.valueOf(field.value((Record)record));
        }
        return Long.toString(longGetter.applyAsLong((Record)record));
    }

    void write(final JsonGenerator generator, final V record) throws IOException
    {
        generator.writeFieldName(name);
        if (field == null)
        {
            generator.writeNumber(longGetter.applyAsLong((Record)record));
            return;
        }
        final StringBuilder json = new StringBuilder();
        field.appendJson((Record)record, json);
        generator.writeRawValue(json.toString());
    }

    /**
     * Sets the field from the parser's current value token.
     *
     * @param parser positioned on the value.
     * @param record the heap record being filled.
     * @throws IllegalArgumentException when the value has the wrong type or does not fit.
     * @throws IOException              when the parser fails.
     */
    void read(final JsonParser parser, final V record) throws IOException
    {
        final JsonToken token = parser.currentToken();
        if (field == null)
        {
            if (token != JsonToken.VALUE_NUMBER_INT)
            {
                throw new IllegalArgumentException(name + " must be an integer, was " + token);
            }
            longSetter.accept((Record)record, parser.getLongValue());
            return;
        }
        final Object value = switch (token)
        {
            case VALUE_NUMBER_INT -> parser.getLongValue();
            case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_STRING -> parser.getText();
            default -> throw new IllegalArgumentException(name + " cannot be " + token);
        };
        field.setParsed(value, (Record)record);
    }
}

package io.ringbot.store.record;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A record type the bot declares: its name (the Firestore collection and the store file) and its typed
 * fields, which follow the engine's header ({@link Record}) in a fixed layout. Declared once, in static
 * fields, before the store opens; the field handles are what handlers read and write with:
 * <pre>
 *   static final RecordSchema USERS = RecordSchema.named("users");
 *   static final LongField BALANCE = USERS.longField("balance").defaultValue(100);
 *   static final StringField NICKNAME = USERS.stringField("nickname", 64);
 *
 *   long balance = ctx.user().get(BALANCE);
 *   ctx.user().set(BALANCE, balance - amount);
 * </pre>
 * The store seals a schema when it opens it: no field can be added after that.
 */
public final class RecordSchema
{
    /** Names of the header's fields, which a schema's fields cannot take. */
    public static final Set<String> HEADER_NAMES =
        Set.of("seq", "version", "syncedVersion", "id", "firstSeen", "lastSeen", "flags");

    private final String name;
    private final List<RecordField> fields = new ArrayList<>();
    private RecordField[] fieldArray = new RecordField[0];
    private int size = Record.HEADER_BYTES;
    private volatile boolean sealed;

    /** /healthz has a check per record type, named by it, beside these. */
    private static final String[] RESERVED_NAMES = {"engine", "ring", "journal", "firestore", "botApi", "webhook", "source", "disk"};

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");

    /**
     * @param name a would-be record type name (a collection and a file name).
     * @return whether it is a letter, then letters, digits, '_' or '-', at most 64 in all.
     */
    public static boolean isWellFormedName(final String name)
    {
        return name != null && NAME.matcher(name).matches();
    }

    private RecordSchema(final String name)
    {
        if (!isWellFormedName(name))
        {
            throw new IllegalArgumentException("a record type's name is a letter then letters, digits, '_' or '-' " +
                "(at most 64): '" + name + "'");
        }
        for (final String reserved : RESERVED_NAMES)
        {
            if (reserved.equalsIgnoreCase(name))
            {
                throw new IllegalArgumentException("'" + name + "' names one of /healthz's own checks (" +
                    String.join(", ", RESERVED_NAMES) + "), where each record type has a check of its name: " +
                    "choose another name for the record type");
            }
        }
        this.name = name;
    }

    /**
     * @param name the record type's name: its Firestore collection (before the configured prefix) and
     *             its store file ({@code <name>.cm3}); the user record type is {@code users}, the chat
     *             record type {@code chats}.
     * @return an empty schema to declare fields on.
     */
    public static RecordSchema named(final String name)
    {
        return new RecordSchema(name);
    }

    public LongField longField(final String name)
    {
        return add(new LongField(this, name));
    }

    public IntField intField(final String name)
    {
        return add(new IntField(this, name));
    }

    public BooleanField booleanField(final String name)
    {
        return add(new BooleanField(this, name));
    }

    public DoubleField doubleField(final String name)
    {
        return add(new DoubleField(this, name));
    }

    public TimestampField timestampField(final String name)
    {
        return add(new TimestampField(this, name));
    }

    /**
     * @param name     the field's name.
     * @param maxBytes the most UTF-8 bytes it holds (1 to 65,535); longer text is cut at a character.
     * @return the field.
     */
    public StringField stringField(final String name, final int maxBytes)
    {
        return add(new StringField(this, name, maxBytes));
    }

    /**
     * @param name  the field's name.
     * @param type  the enum; at most 127 constants, new ones added at the end.
     * @param <E>   the enum.
     * @return the field; its default is the first constant unless set.
     */
    public <E extends Enum<E>> EnumField<E> enumField(final String name, final Class<E> type)
    {
        final E[] constants = type.getEnumConstants();
        final String[] names = new String[constants.length];
        for (int i = 0; i < constants.length; i++)
        {
            names[i] = constants[i].name();
        }
        return add(new EnumField<>(this, name, constants, names));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    EnumField<?> enumField(final String name, final String[] names)
    {
        return add(new EnumField(this, name, null, names));
    }

    public String name()
    {
        return name;
    }

    /**
     * @return bytes per record, header included.
     */
    public int size()
    {
        return size;
    }

    /**
     * @return the declared fields, in layout order.
     */
    public List<RecordField> fields()
    {
        return Collections.unmodifiableList(fields);
    }

    /**
     * @param name a field's name.
     * @return the field, or null.
     */
    public RecordField field(final String name)
    {
        for (int i = 0; i < fieldArray.length; i++)
        {
            if (fieldArray[i].name.equals(name))
            {
                return fieldArray[i];
            }
        }
        return null;
    }

    RecordField[] fieldArray()
    {
        return fieldArray;
    }

    /**
     * Ends the declaration: the layout is final from here on.
     *
     * @return this.
     */
    public RecordSchema seal()
    {
        sealed = true;
        return this;
    }

    void checkOpen()
    {
        if (sealed)
        {
            throw new IllegalStateException("record type '" + name + "' is in use: declare its fields before the store opens");
        }
    }

    void rename(final RecordField field, final String documentName)
    {
        checkOpen();
        if (documentName == null || documentName.isEmpty() || RecordSchema.HEADER_NAMES.contains(documentName))
        {
            throw new IllegalArgumentException("field '" + field.name + "' cannot be stored as '" + documentName + "'");
        }
        for (final RecordField other : fields)
        {
            if (other != field && other.documentName.equals(documentName))
            {
                throw new IllegalArgumentException("document field '" + documentName + "' is taken by '" + other.name + "'");
            }
        }
        field.documentName = documentName;
    }

    private <F extends RecordField> F add(final F field)
    {
        checkOpen();
        final String fieldName = field.name;
        if (fieldName == null || !fieldName.matches("[A-Za-z_][A-Za-z0-9_]{0,127}"))
        {
            throw new IllegalArgumentException("a field's name is a letter or '_' then letters, digits or '_': '" +
                fieldName + "'");
        }
        if (HEADER_NAMES.contains(fieldName))
        {
            throw new IllegalArgumentException("'" + fieldName + "' is one of the engine's own fields " + HEADER_NAMES +
                ": name the field differently");
        }
        if (field(fieldName) != null)
        {
            throw new IllegalArgumentException("record type '" + name + "' already has a field '" + fieldName + "'");
        }
        for (final RecordField other : fields)
        {
            if (other.documentName.equals(fieldName))
            {
                throw new IllegalArgumentException("document field '" + fieldName + "' is taken by '" + other.name + "'");
            }
        }
        final int align = field.type == FieldType.STRING ? 2 : Math.min(field.width, 8);
        field.offset = (size + align - 1) / align * align;
        size = (field.offset + field.width + 7) / 8 * 8;
        fields.add(field);
        fieldArray = fields.toArray(new RecordField[0]);
        return field;
    }

    /**
     * @return the layout as the small JSON document the data folder records ({@code schema.json}).
     */
    public String toJson()
    {
        final StringBuilder out = new StringBuilder(256);
        out.append("{\"name\":");
        RecordField.appendQuoted(name, out);
        out.append(",\"size\":").append(size).append(",\"fields\":[");
        for (int i = 0; i < fieldArray.length; i++)
        {
            final RecordField f = fieldArray[i];
            out.append(i == 0 ? "" : ",").append("{\"name\":");
            RecordField.appendQuoted(f.name, out);
            out.append(",\"type\":\"").append(f.type.jsonName()).append("\",\"offset\":").append(f.offset);
            if (!f.documentName.equals(f.name))
            {
                out.append(",\"document\":");
                RecordField.appendQuoted(f.documentName, out);
            }
            if (f.type == FieldType.STRING)
            {
                out.append(",\"maxBytes\":").append(f.maxBytes());
            }
            if (f instanceof EnumField)
            {
                out.append(",\"constants\":[");
                final List<String> names = ((EnumField<?>)f).names();
                for (int n = 0; n < names.size(); n++)
                {
                    out.append(n == 0 ? "" : ",");
                    RecordField.appendQuoted(names.get(n), out);
                }
                out.append(']');
            }
            out.append('}');
        }
        return out.append("]}").toString();
    }

    /**
     * Reads a layout recorded by {@link #toJson()} (the inspection tool, a start that compares layouts).
     * Defaults are not recorded: a schema read this way has the types' zero defaults.
     *
     * @param json the document.
     * @return the schema, sealed.
     * @throws IllegalArgumentException when the document is not a layout or its offsets disagree.
     */
    public static RecordSchema fromJson(final String json)
    {
        try (JsonParser p = new JsonFactory().createParser(json))
        {
            expect(p.nextToken(), JsonToken.START_OBJECT);
            String name = null;
            int size = -1;
            final List<String[]> specs = new ArrayList<>();
            final List<List<String>> constants = new ArrayList<>();
            while (p.nextToken() == JsonToken.FIELD_NAME)
            {
                final String key = p.currentName();
                p.nextToken();
                switch (key)
                {
                    case "name" -> name = p.getText();
                    case "size" -> size = p.getIntValue();
                    case "fields" ->
                    {
                        expect(p.currentToken(), JsonToken.START_ARRAY);
                        while (p.nextToken() == JsonToken.START_OBJECT)
                        {
                            final String[] spec = new String[5];
                            final List<String> names = new ArrayList<>();
                            while (p.nextToken() == JsonToken.FIELD_NAME)
                            {
                                final String k = p.currentName();
                                p.nextToken();
                                switch (k)
                                {
                                    case "name" -> spec[0] = p.getText();
                                    case "type" -> spec[1] = p.getText();
                                    case "offset" -> spec[2] = p.getText();
                                    case "document" -> spec[3] = p.getText();
                                    case "maxBytes" -> spec[4] = p.getText();
                                    case "constants" ->
                                    {
                                        while (p.nextToken() == JsonToken.VALUE_STRING)
                                        {
                                            names.add(p.getText());
                                        }
                                    }
                                    default -> p.skipChildren();
                                }
                            }
                            specs.add(spec);
                            constants.add(names);
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            final RecordSchema schema = named(name);
            for (int i = 0; i < specs.size(); i++)
            {
                final String[] spec = specs.get(i);
                final RecordField field = switch (FieldType.ofJsonName(spec[1]))
                {
                    case LONG -> schema.longField(spec[0]);
                    case INT -> schema.intField(spec[0]);
                    case BOOLEAN -> schema.booleanField(spec[0]);
                    case DOUBLE -> schema.doubleField(spec[0]);
                    case TIMESTAMP -> schema.timestampField(spec[0]);
                    case ENUM -> schema.enumField(spec[0], constants.get(i).toArray(new String[0]));
                    case STRING -> schema.stringField(spec[0], Integer.parseInt(spec[4]));
                };
                if (spec[3] != null)
                {
                    schema.rename(field, spec[3]);
                }
                if (spec[2] != null && field.offset != Integer.parseInt(spec[2]))
                {
                    throw new IllegalArgumentException("field '" + spec[0] + "' is recorded at offset " + spec[2] +
                        ", this version lays it out at " + field.offset);
                }
            }
            if (size >= 0 && size != schema.size)
            {
                throw new IllegalArgumentException("layout of '" + name + "' is recorded as " + size +
                    " bytes, this version makes it " + schema.size);
            }
            return schema.seal();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("not a record layout: " + ex.getMessage(), ex);
        }
        catch (final RuntimeException ex)
        {
            throw new IllegalArgumentException("not a record layout: " + ex.getMessage(), ex);
        }
    }

    private static void expect(final JsonToken token, final JsonToken expected) throws IOException
    {
        if (token != expected)
        {
            throw new IOException("expected " + expected + ", found " + token);
        }
    }

    public String toString()
    {
        return name;
    }
}

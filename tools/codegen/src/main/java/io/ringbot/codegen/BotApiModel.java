package io.ringbot.codegen;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Bot API spec (the JSON of github.com/PaulSonOfLars/telegram-bot-api-spec) read into what the generator
 * needs: types with their fields, unions with their variants and the field that tells them apart, and the
 * fixed-value strings the descriptions list.
 */
final class BotApiModel
{
    /** A field's description lists its values: "can be either "private", "group" ...". */
    private static final Pattern ENUM_PHRASE = Pattern.compile(
        "(can be either|can be one of|currently one of|must be one of|Currently, can be|currently can be|" +
            "it can be one of|Currently, either|can be \")", Pattern.CASE_INSENSITIVE);
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");
    private static final Pattern ALWAYS = Pattern.compile("always \"([a-z][a-z0-9_]*)\"");
    private static final Pattern WIRE_VALUE = Pattern.compile("[a-z][a-z0-9_]*");

    record Field(String name, List<String> types, boolean required, String description)
    {
        boolean single()
        {
            return types.size() == 1;
        }

        String type()
        {
            return types.get(0);
        }
    }

    record Type(String name, String description, List<Field> fields, List<String> subtypes)
    {
        boolean isUnion()
        {
            return !subtypes.isEmpty();
        }
    }

    /** A generated enum: its class name and the wire values, in the spec's order. */
    record EnumType(String name, List<String> values, String description)
    {
    }

    /** How a union's variants are told apart. */
    record Union(String name, String field, EnumType kinds, List<String> variantOfValue, String zeroVariant)
    {
        boolean byZeroField()
        {
            return zeroVariant != null;
        }
    }

    final String version;
    final Map<String, Type> types = new LinkedHashMap<>();
    final Map<String, JsonNode> methods = new LinkedHashMap<>();
    /** Enums by "Type.field" (a union's discriminator field maps to the union's kind enum in each variant). */
    final Map<String, EnumType> fieldEnums = new LinkedHashMap<>();
    final Map<String, EnumType> enums = new LinkedHashMap<>();
    final Map<String, Union> unions = new LinkedHashMap<>();
    /** A union's variants that are no object ("String", "Array of RichText"), by union. */
    final Map<String, List<String>> rawVariants = new LinkedHashMap<>();

    BotApiModel(final JsonNode root)
    {
        version = root.path("version").asText();
        root.path("types").fields().forEachRemaining(e -> types.put(e.getKey(), readType(e.getValue())));
        // a union's variants are object types; RichText also lists "String" and "Array of RichText", whose
        // values are no object: its view reads the object variants (a plain string reads as absent)
        for (final Map.Entry<String, Type> e : types.entrySet())
        {
            final Type type = e.getValue();
            if (type.isUnion())
            {
                final List<String> objects = new ArrayList<>(type.subtypes());
                objects.removeIf(s -> !types.containsKey(s));
                final List<String> raw = new ArrayList<>(type.subtypes());
                raw.removeAll(objects);
                if (!raw.isEmpty())
                {
                    rawVariants.put(type.name(), raw);
                }
                e.setValue(new Type(type.name(), type.description(), type.fields(), objects));
            }
        }
        root.path("methods").fields().forEachRemaining(e -> methods.put(e.getKey(), e.getValue()));
        for (final Type type : types.values())
        {
            if (type.isUnion())
            {
                readUnion(type);
            }
        }
        for (final Type type : types.values())
        {
            for (final Field field : type.fields())
            {
                final String key = type.name() + "." + field.name();
                if (!fieldEnums.containsKey(key) && field.single() && field.type().equals("String"))
                {
                    final List<String> values = listedValues(field.description());
                    if (values != null)
                    {
                        fieldEnums.put(key, enumOf(values, type.name() + upperCamel(field.name()),
                            field.description()));
                    }
                }
            }
        }
    }

    private static Type readType(final JsonNode node)
    {
        final List<Field> fields = new ArrayList<>();
        for (final JsonNode f : node.path("fields"))
        {
            final List<String> types = new ArrayList<>();
            f.path("types").forEach(t -> types.add(t.asText()));
            fields.add(new Field(f.path("name").asText(), types, f.path("required").asBoolean(),
                f.path("description").asText()));
        }
        final List<String> subtypes = new ArrayList<>();
        node.path("subtypes").forEach(s -> subtypes.add(s.asText()));
        final StringBuilder description = new StringBuilder();
        node.path("description").forEach(d -> description.append(description.length() == 0 ? "" : " ").append(d.asText()));
        return new Type(node.path("name").asText(), description.toString(), fields, subtypes);
    }

    /** A union's common fields: those every variant has, with the same types. */
    List<Field> commonFields(final Type union)
    {
        final List<Field> common = new ArrayList<>();
        final Type first = types.get(union.subtypes().get(0));
        for (final Field field : first.fields())
        {
            boolean everywhere = true;
            for (final String subtype : union.subtypes())
            {
                final Field other = field(types.get(subtype), field.name());
                everywhere &= other != null && other.types().equals(field.types());
            }
            if (everywhere)
            {
                common.add(new Field(field.name(), field.types(), field.required(), field.description()));
            }
        }
        return common;
    }

    static Field field(final Type type, final String name)
    {
        for (final Field field : type.fields())
        {
            if (field.name().equals(name))
            {
                return field;
            }
        }
        return null;
    }

    private void readUnion(final Type union)
    {
        for (final Field field : commonFields(union))
        {
            if (!field.single() || !field.type().equals("String"))
            {
                continue;
            }
            final List<String> values = new ArrayList<>();
            for (final String subtype : union.subtypes())
            {
                final Matcher m = ALWAYS.matcher(field(types.get(subtype), field.name()).description());
                if (m.find())
                {
                    values.add(m.group(1));
                }
            }
            if (values.size() == union.subtypes().size())
            {
                final String fieldCamel = upperCamel(field.name());
                final String name = union.name().endsWith(fieldCamel) ? union.name() + "Kind" : union.name() + fieldCamel;
                final EnumType kinds = enumOf(values, name, "Which variant a " + union.name() + " is, by its " +
                    field.name() + " field.");
                unions.put(union.name(), new Union(union.name(), field.name(), kinds, union.subtypes(), null));
                fieldEnums.put(union.name() + "." + field.name(), kinds);
                for (final String subtype : union.subtypes())
                {
                    fieldEnums.putIfAbsent(subtype + "." + field.name(), kinds);
                }
                return;
            }
        }
        // MaybeInaccessibleMessage: the inaccessible variant's date is "Always 0"
        if (union.subtypes().size() == 2)
        {
            for (final Field field : commonFields(union))
            {
                for (final String subtype : union.subtypes())
                {
                    if (field.single() && field.type().equals("Integer") &&
                        field(types.get(subtype), field.name()).description().startsWith("Always 0"))
                    {
                        final List<String> values = new ArrayList<>();
                        for (final String s : union.subtypes())
                        {
                            values.add(snake(s));
                        }
                        final EnumType kinds = enumOf(values, union.name() + "Kind", "Which variant a " +
                            union.name() + " is (by its " + field.name() + " field: 0 for " + subtype + ").");
                        unions.put(union.name(), new Union(union.name(), field.name(), kinds, union.subtypes(), subtype));
                        return;
                    }
                }
            }
        }
    }

    private EnumType enumOf(final List<String> values, final String preferredName, final String description)
    {
        final String key = String.join(",", values);
        EnumType existing = enums.get(key);
        if (existing == null)
        {
            if (types.containsKey(preferredName))
            {
                throw new IllegalStateException("enum name " + preferredName + " is a Bot API type");
            }
            existing = new EnumType(preferredName, List.copyOf(values), description);
            enums.put(key, existing);
        }
        return existing;
    }

    /** @return the values a description lists, or null when it lists none (or any that is no plain word). */
    static List<String> listedValues(final String description)
    {
        final Matcher phrase = ENUM_PHRASE.matcher(description);
        if (!phrase.find())
        {
            return null;
        }
        final List<String> values = new ArrayList<>();
        final Matcher quoted = QUOTED.matcher(description.substring(phrase.start()));
        while (quoted.find())
        {
            final String value = quoted.group(1);
            if (!WIRE_VALUE.matcher(value).matches())
            {
                return null;
            }
            if (!values.contains(value))
            {
                values.add(value);
            }
        }
        return values.size() >= 2 ? values : null;
    }

    static String upperCamel(final String snake)
    {
        final String camel = lowerCamel(snake);
        return Character.toUpperCase(camel.charAt(0)) + camel.substring(1);
    }

    static String lowerCamel(final String snake)
    {
        final StringBuilder out = new StringBuilder();
        boolean upper = false;
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

    /** "sendMessage" and "InaccessibleMessage" to "send_message" and "inaccessible_message". */
    static String snake(final String camel)
    {
        final StringBuilder out = new StringBuilder();
        for (int i = 0; i < camel.length(); i++)
        {
            final char c = camel.charAt(i);
            if (Character.isUpperCase(c) && i > 0)
            {
                out.append('_');
            }
            out.append(Character.toLowerCase(c));
        }
        return out.toString();
    }

    static String constant(final String value)
    {
        final String upper = value.toUpperCase(Locale.ROOT);
        return Character.isDigit(upper.charAt(0)) ? "_" + upper : upper;
    }
}

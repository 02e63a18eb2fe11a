package io.ringbot.store.record;

/**
 * The kinds of field a record holds, each with its fixed width in the record and its Firestore type.
 */
public enum FieldType
{
    /** A signed 64-bit integer; Firestore integer. */
    LONG("long", "integer"),
    /** A signed 32-bit integer; Firestore integer. */
    INT("int", "integer"),
    /** true or false; Firestore boolean. */
    BOOLEAN("boolean", "boolean"),
    /** A 64-bit floating point number; Firestore double. */
    DOUBLE("double", "double"),
    /** Epoch milliseconds, 0 for unset; Firestore timestamp (null for unset). */
    TIMESTAMP("timestamp", "timestamp"),
    /** One of a Java enum's constants (at most 127); Firestore string (the constant's name). */
    ENUM("enum", "string"),
    /** UTF-8 text of at most a given number of bytes; Firestore string. */
    STRING("string", "string");

    private final String jsonName;
    private final String firestoreType;

    FieldType(final String jsonName, final String firestoreType)
    {
        this.jsonName = jsonName;
        this.firestoreType = firestoreType;
    }

    /**
     * @return the name in the layout file ({@code schema.json}).
     */
    public String jsonName()
    {
        return jsonName;
    }

    /**
     * @return the Firestore value type the field is written as.
     */
    public String firestoreType()
    {
        return firestoreType;
    }

    /**
     * @param name a {@link #jsonName()}.
     * @return the type.
     * @throws IllegalArgumentException for an unknown name.
     */
    public static FieldType ofJsonName(final String name)
    {
        for (final FieldType type : values())
        {
            if (type.jsonName.equals(name))
            {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown field type '" + name + "'");
    }
}

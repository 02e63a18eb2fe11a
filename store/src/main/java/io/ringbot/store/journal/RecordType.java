package io.ringbot.store.journal;

/**
 * The kinds of record the journal writes, each to its own Firestore collection (before the configured
 * prefix: {@code FIRESTORE_COLLECTION_PREFIX=prod_} makes {@code prod_users}).
 */
public enum RecordType
{
    USER("users"),
    CHAT("chats");

    private static final RecordType[] VALUES = values();

    private final String collection;

    RecordType(final String collection)
    {
        this.collection = collection;
    }

    /**
     * @return the collection name without prefix.
     */
    public String collection()
    {
        return collection;
    }

    /**
     * @param ordinal a value of {@link #ordinal()}.
     * @return the type, without the array copy {@link #values()} makes.
     */
    public static RecordType get(final int ordinal)
    {
        return VALUES[ordinal];
    }
}

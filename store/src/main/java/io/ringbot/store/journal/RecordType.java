package io.ringbot.store.journal;

import java.util.Objects;

/**
 * A record type as the journal routes it: its index in the store's tables ({@code StateStore.tables()})
 * and its Firestore collection (before the configured prefix: {@code FIRESTORE_COLLECTION_PREFIX=prod_}
 * makes {@code prod_users}). Users are always index 0 and chats index 1; the further record types a bot
 * declares ({@code orders}, ...) follow in declaration order. The store creates the descriptors of the
 * further types; two descriptors with the same index and collection are equal.
 */
public final class RecordType
{
    /** The users' records: the sender of an update, other users. */
    public static final RecordType USER = new RecordType(0, "users");
    /** The chats' records. */
    public static final RecordType CHAT = new RecordType(1, "chats");
    /** Indexes below this are the user and chat types. */
    public static final int FIRST_FURTHER_INDEX = 2;

    private final int index;
    private final String collection;

    private RecordType(final int index, final String collection)
    {
        this.index = index;
        this.collection = Objects.requireNonNull(collection, "collection");
    }

    /**
     * @param index      the type's index in the store's tables.
     * @param collection the record type's name, its collection without prefix.
     * @return the descriptor ({@link #USER} or {@link #CHAT} for their indexes).
     * @throws IllegalArgumentException when the index is negative, or 0/1 with another name than users/chats.
     */
    public static RecordType of(final int index, final String collection)
    {
        if (index == USER.index || index == CHAT.index)
        {
            final RecordType fixed = index == USER.index ? USER : CHAT;
            if (!fixed.collection.equals(collection))
            {
                throw new IllegalArgumentException("record type " + index + " is '" + fixed.collection + "', not '" +
                    collection + "'");
            }
            return fixed;
        }
        if (index < 0)
        {
            throw new IllegalArgumentException("a record type's index is at least 0, was " + index);
        }
        return new RecordType(index, collection);
    }

    /**
     * @return the index of its table in the store, and of its entries in the journal's change log.
     */
    public int index()
    {
        return index;
    }

    /**
     * @return the collection name without prefix (the record type's name).
     */
    public String collection()
    {
        return collection;
    }

    public boolean equals(final Object other)
    {
        return other instanceof RecordType && ((RecordType)other).index == index &&
            ((RecordType)other).collection.equals(collection);
    }

    public int hashCode()
    {
        return index * 31 + collection.hashCode();
    }

    public String toString()
    {
        return collection;
    }
}

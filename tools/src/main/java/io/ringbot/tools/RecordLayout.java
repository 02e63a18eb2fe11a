package io.ringbot.tools;

import io.ringbot.store.StateStore;
import io.ringbot.store.record.ChatRecord;
import io.ringbot.store.record.UserRecord;
import net.openhft.chronicle.values.Values;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

/**
 * What the tool knows about one kind of record ({@code user} or {@code chat}): its map file, its value
 * interface and its fields in JSON order. {@code seq} is not a field: a consistent read always sees it
 * even, and an import writes it as 0.
 *
 * @param <V> the record's value interface
 */
final class RecordLayout<V>
{
    static final RecordLayout<UserRecord> USER = new RecordLayout<>(
        "user", "users", StateStore.USERS_FILE, UserRecord.class,
        UserRecord::getVolatileSeq, UserRecord::getId, UserRecord::getVersion, UserRecord::getSyncedVersion,
        List.of(
            RecordField.ofLong("id", UserRecord::getId, UserRecord::setId),
            RecordField.ofLong("version", UserRecord::getVersion, UserRecord::setOrderedVersion),
            RecordField.ofLong("syncedVersion", UserRecord::getSyncedVersion, UserRecord::setOrderedSyncedVersion),
            RecordField.ofLong("firstSeenMillis", UserRecord::getFirstSeenMillis, UserRecord::setFirstSeenMillis),
            RecordField.ofLong("lastSeenMillis", UserRecord::getLastSeenMillis, UserRecord::setLastSeenMillis),
            RecordField.ofLong("messageCount", UserRecord::getMessageCount, UserRecord::setMessageCount),
            RecordField.ofInt("flags", UserRecord::getFlags, (r, v) -> r.setFlags((int)v)),
            RecordField.ofText("firstName", UserRecord.MAX_NAME_BYTES, UserRecord::getFirstName, UserRecord::setFirstName),
            RecordField.ofText("lastName", UserRecord.MAX_NAME_BYTES, UserRecord::getLastName, UserRecord::setLastName),
            RecordField.ofText("username", UserRecord.MAX_USERNAME_BYTES, UserRecord::getUsername, UserRecord::setUsername),
            RecordField.ofText(
                "languageCode", UserRecord.MAX_LANGUAGE_BYTES, UserRecord::getLanguageCode, UserRecord::setLanguageCode)));

    static final RecordLayout<ChatRecord> CHAT = new RecordLayout<>(
        "chat", "chats", StateStore.CHATS_FILE, ChatRecord.class,
        ChatRecord::getVolatileSeq, ChatRecord::getId, ChatRecord::getVersion, ChatRecord::getSyncedVersion,
        List.of(
            RecordField.ofLong("id", ChatRecord::getId, ChatRecord::setId),
            RecordField.ofLong("version", ChatRecord::getVersion, ChatRecord::setOrderedVersion),
            RecordField.ofLong("syncedVersion", ChatRecord::getSyncedVersion, ChatRecord::setOrderedSyncedVersion),
            RecordField.ofLong("messageCount", ChatRecord::getMessageCount, ChatRecord::setMessageCount),
            RecordField.ofLong("likeCount", ChatRecord::getLikeCount, ChatRecord::setLikeCount),
            RecordField.ofLong("lastMessageMillis", ChatRecord::getLastMessageMillis, ChatRecord::setLastMessageMillis),
            RecordField.ofText("type", ChatRecord.MAX_TYPE_BYTES, ChatRecord::getType, ChatRecord::setType),
            RecordField.ofText("title", ChatRecord.MAX_TITLE_BYTES, ChatRecord::getTitle, ChatRecord::setTitle)));

    private final String kind;
    private final String mapName;
    private final String fileName;
    private final Class<V> type;
    private final ToLongFunction<V> volatileSeq;
    private final ToLongFunction<V> id;
    private final ToLongFunction<V> version;
    private final ToLongFunction<V> syncedVersion;
    private final List<RecordField<V>> fields;
    private final Map<String, RecordField<V>> byName;

    private RecordLayout(
        final String kind,
        final String mapName,
        final String fileName,
        final Class<V> type,
        final ToLongFunction<V> volatileSeq,
        final ToLongFunction<V> id,
        final ToLongFunction<V> version,
        final ToLongFunction<V> syncedVersion,
        final List<RecordField<V>> fields)
    {
        this.kind = kind;
        this.mapName = mapName;
        this.fileName = fileName;
        this.type = type;
        this.volatileSeq = volatileSeq;
        this.id = id;
        this.version = version;
        this.syncedVersion = syncedVersion;
        this.fields = fields;
        this.byName = fields.stream().collect(Collectors.toMap(RecordField::name, Function.identity()));
    }

    /**
     * @param kind {@code user} or {@code chat}, as typed on the command line.
     * @return the layout.
     * @throws IllegalArgumentException for anything else.
     */
    static RecordLayout<?> of(final String kind)
    {
        return switch (kind)
        {
            case "user", "users" -> USER;
            case "chat", "chats" -> CHAT;
            default -> throw new IllegalArgumentException("expected user or chat, was '" + kind + "'");
        };
    }

    /** @return {@code user} or {@code chat}. */
    String kind()
    {
        return kind;
    }

    /** @return the Chronicle map's name, also the plural for messages. */
    String mapName()
    {
        return mapName;
    }

    String fileName()
    {
        return fileName;
    }

    Class<V> type()
    {
        return type;
    }

    List<RecordField<V>> fields()
    {
        return fields;
    }

    /**
     * @param name a JSON field name.
     * @return the field, or null when the record has none of that name.
     */
    RecordField<V> field(final String name)
    {
        return byName.get(name);
    }

    String fieldNames()
    {
        return fields.stream().map(RecordField::name).collect(Collectors.joining(", "));
    }

    V newHeapInstance()
    {
        return Values.newHeapInstance(type);
    }

    V newNativeReference()
    {
        return Values.newNativeReference(type);
    }

    long volatileSeq(final V record)
    {
        return volatileSeq.applyAsLong(record);
    }

    long id(final V record)
    {
        return id.applyAsLong(record);
    }

    long version(final V record)
    {
        return version.applyAsLong(record);
    }

    long syncedVersion(final V record)
    {
        return syncedVersion.applyAsLong(record);
    }

    /**
     * @param record a consistent copy.
     * @return true when the journal has a change of it to write (version &gt; syncedVersion).
     */
    boolean isPending(final V record)
    {
        return version.applyAsLong(record) > syncedVersion.applyAsLong(record);
    }
}

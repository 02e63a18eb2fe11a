package io.ringbot.tools;

import io.ringbot.store.StateStore;
import io.ringbot.store.record.Record;
import io.ringbot.store.record.RecordSchema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What the tool knows about one record type ({@code user} or {@code chat}): its map file and its fields
 * in JSON order, the engine's header first, then the bot's fields as the data folder records them
 * ({@code users.schema.json}): the tool needs no bot code. {@code seq} is not a field: a consistent read
 * always sees it even, and an import writes it as 0.
 *
 * @param <V> always {@link Record} (kept generic for the commands' signatures)
 */
final class RecordLayout<V>
{
    private final String kind;
    private final String mapName;
    private RecordSchema schema;
    private List<RecordField<V>> fields;

    private RecordLayout(final String kind, final String mapName)
    {
        this.kind = kind;
        this.mapName = mapName;
    }

    /**
     * @param kind {@code user}, {@code chat}, or the name of a further record type ({@code orders}), as
     *             typed on the command line.
     * @return the layout, to {@link #load} from a data folder before use.
     * @throws IllegalArgumentException when it cannot name a record type.
     */
    static RecordLayout<?> of(final String kind)
    {
        return switch (kind)
        {
            case "user", "users" -> new RecordLayout<Record>("user", "users");
            case "chat", "chats" -> new RecordLayout<Record>("chat", "chats");
            default ->
            {
                if (!RecordSchema.isWellFormedName(kind))
                {
                    throw new IllegalArgumentException("expected user, chat or a record type's name, was '" + kind + "'");
                }
                yield new RecordLayout<Record>(kind, kind);
            }
        };
    }

    /**
     * @param folder a data folder.
     * @return users, chats, then every further record type whose layout the folder records, by name.
     */
    static List<RecordLayout<?>> all(final DataFolder folder)
    {
        final List<RecordLayout<?>> layouts = new ArrayList<>();
        layouts.add(of("user"));
        layouts.add(of("chat"));
        final List<String> further = new ArrayList<>();
        try (java.util.stream.Stream<Path> files = Files.list(folder.dir()))
        {
            files.map(f -> f.getFileName().toString())
                .filter(n -> n.endsWith(StateStore.SCHEMA_SUFFIX))
                .map(n -> n.substring(0, n.length() - StateStore.SCHEMA_SUFFIX.length()))
                .filter(n -> !"users".equals(n) && !"chats".equals(n) && RecordSchema.isWellFormedName(n))
                .sorted()
                .forEach(further::add);
        }
        catch (final IOException ex)
        {
            // an unreadable folder shows up as absent maps
        }
        for (final String name : further)
        {
            layouts.add(of(name));
        }
        return layouts;
    }

    /**
     * Reads the layout the data folder records.
     *
     * @param folder the data folder.
     * @return this.
     */
    RecordLayout<V> load(final DataFolder folder)
    {
        return load(folder, null);
    }

    /**
     * Reads the layout the data folder records, or else the given layout file (an import into a new folder).
     *
     * @param folder   the data folder.
     * @param fallback a {@code <type>.schema.json} to use when the folder records none, or null.
     * @return this.
     */
    @SuppressWarnings("unchecked")
    RecordLayout<V> load(final DataFolder folder, final Path fallback)
    {
        if (schema != null)
        {
            return this;
        }
        final Path recorded = StateStore.schemaFile(folder.dir(), mapName);
        final Path file = Files.exists(recorded) || fallback == null ? recorded : fallback;
        if (!Files.exists(file) && !"users".equals(mapName) && !"chats".equals(mapName))
        {
            // a usage error: the name is not one of the folder's record types
            throw new ToolException(InspectTool.EXIT_REFUSED, "expected user or chat, or a record type the folder " +
                "records, was '" + mapName + "': no record type '" + mapName + "' in " + folder.dir() + " (no " +
                recorded.getFileName() + "); it holds " + recordedNames(folder) +
                (fallback == null ? "" : "; an import into a new folder takes --layout <" + mapName + ".schema.json>"));
        }
        try
        {
            schema = Files.exists(file) ? RecordSchema.fromJson(Files.readString(file, StandardCharsets.UTF_8)) :
                RecordSchema.named(mapName).seal();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read " + file + ": " + ex.getMessage(), ex);
        }
        final List<RecordField<V>> list = new ArrayList<>();
        list.add((RecordField<V>)RecordField.header("id", Record::id, Record::id));
        list.add((RecordField<V>)RecordField.header("version", Record::version, Record::orderedVersion));
        list.add((RecordField<V>)RecordField.header("syncedVersion", Record::syncedVersion, Record::orderedSyncedVersion));
        list.add((RecordField<V>)RecordField.header("firstSeenMillis", Record::firstSeenMillis, Record::firstSeenMillis));
        list.add((RecordField<V>)RecordField.header("lastSeenMillis", Record::lastSeenMillis, Record::lastSeenMillis));
        list.add((RecordField<V>)RecordField.header("flags", Record::flags, Record::flags));
        for (final io.ringbot.store.record.RecordField field : schema.fields())
        {
            list.add((RecordField<V>)RecordField.of(field));
        }
        fields = list;
        return this;
    }

    private static String recordedNames(final DataFolder folder)
    {
        return all(folder).stream().map(RecordLayout::mapName).collect(Collectors.joining(", "));
    }

    /** @return {@code user}, {@code chat} or a further type's name. */
    String kind()
    {
        return kind;
    }

    /** @return the map's name, also the plural for messages. */
    String mapName()
    {
        return mapName;
    }

    String fileName()
    {
        return mapName + StateStore.MAP_SUFFIX;
    }

    RecordSchema schema()
    {
        return schema;
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
        for (final RecordField<V> field : fields)
        {
            if (field.name().equals(name))
            {
                return field;
            }
        }
        return null;
    }

    String fieldNames()
    {
        return fields.stream().map(RecordField::name).collect(Collectors.joining(", "));
    }

    @SuppressWarnings("unchecked")
    V newHeapInstance()
    {
        return (V)Record.heap(schema);
    }

    @SuppressWarnings("unchecked")
    V newNativeReference()
    {
        return (V)Record.flyweight(schema);
    }

    long volatileSeq(final V record)
    {
        return ((Record)record).volatileSeq();
    }

    long id(final V record)
    {
        return ((Record)record).id();
    }

    long version(final V record)
    {
        return ((Record)record).version();
    }

    long syncedVersion(final V record)
    {
        return ((Record)record).syncedVersion();
    }

    /**
     * @param record a consistent copy.
     * @return true when the journal has a change of it to write (version &gt; syncedVersion).
     */
    boolean isPending(final V record)
    {
        return version(record) > syncedVersion(record);
    }
}

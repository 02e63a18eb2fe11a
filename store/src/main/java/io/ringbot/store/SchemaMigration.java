package io.ringbot.store;

import io.ringbot.store.record.EnumField;
import io.ringbot.store.record.FieldType;
import io.ringbot.store.record.Record;
import io.ringbot.store.record.RecordField;
import io.ringbot.store.record.RecordMaps;
import io.ringbot.store.record.RecordSchema;
import io.ringbot.store.record.RecordTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Brings a record type's map to the bot's schema before the store opens it, when the layout the data
 * folder records ({@code users.schema.json}) differs.
 * <p>
 * Allowed changes: a field added (it takes its default), removed, a string widened, an enum with
 * constants added at the end, a renamed document field, and lossless type changes (int to long or
 * double, long and timestamp either way). Anything else (a narrower string, long to int, a fraction to
 * an integer, reordered enum constants) refuses to start with a message naming the field.
 * <pre>
 *   1. users.cm3.migrating      every record copied into the new layout (header as is: what the
 *                               journal had not written yet stays pending), forced to disk
 *   2. users.schema.json.migrating   the new layout, forced
 *   3. users.migration          the commit point, written and forced: from here the new files win
 *   4. renames over users.cm3 and users.schema.json, the folder forced, the commit file deleted
 * </pre>
 * A crash before step 3 leaves the old files untouched (the next start deletes the partial new files and
 * migrates again); a crash after it leaves a commit file, and the next start finishes the renames. Either
 * way the folder opens with one whole layout, never half of each.
 */
final class SchemaMigration
{
    static final String MIGRATING_SUFFIX = ".migrating";
    static final String COMMIT_SUFFIX = ".migration";
    /** For crash tests: the step after which the process halts (as kill -9 would). */
    static final String CRASH_AT_PROPERTY = "ringbot.migration.crashAt";

    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigration.class);

    private SchemaMigration()
    {
    }

    static void prepare(final Path dataDir, final RecordSchema schema, final long capacity) throws IOException
    {
        final String name = schema.name();
        final Path map = StateStore.mapFile(dataDir, name);
        final Path layoutFile = StateStore.schemaFile(dataDir, name);
        final Path newMap = sibling(map, MIGRATING_SUFFIX);
        final Path newLayout = sibling(layoutFile, MIGRATING_SUFFIX);
        final Path commit = dataDir.resolve(name + COMMIT_SUFFIX);
        if (Files.exists(commit))
        {
            finish(newMap, map, newLayout, layoutFile, commit);
        }
        Files.deleteIfExists(newMap);
        Files.deleteIfExists(newLayout);
        if (!Files.exists(map) || !Files.exists(layoutFile))
        {
            return;
        }
        final String recordedJson = Files.readString(layoutFile, StandardCharsets.UTF_8);
        if (recordedJson.equals(schema.toJson()))
        {
            return;
        }
        final RecordSchema recorded = RecordSchema.fromJson(recordedJson);
        final String refusal = refusal(recorded, schema);
        if (refusal != null)
        {
            throw new IllegalStateException("the data folder holds '" + name + "' records that the bot's schema " +
                "cannot take: " + refusal + ". Start with the schema the folder was written with (or a compatible " +
                "change: fields added or removed, strings widened, int to long), or move " + map.getFileName() +
                " and " + layoutFile.getFileName() + " away (records then load from Firestore again)");
        }
        LOG.warn("{}: the record layout changed ({}): migrating {}", name, SchemaMigration.difference(recorded, schema), map);
        final long copied = copy(recorded, map, schema, newMap, capacity);
        crashPoint(1);
        writeDurably(newLayout, schema.toJson());
        crashPoint(2);
        writeDurably(commit, "migrating " + name + " to " + newMap.getFileName());
        crashPoint(3);
        finish(newMap, map, newLayout, layoutFile, commit);
        LOG.warn("{}: migrated {} records to the new layout", name, copied);
    }

    private static void finish(final Path newMap, final Path map, final Path newLayout, final Path layoutFile, final Path commit)
        throws IOException
    {
        if (Files.exists(newMap))
        {
            Files.move(newMap, map, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        crashPoint(4);
        if (Files.exists(newLayout))
        {
            Files.move(newLayout, layoutFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        forceFolder(map.getParent());
        crashPoint(5);
        Files.delete(commit);
        forceFolder(map.getParent());
    }

    private static long copy(final RecordSchema from, final Path fromFile, final RecordSchema to, final Path toFile,
        final long capacity) throws IOException
    {
        final long[] copied = new long[1];
        try (RecordTable source = RecordMaps.open(from, fromFile.toFile(), capacity, 1, true);
            RecordTable target = RecordMaps.open(to, toFile.toFile(), Math.max(capacity, source.size()), 1, false))
        {
            final List<RecordField> toFields = to.fields();
            RecordMaps.forEach(source.map(), Record.flyweight(from), (id, old) ->
            {
                final Record r = target.acquire(id);
                r.orderedSeq((old.seq() + 1) & ~1L); // a write a crash interrupted is closed, as at recovery
                r.orderedVersion(old.version() + ((old.seq() & 1) != 0 ? 1 : 0));
                r.orderedSyncedVersion(old.syncedVersion());
                r.id(old.id());
                r.firstSeenMillis(old.firstSeenMillis());
                r.lastSeenMillis(old.lastSeenMillis());
                r.flags(old.flags());
                for (int i = 0; i < toFields.size(); i++)
                {
                    final RecordField field = toFields.get(i);
                    final RecordField was = from.field(field.name());
                    if (was == null)
                    {
                        field.writeDefault(r);
                    }
                    else
                    {
                        field.setParsed(was.value(old), r);
                    }
                }
                copied[0]++;
            });
        }
        try (FileChannel channel = FileChannel.open(toFile, StandardOpenOption.WRITE))
        {
            channel.force(true);
        }
        return copied[0];
    }

    /**
     * @return why the change would lose data, or null when every recorded field converts losslessly.
     */
    static String refusal(final RecordSchema recorded, final RecordSchema schema)
    {
        for (final RecordField old : recorded.fields())
        {
            final RecordField now = schema.field(old.name());
            if (now == null)
            {
                continue;
            }
            final FieldType a = old.type();
            final FieldType b = now.type();
            final String field = "field '" + old.name() + "' ";
            if (a == FieldType.STRING && b == FieldType.STRING)
            {
                if (now.maxBytes() < old.maxBytes())
                {
                    return field + "narrows from " + old.maxBytes() + " to " + now.maxBytes() + " bytes (text could be cut)";
                }
            }
            else if (a == FieldType.ENUM && b == FieldType.ENUM)
            {
                final List<String> was = ((EnumField<?>)old).names();
                final List<String> is = ((EnumField<?>)now).names();
                if (is.size() < was.size() || !is.subList(0, was.size()).equals(was))
                {
                    return field + "changes its constants from " + was + " to " + is + " (add new ones at the end only)";
                }
            }
            else if (a != b && !lossless(a, b))
            {
                return field + "changes from " + a.jsonName() + " to " + b.jsonName() + " (values could be lost)";
            }
        }
        return null;
    }

    private static boolean lossless(final FieldType from, final FieldType to)
    {
        return switch (from)
        {
            case INT -> to == FieldType.LONG || to == FieldType.DOUBLE || to == FieldType.TIMESTAMP;
            case LONG -> to == FieldType.TIMESTAMP;
            case TIMESTAMP -> to == FieldType.LONG;
            default -> false;
        };
    }

    /**
     * @return the first difference between two layouts, in words.
     */
    static String difference(final RecordSchema recorded, final RecordSchema schema)
    {
        for (final RecordField old : recorded.fields())
        {
            final RecordField now = schema.field(old.name());
            if (now == null)
            {
                return "field '" + old.name() + "' was removed";
            }
            if (now.type() != old.type())
            {
                return "field '" + old.name() + "' changed from " + old.type().jsonName() + " to " + now.type().jsonName();
            }
            if (now.maxBytes() != old.maxBytes())
            {
                return "field '" + old.name() + "' changed from " + old.maxBytes() + " to " + now.maxBytes() + " bytes";
            }
        }
        for (final RecordField now : schema.fields())
        {
            if (recorded.field(now.name()) == null)
            {
                return "field '" + now.name() + "' was added";
            }
        }
        return "fields moved, were renamed in Firestore, or gained constants";
    }

    /**
     * Writes a small file so that it is whole or absent after a crash: a temporary file, forced, then
     * renamed over the target, then the folder forced.
     */
    static void writeDurably(final Path file, final String text) throws IOException
    {
        final Path temporary = sibling(file, ".tmp");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING))
        {
            channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
            channel.force(true);
        }
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceFolder(file.getParent());
    }

    static void forceFolder(final Path folder)
    {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ))
        {
            channel.force(true);
        }
        catch (final IOException ignore)
        {
            // not every file system lets a folder be opened for force
        }
    }

    private static Path sibling(final Path file, final String suffix)
    {
        return file.resolveSibling(file.getFileName() + suffix);
    }

    private static void crashPoint(final int step)
    {
        if (Integer.toString(step).equals(System.getProperty(CRASH_AT_PROPERTY)))
        {
            Runtime.getRuntime().halt(137);
        }
    }
}

package io.ringbot.store;

import io.ringbot.store.record.Record;
import io.ringbot.store.record.RecordField;
import io.ringbot.store.record.RecordMaps;
import io.ringbot.store.record.RecordSchema;
import io.ringbot.store.record.RecordTable;
import io.ringbot.store.record.StringField;
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
import java.util.stream.Stream;

/**
 * Brings a record type's map to the bot's schema before the store opens it, when the layout the data
 * folder records ({@code users.schema.json}) differs; {@link LayoutCheck} decided before that the change
 * is allowed (lossless, or a drop DROP_FIELDS names).
 * <p>
 * Every record is copied field by field by name: a field added takes its default, a removed one is left
 * behind, a value converts to the new type (int to long, a wider string, an enum constant by its name).
 * A value that does not convert (a drop DROP_FIELDS allowed) takes the default; a string is cut at a character.
 * <pre>
 *   1. users.cm3.migrating      every record copied into the new layout (header as is: what the
 *                               journal had not written yet stays pending), forced to disk
 *   2. users.schema.json.migrating   the new layout, forced
 *   3. users.migration          the commit point, written and forced: from here the new files win
 *   4. renames over users.cm3 and users.schema.json, the folder forced, the commit file deleted
 * </pre>
 * A crash before step 3 leaves the old files untouched (the next start deletes the partial new files and
 * migrates again); a crash after it leaves a commit file, and the next start finishes the renames. Either
 * way the folder opens with one whole layout, never half of each, and the old files stay until the new
 * ones are durable.
 * <p>
 * A larger capacity ({@code USERS_CAPACITY}) than a file is laid out for resizes it the same way: every record
 * copied into a map of the same layout laid out for the capacity, through the same steps (the layout file
 * written again unchanged), so a crash is finished or undone the same way. A smaller one never shrinks a file.
 * <p>
 * A record type the bot no longer declares (allowed by DROP_FIELDS) is deleted the same way: a commit file
 * that says so, then both files. A new record type is created under a {@code users.creating} marker, so a
 * crash while creating it is not mistaken for a store file gone missing.
 */
final class SchemaMigration
{
    static final String MIGRATING_SUFFIX = ".migrating";
    static final String COMMIT_SUFFIX = ".migration";
    static final String CREATING_SUFFIX = ".creating";
    private static final String DROPPING = "dropping ";
    /** For crash tests: the step after which the process halts (as kill -9 would). */
    static final String CRASH_AT_PROPERTY = "ringbot.migration.crashAt";

    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigration.class);

    private SchemaMigration()
    {
    }

    /**
     * Finishes what a crash interrupted, before anything reads the folder: a committed migration or drop is
     * completed, a migration that was not committed loses its partial new files, a record type whose
     * creation was interrupted loses its files (it held no records yet).
     */
    static void finishInterrupted(final Path dataDir) throws IOException
    {
        for (final Path file : list(dataDir, COMMIT_SUFFIX))
        {
            final String name = baseName(file, COMMIT_SUFFIX);
            final Path map = StateStore.mapFile(dataDir, name);
            final Path layoutFile = StateStore.schemaFile(dataDir, name);
            if (Files.readString(file, StandardCharsets.UTF_8).startsWith(DROPPING))
            {
                drop(map, layoutFile, file);
            }
            else
            {
                finish(sibling(map, MIGRATING_SUFFIX), map, sibling(layoutFile, MIGRATING_SUFFIX), layoutFile, file);
            }
        }
        for (final Path partial : list(dataDir, MIGRATING_SUFFIX))
        {
            Files.delete(partial);
        }
        for (final Path marker : list(dataDir, CREATING_SUFFIX))
        {
            final String name = baseName(marker, CREATING_SUFFIX);
            LOG.warn("{}: its creation was interrupted (a crash at the first start with it): creating it again", name);
            Files.deleteIfExists(StateStore.schemaFile(dataDir, name));
            Files.deleteIfExists(StateStore.mapFile(dataDir, name));
            forceFolder(dataDir);
            Files.delete(marker);
        }
    }

    /**
     * Deletes a record type the bot no longer declares (DROP_FIELDS allowed it): a commit file first, so that
     * a crash between the two deletions is finished by the next start rather than found as a missing file.
     */
    static void dropType(final Path dataDir, final String name) throws IOException
    {
        final Path commit = dataDir.resolve(name + COMMIT_SUFFIX);
        writeDurably(commit, DROPPING + name);
        drop(StateStore.mapFile(dataDir, name), StateStore.schemaFile(dataDir, name), commit);
        LOG.warn("{}: the bot no longer declares this record type: deleted its files, as DROP_FIELDS allows", name);
    }

    private static void drop(final Path map, final Path layoutFile, final Path commit) throws IOException
    {
        Files.deleteIfExists(map);
        Files.deleteIfExists(layoutFile);
        forceFolder(map.getParent());
        Files.delete(commit);
        forceFolder(map.getParent());
    }

    /**
     * Migrates a record type whose recorded layout differs from the bot's (the change was checked before), or
     * resizes one whose file is laid out for fewer records than its capacity now: the same copy, into a
     * map of the same layout laid out for the capacity.
     */
    static void prepare(final Path dataDir, final RecordSchema schema, final long capacity) throws IOException
    {
        final String name = schema.name();
        final Path map = StateStore.mapFile(dataDir, name);
        final Path layoutFile = StateStore.schemaFile(dataDir, name);
        final Path newMap = sibling(map, MIGRATING_SUFFIX);
        final Path newLayout = sibling(layoutFile, MIGRATING_SUFFIX);
        final Path commit = dataDir.resolve(name + COMMIT_SUFFIX);
        if (!Files.exists(map) || !Files.exists(layoutFile))
        {
            return;
        }
        final String recordedJson = Files.readString(layoutFile, StandardCharsets.UTF_8);
        final boolean resize = recordedJson.equals(schema.toJson());
        final RecordSchema recorded;
        final long room;
        if (resize)
        {
            // the same layout: a copy only when the capacity outgrew what the file is laid out for; a smaller
            // capacity keeps the larger file (sparse: its unused room costs nothing) and every record in it
            room = RecordMaps.room(schema, map.toFile());
            if (room >= capacity)
            {
                return;
            }
            recorded = schema;
            LOG.info("{}: the capacity grew from {} records (what {} is laid out for) to {}: resizing it, every " +
                "record copied into a larger layout", name, room, map, capacity);
        }
        else
        {
            room = 0;
            recorded = RecordSchema.fromJson(recordedJson);
            LOG.warn("{}: the record layout changed ({}): migrating {}", name, SchemaMigration.difference(recorded, schema), map);
        }
        final long copied = copy(recorded, map, schema, newMap, capacity);
        crashPoint(1);
        writeDurably(newLayout, schema.toJson());
        crashPoint(2);
        writeDurably(commit, "migrating " + name + " to " + newMap.getFileName());
        crashPoint(3);
        finish(newMap, map, newLayout, layoutFile, commit);
        if (resize)
        {
            LOG.info("{}: resized from {} to {} records; copied {} records", name, room, capacity, copied);
        }
        else
        {
            LOG.warn("{}: migrated {} records to the new layout", name, copied);
        }
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
                        convert(was.value(old), field, r);
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
     * Sets a field from the value of its recorded field. A value that does not fit (only in a change
     * DROP_FIELDS allowed) is cut when it is text, else takes the default.
     */
    private static void convert(final Object value, final RecordField field, final Record r)
    {
        try
        {
            field.setParsed(value, r);
        }
        catch (final IllegalArgumentException ex)
        {
            if (field instanceof StringField && value instanceof String)
            {
                ((StringField)field).set(r, (String)value);
            }
            else
            {
                field.writeDefault(r);
            }
        }
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

    private static List<Path> list(final Path dataDir, final String suffix) throws IOException
    {
        try (Stream<Path> files = Files.list(dataDir))
        {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }

    private static String baseName(final Path file, final String suffix)
    {
        final String name = file.getFileName().toString();
        return name.substring(0, name.length() - suffix.length());
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

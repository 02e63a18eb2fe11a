package io.ringbot.store;

import io.ringbot.store.record.EnumField;
import io.ringbot.store.record.FieldType;
import io.ringbot.store.record.RecordField;
import io.ringbot.store.record.RecordSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Decides, before anything in a data folder changes, whether the bot's record types can open it:
 * <ul>
 *   <li>each record file is read by the layout recorded beside it, so a damaged or foreign
 *       {@code users.schema.json}, a {@code users.cm3} without its layout or a layout without its
 *       {@code users.cm3} is refused with what to do (nothing is recreated over it);</li>
 *   <li>a change that drops data the folder holds is refused unless DROP_FIELDS names it: a field removed,
 *       a record type the bot no longer declares, and a change that can lose values (a narrower string, a
 *       type change that does not convert every value, enum constants removed). Everything else (fields
 *       added, strings widened, int to long or double, long and timestamp either way, enum constants added
 *       or reordered: they are copied by name) migrates without asking.</li>
 * </ul>
 */
final class LayoutCheck
{
    private static final Logger LOG = LoggerFactory.getLogger(LayoutCheck.class);

    private LayoutCheck()
    {
    }

    /**
     * @param dataDir a data folder.
     * @return the record types it holds files of ({@code users.cm3} or {@code users.schema.json}), sorted.
     * @throws IOException when the folder cannot be listed.
     */
    static Set<String> recordTypesIn(final Path dataDir) throws IOException
    {
        final Set<String> types = new TreeSet<>();
        try (Stream<Path> files = Files.list(dataDir))
        {
            files.map(f -> f.getFileName().toString()).forEach(n ->
            {
                final String type = n.endsWith(StateStore.MAP_SUFFIX) ?
                    n.substring(0, n.length() - StateStore.MAP_SUFFIX.length()) :
                    n.endsWith(StateStore.SCHEMA_SUFFIX) ? n.substring(0, n.length() - StateStore.SCHEMA_SUFFIX.length()) :
                    null;
                if (RecordSchema.isWellFormedName(type))
                {
                    types.add(type);
                }
            });
        }
        return types;
    }

    /**
     * @param ctx the store's concluded context (the bot's record types, DROP_FIELDS, whether Firestore journals).
     * @return the record types the folder holds that the bot no longer declares (DROP_FIELDS allows dropping them).
     * @throws DataFolderRefusedException when a file cannot be read as its layout, or the change drops data
     *                                    DROP_FIELDS does not name.
     * @throws IOException                when the folder cannot be read.
     */
    static List<String> check(final StoreContext ctx) throws IOException
    {
        final Path dataDir = ctx.dataDir();
        final List<RecordSchema> schemas = new ArrayList<>();
        schemas.add(ctx.userSchema());
        schemas.add(ctx.chatSchema());
        schemas.addAll(ctx.furtherSchemas());
        final Set<String> held = recordTypesIn(dataDir);
        final List<String> drops = new ArrayList<>();
        final List<String> reasons = new ArrayList<>();
        for (final RecordSchema schema : schemas)
        {
            held.remove(schema.name());
            final RecordSchema recorded = recorded(dataDir, schema.name());
            if (recorded == null)
            {
                continue;
            }
            for (final RecordField old : recorded.fields())
            {
                final String loss = loss(old, schema.field(old.name()));
                if (loss != null)
                {
                    drops.add(schema.name() + "." + old.name());
                    reasons.add(loss);
                }
            }
        }
        final List<String> removedTypes = new ArrayList<>(held);
        for (final String type : removedTypes)
        {
            drops.add(type);
            reasons.add("a record type the bot no longer declares (" + StateStore.mapFile(dataDir, type).getFileName() +
                " and its layout would be deleted)");
        }
        final Set<String> allowed = ctx.dropSet();
        final StringBuilder refused = new StringBuilder();
        for (int i = 0; i < drops.size(); i++)
        {
            if (!allowed.contains(drops.get(i)))
            {
                refused.append(refused.length() == 0 ? "" : "; ").append(drops.get(i)).append(": ").append(reasons.get(i));
            }
        }
        if (refused.length() > 0)
        {
            final String setting = String.join(",", drops);
            throw new DataFolderRefusedException("the bot's record types drop data the folder " +
                dataDir.toAbsolutePath().normalize() + " holds: " + refused + ". " + whereElse(ctx.firestoreJournal()) +
                " Keep them in the bot's schema, or allow the drop: DROP_FIELDS=" + setting + " (or --drop-fields " +
                setting + "); then the records migrate without them, the old files kept until the new ones are durable");
        }
        for (int i = 0; i < drops.size(); i++)
        {
            LOG.warn("{}: {}: dropped, as DROP_FIELDS allows", drops.get(i), reasons.get(i));
        }
        for (final String entry : allowed)
        {
            if (!drops.contains(entry))
            {
                LOG.info("DROP_FIELDS names {}, which this start does not drop: nothing to do for it", entry);
            }
        }
        return removedTypes;
    }

    private static String whereElse(final boolean firestoreJournal)
    {
        return firestoreJournal ?
            "Firestore journaling is on: the documents keep these fields (the journal merges the fields the bot " +
                "declares and never deletes others) as of the last change it wrote; dropping them removes this " +
                "folder's copy, and the bot no longer reads them." :
            "Firestore journaling is off: this folder is the only copy, so their values would be lost for good " +
                "(keep a copy first: ./ringbot inspect dump <type> > <type>.jsonl).";
    }

    /**
     * @return the layout the folder records for a record type, or null when it holds neither file.
     * @throws DataFolderRefusedException when it holds one without the other, or a layout that cannot be read.
     */
    private static RecordSchema recorded(final Path dataDir, final String type) throws IOException
    {
        final Path map = StateStore.mapFile(dataDir, type);
        final Path layout = StateStore.schemaFile(dataDir, type);
        final boolean hasMap = Files.exists(map);
        final boolean hasLayout = Files.exists(layout);
        if (!hasMap && !hasLayout)
        {
            return null;
        }
        if (!hasLayout)
        {
            throw new DataFolderRefusedException(map + " has no " + layout.getFileName() + " beside it: the " +
                "layout its records were written with is unknown, and ringbot will not guess it. Put the layout " +
                "back (from a backup of the folder), or move " + map.getFileName() + " away to start '" + type +
                "' empty (with Firestore journaling on, records then load from Firestore again)");
        }
        if (!hasMap)
        {
            throw new DataFolderRefusedException(layout + " records '" + type + "' records, but " +
                map.getFileName() + " is missing: ringbot will not create an empty one over them. Put " +
                map.getFileName() + " back (from a backup of the folder), or delete " + layout.getFileName() +
                " to start '" + type + "' empty (with Firestore journaling on, records then load from Firestore again)");
        }
        final RecordSchema schema;
        try
        {
            schema = RecordSchema.fromJson(Files.readString(layout, StandardCharsets.UTF_8));
        }
        catch (final IllegalArgumentException | UncheckedIOException | IOException ex)
        {
            throw new DataFolderRefusedException(unreadable(layout, map, type, ex.getMessage()), ex);
        }
        if (!schema.name().equals(type))
        {
            throw new DataFolderRefusedException(unreadable(layout, map, type,
                "it is the layout of '" + schema.name() + "', not of '" + type + "'"));
        }
        return schema;
    }

    private static String unreadable(final Path layout, final Path map, final String type, final String why)
    {
        return layout + " cannot be read as the layout of " + map.getFileName() + " (" + why + "): ringbot will " +
            "not read the records by a layout it cannot trust. Put the file back (from a backup of the folder), or " +
            "move " + map.getFileName() + " and " + layout.getFileName() + " away to start '" + type + "' empty";
    }

    /**
     * @param old the field as the folder records it.
     * @param now the bot's field of that name, or null.
     * @return how the change loses values, or null when every value converts.
     */
    static String loss(final RecordField old, final RecordField now)
    {
        if (now == null)
        {
            return "field '" + old.name() + "' was removed";
        }
        final FieldType a = old.type();
        final FieldType b = now.type();
        final String field = "field '" + old.name() + "' ";
        if (a == FieldType.STRING && b == FieldType.STRING)
        {
            return now.maxBytes() < old.maxBytes() ?
                field + "narrows from " + old.maxBytes() + " to " + now.maxBytes() + " bytes (longer text would be cut)" : null;
        }
        if (a == FieldType.ENUM && b == FieldType.ENUM)
        {
            final List<String> was = ((EnumField<?>)old).names();
            final List<String> is = ((EnumField<?>)now).names();
            return is.containsAll(was) ? null :
                field + "changes its constants from " + was + " to " + is + " (a removed constant's records would take the default)";
        }
        if (a != b && !lossless(a, b))
        {
            return field + "changes from " + a.jsonName() + " to " + b.jsonName() + " (values that do not convert would " +
                "take the default)";
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
}

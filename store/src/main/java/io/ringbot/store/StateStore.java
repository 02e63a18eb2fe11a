package io.ringbot.store;

import io.ringbot.store.dedup.UpdateIdWindow;
import io.ringbot.store.journal.RecordType;
import io.ringbot.store.record.RecordMaps;
import io.ringbot.store.record.RecordSchema;
import io.ringbot.store.record.RecordTable;
import io.ringbot.store.undo.UndoLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The bot's persisted state in a data folder: one map per record type (users, chats, and the further
 * types the bot declares, e.g. orders), indexed by {@link RecordType#index()}, each beside the
 * layout it holds ({@code users.schema.json}), and the update-id window.
 * <p>
 * A record type's layout is recorded when its map is created, and the bot that made the folder in
 * {@code bot.json} ({@link FolderOwner}): another bot is refused. Opening a map whose recorded layout differs
 * from the bot's schema is checked by {@link LayoutCheck} (a file that cannot be read as its layout, or a change
 * that drops data DROP_FIELDS does not name, is refused with {@link DataFolderRefusedException}) and goes
 * through {@link SchemaMigration}.
 * <p>
 * A table whose file is laid out for fewer records than its capacity is resized by {@link SchemaMigration}
 * at open; a capacity below the records a table holds drops nothing (the table takes no new record).
 * <p>
 * Opening takes an exclusive lock on {@code ringbot.lock} (one server per folder) and writes an
 * {@code open.marker}; a clean {@link #close()} deletes it. Finding the marker at open means the last
 * server died (kill -9, power): the maps are then opened with Chronicle's recovery, which clears
 * segment locks a dead writer may have left held.
 * <p>
 * Every open also recovers the {@link UndoLog} ({@code undo.log}): an update a crash interrupted before it
 * was marked applied is undone, before anything else reads the records.
 */
public final class StateStore implements AutoCloseable
{
    public static final String LOCK_FILE = "ringbot.lock";
    public static final String OPEN_MARKER = "open.marker";
    public static final String USERS_FILE = "users.cm3";
    public static final String CHATS_FILE = "chats.cm3";
    public static final String MAP_SUFFIX = ".cm3";
    public static final String SCHEMA_SUFFIX = ".schema.json";
    public static final String DEDUP_FILE = "update-ids.window";
    public static final String UNDO_FILE = "undo.log";

    private static final Logger LOG = LoggerFactory.getLogger(StateStore.class);

    private final Path dataDir;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final boolean recovered;
    private final RecordTable users;
    private final RecordTable chats;
    private final RecordTable[] tables;
    private final RecordType[] types;
    private final UpdateIdWindow updateIds;
    private final UndoLog undoLog;

    private StateStore(final StoreContext ctx)
    {
        dataDir = ctx.dataDir();
        try
        {
            Files.createDirectories(dataDir);
            lockChannel = FileChannel.open(dataDir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            lock = tryLock(lockChannel);
            if (lock == null)
            {
                lockChannel.close();
                throw new IllegalStateException("data folder " + dataDir + " is in use by another ringbot process: " +
                    "stop it or set DATA_DIR to another folder");
            }
            try
            {
                // another bot's folder, a file that cannot be read as its layout, or a change that drops data
                // DROP_FIELDS does not name is refused before anything in the folder changes
                FolderOwner.check(dataDir, ctx.botName());
                SchemaMigration.finishInterrupted(dataDir);
                final boolean holdsTables = !LayoutCheck.recordTypesIn(dataDir).isEmpty();
                final List<String> removedTypes = LayoutCheck.check(ctx);
                FolderOwner.record(dataDir, ctx.botName(), holdsTables);
                recoverBeforeMigration(ctx);
                for (final String removed : removedTypes)
                {
                    SchemaMigration.dropType(dataDir, removed);
                }
                SchemaMigration.prepare(dataDir, ctx.userSchema().seal(), ctx.usersCapacity());
                SchemaMigration.prepare(dataDir, ctx.chatSchema().seal(), ctx.chatsCapacity());
                for (final RecordSchema further : ctx.furtherSchemas())
                {
                    SchemaMigration.prepare(dataDir, further.seal(), ctx.recordsCapacity());
                }
            }
            catch (final IOException | RuntimeException ex)
            {
                lock.release();
                lockChannel.close();
                throw ex;
            }
            final Path marker = dataDir.resolve(OPEN_MARKER);
            recovered = Files.exists(marker);
            if (recovered)
            {
                LOG.warn("the last server in {} did not close cleanly: opening the store with recovery", dataDir);
            }
            Files.writeString(marker, Long.toString(ProcessHandle.current().pid()));

            users = openTable(ctx.userSchema(), ctx.usersCapacity(), ctx.cacheSlots(), recovered);
            chats = openTable(ctx.chatSchema(), ctx.chatsCapacity(), ctx.cacheSlots(), recovered);
            final List<RecordSchema> further = ctx.furtherSchemas();
            tables = new RecordTable[RecordType.FIRST_FURTHER_INDEX + further.size()];
            types = new RecordType[tables.length];
            tables[RecordType.USER.index()] = users;
            tables[RecordType.CHAT.index()] = chats;
            types[RecordType.USER.index()] = RecordType.USER;
            types[RecordType.CHAT.index()] = RecordType.CHAT;
            for (int i = 0; i < further.size(); i++)
            {
                final int index = RecordType.FIRST_FURTHER_INDEX + i;
                tables[index] = openTable(further.get(i), ctx.recordsCapacity(), ctx.cacheSlots(), recovered);
                types[index] = RecordType.of(index, further.get(i).name());
            }
            updateIds = UpdateIdWindow.open(dataDir.resolve(DEDUP_FILE));
            undoLog = openUndoLog();
            if (recovered)
            {
                final int repaired = InterruptedWrites.repair(tables);
                if (repaired > 0)
                {
                    LOG.warn("{} records had a write interrupted by the crash: closed them (version + 1, so the " +
                        "journal writes them again)", repaired);
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot open the store in " + dataDir + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * Opens (creating when absent) the store described by a concluded context.
     *
     * @param ctx the configuration.
     * @return the open store; close it to mark a clean exit.
     */
    public static StateStore open(final StoreContext ctx)
    {
        return new StateStore(ctx.conclude());
    }

    public RecordTable users()
    {
        return users;
    }

    public RecordTable chats()
    {
        return chats;
    }

    /**
     * @return every record table: users, chats, then the further record types, indexed by
     * {@link RecordType#index()}; a copy.
     */
    public RecordTable[] tables()
    {
        return tables.clone();
    }

    /**
     * @return every record type, indexed as {@link #tables()}; a copy.
     */
    public RecordType[] types()
    {
        return types.clone();
    }

    /**
     * @param type one of {@link #types()}.
     * @return its table.
     */
    public RecordTable table(final RecordType type)
    {
        return tables[type.index()];
    }

    /**
     * @param schema a record type's schema.
     * @return the record type this store holds it as, or null when it holds no such schema.
     */
    public RecordType type(final RecordSchema schema)
    {
        for (int i = 0; i < tables.length; i++)
        {
            if (tables[i].schema() == schema)
            {
                return types[i];
            }
        }
        return null;
    }

    /**
     * @param dataDir    a data folder.
     * @param recordType a record type's name.
     * @return its map file.
     */
    public static Path mapFile(final Path dataDir, final String recordType)
    {
        return dataDir.resolve(recordType + MAP_SUFFIX);
    }

    /**
     * @param dataDir    a data folder.
     * @param recordType a record type's name.
     * @return the file that records its layout.
     */
    public static Path schemaFile(final Path dataDir, final String recordType)
    {
        return dataDir.resolve(recordType + SCHEMA_SUFFIX);
    }

    public UpdateIdWindow updateIds()
    {
        return updateIds;
    }

    /**
     * @return true when the previous server did not close this folder cleanly.
     */
    public boolean recovered()
    {
        return recovered;
    }

    public Path dataDir()
    {
        return dataDir;
    }

    /**
     * @return the undo log the engine brackets each update with (see {@link UndoLog}).
     */
    public UndoLog undoLog()
    {
        return undoLog;
    }

    public void close()
    {
        undoLog.close();
        updateIds.close();
        for (int i = tables.length - 1; i >= 0; i--)
        {
            tables[i].close();
        }
        try
        {
            Files.deleteIfExists(dataDir.resolve(OPEN_MARKER));
            lock.release();
            lockChannel.close();
        }
        catch (final IOException ex)
        {
            LOG.warn("closing the store lock in {}: {}", dataDir, ex.toString());
        }
    }

    /** Null when another process holds the lock, or (OverlappingFileLockException) this one does. */
    private static FileLock tryLock(final FileChannel channel) throws IOException
    {
        try
        {
            return channel.tryLock();
        }
        catch (final java.nio.channels.OverlappingFileLockException ex)
        {
            return null;
        }
    }

    private RecordTable openTable(final RecordSchema schema, final long capacity, final int cacheSlots, final boolean recover)
        throws IOException
    {
        final Path map = mapFile(dataDir, schema.name());
        final Path layout = schemaFile(dataDir, schema.name());
        final boolean fresh = !Files.exists(map);
        // a crash while creating leaves the marker: the next start creates the type again (see SchemaMigration)
        final Path creating = dataDir.resolve(schema.name() + SchemaMigration.CREATING_SUFFIX);
        if (fresh)
        {
            SchemaMigration.writeDurably(creating, "creating " + schema.name());
        }
        final RecordTable table = RecordMaps.open(schema, map.toFile(), capacity, cacheSlots, recover && !fresh);
        if (!fresh && table.size() > capacity)
        {
            // a lowered USERS_CAPACITY: nothing is dropped and the file keeps its larger layout (sparse, so its
            // unused room costs nothing); the capacity still bounds new records, so the table starts full
            LOG.warn("{}: holds {} records, its capacity (USERS_CAPACITY) is {}: kept every record; it takes no new " +
                "record while it holds {} or more (set USERS_CAPACITY to at least {} to give it room)",
                schema.name(), table.size(), capacity, capacity, table.size() + 1);
        }
        if (fresh)
        {
            SchemaMigration.writeDurably(layout, schema.toJson());
            Files.delete(creating);
            SchemaMigration.forceFolder(dataDir);
        }
        return table;
    }

    /**
     * Opens the undo log and puts back the records of an update a crash interrupted, before the journal's
     * interrupted-write repair (which would close their seqlocks with the half-written fields).
     */
    private UndoLog openUndoLog()
    {
        UndoLog log = null;
        try
        {
            log = UndoLog.open(dataDir.resolve(UNDO_FILE), tables, UndoLog.capacityFor(tables.length));
            final int restored = log.recover(updateIds);
            if (restored > 0)
            {
                LOG.warn("a crash interrupted an update before it was marked applied: put back the {} records it " +
                    "had used, as they were before it (Telegram redelivers it; the journal writes them again)", restored);
            }
            return log;
        }
        catch (final RuntimeException ex)
        {
            if (log != null)
            {
                log.close();
            }
            updateIds.close();
            for (final RecordTable table : tables)
            {
                table.close();
            }
            try
            {
                lock.release();
                lockChannel.close();
            }
            catch (final IOException closing)
            {
                ex.addSuppressed(closing);
            }
            throw ex;
        }
    }

    /**
     * A crash interrupted an update and the bot's layout changed since: the undo log holds records in the
     * layout the folder records, so they are put back with that layout, before the migration copies them.
     */
    private void recoverBeforeMigration(final StoreContext ctx) throws IOException
    {
        final Path undo = dataDir.resolve(UNDO_FILE);
        if (!UndoLog.isSet(undo) || !Files.exists(dataDir.resolve(DEDUP_FILE)))
        {
            return;
        }
        final List<RecordSchema> further = ctx.furtherSchemas();
        final RecordSchema[] schemas = new RecordSchema[RecordType.FIRST_FURTHER_INDEX + further.size()];
        final long[] capacities = new long[schemas.length];
        schemas[RecordType.USER.index()] = ctx.userSchema().seal();
        schemas[RecordType.CHAT.index()] = ctx.chatSchema().seal();
        capacities[RecordType.USER.index()] = ctx.usersCapacity();
        capacities[RecordType.CHAT.index()] = ctx.chatsCapacity();
        for (int i = 0; i < further.size(); i++)
        {
            schemas[RecordType.FIRST_FURTHER_INDEX + i] = further.get(i).seal();
            capacities[RecordType.FIRST_FURTHER_INDEX + i] = ctx.recordsCapacity();
        }
        final RecordSchema[] recorded = new RecordSchema[schemas.length];
        boolean changed = false;
        for (int i = 0; i < schemas.length; i++)
        {
            final Path layout = schemaFile(dataDir, schemas[i].name());
            final boolean exists = Files.exists(layout) && Files.exists(mapFile(dataDir, schemas[i].name()));
            final String json = exists ? Files.readString(layout, StandardCharsets.UTF_8) : null;
            recorded[i] = json == null ? schemas[i] : RecordSchema.fromJson(json).seal();
            changed |= json != null && !json.equals(schemas[i].toJson());
        }
        if (!changed)
        {
            return;
        }
        final boolean crashed = Files.exists(dataDir.resolve(OPEN_MARKER));
        final RecordTable[] tables = new RecordTable[schemas.length];
        UpdateIdWindow window = null;
        UndoLog log = null;
        try
        {
            for (int i = 0; i < tables.length; i++)
            {
                final Path map = mapFile(dataDir, recorded[i].name());
                tables[i] = RecordMaps.open(recorded[i], map.toFile(), capacities[i], ctx.cacheSlots(), crashed && Files.exists(map));
            }
            window = UpdateIdWindow.open(dataDir.resolve(DEDUP_FILE));
            log = UndoLog.open(undo, tables, UndoLog.capacityFor(tables.length));
            final int restored = log.recover(window);
            LOG.warn("a crash interrupted an update before it was marked applied, and the record layout changed since: " +
                "put back the {} records it had used in the recorded layout, before migrating", restored);
        }
        finally
        {
            if (log != null)
            {
                log.close();
            }
            if (window != null)
            {
                window.close();
            }
            for (final RecordTable table : tables)
            {
                if (table != null)
                {
                    table.close();
                }
            }
        }
    }
}

package io.ringbot.tools;

import io.ringbot.store.StateStore;
import io.ringbot.store.StoreContext;
import io.ringbot.store.record.RecordTable;
import io.ringbot.store.record.Record;
import io.ringbot.store.record.RecordMaps;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code import user|chat|TYPE FILE}: writes JSON lines (from {@code dump}) into a map, while no server runs.
 */
@Command(
    name = "import",
    description = {
        "Writes records from JSON lines (a dump) into a map, while no server runs.",
        "Creates the map file when absent; a record with the id of one in the map replaces it. " +
            "Refuses (exit 2) while a server holds the data folder, or when the last one did not close " +
            "cleanly (recovery is the server's job). " +
            "The whole file is checked before anything is written: an invalid line imports nothing.",
        "Each record keeps the file's version and syncedVersion: what was pending for the journal when " +
            "dumped is journaled again by the next server, what was synced is not. To have Firestore " +
            "written again, lower syncedVersion in the file first."
    })
final class ImportCommand extends ToolCommand
{
    @Parameters(index = "0", paramLabel = "user|chat|TYPE", converter = KindConverter.class, description = "which map: user, chat or a further record type (orders)")
    private RecordLayout<?> layout;

    @Parameters(index = "1", paramLabel = "FILE", description = "JSON lines, one record each")
    private Path file;

    @Option(
        names = "--capacity",
        paramLabel = "N",
        description = "entries to size a new map file for; match the server's (default: ${DEFAULT-VALUE}); " +
            "an existing file keeps its own")
    private long capacity = StoreContext.USERS_CAPACITY_DEFAULT;

    @Option(
        names = "--layout",
        paramLabel = "FILE",
        description = "the record layout (a data folder's users.schema.json or chats.schema.json) for a folder " +
            "that records none yet; a folder's own layout wins")
    private Path layoutFile;

    public Integer call() throws IOException
    {
        return importFile(layout);
    }

    private <V> int importFile(final RecordLayout<V> layout) throws IOException
    {
        if (!Files.isReadable(file))
        {
            throw new ToolException(InspectTool.EXIT_FAILED, "cannot read " + file);
        }
        final DataFolder folder = folder();
        final DataFolder.WriteLock lock = folder.lockForWriting();
        try
        {
            if (Files.exists(folder.file(StateStore.OPEN_MARKER)))
            {
                // Recovery rewrites both maps and needs the whole folder: that is the server's start, not ours.
                throw new ToolException(InspectTool.EXIT_REFUSED, "the last server in " + folder.dir() +
                    " did not close cleanly (open.marker): dump the maps first, start and stop the server once " +
                    "(it recovers the maps), then import; nothing was changed");
            }
            layout.load(folder, layoutFile);
            final long records = check(layout);
            final Path mapFile = folder.file(layout.fileName());
            final boolean created = !Files.exists(mapFile);
            if (created && records > capacity)
            {
                throw new ToolException(InspectTool.EXIT_FAILED, file + " has " + records + " records, more than --capacity " +
                    capacity + ": nothing imported");
            }
            // Like a server, mark the folder open while writing: if the import dies, the next start recovers.
            final Path marker = folder.file(StateStore.OPEN_MARKER);
            Files.writeString(marker, Long.toString(ProcessHandle.current().pid()));
            try (RecordTable table = RecordMaps.open(layout.schema(), mapFile.toFile(), capacity, 1, false))
            {
                write(layout, table);
            }
            if (created)
            {
                Files.writeString(StateStore.schemaFile(folder.dir(), layout.mapName()), layout.schema().toJson());
            }
            Files.delete(marker);
            out().println("imported " + records + " " + layout.mapName() + " from " + file + " into " + mapFile +
                (created ? " (new file)" : "") + "; version and syncedVersion as in the file");
            out().flush();
            return InspectTool.EXIT_OK;
        }
        finally
        {
            lock.close();
        }
    }

    /** First pass: every line valid, or nothing is written. */
    private <V> long check(final RecordLayout<V> layout) throws IOException
    {
        long records = 0;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
            JsonLinesReader<V> lines = new JsonLinesReader<>(layout, in))
        {
            while (lines.next() != null)
            {
                records++;
            }
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ToolException(InspectTool.EXIT_FAILED, file + ": " + ex.getMessage() + ": nothing imported");
        }
        return records;
    }

    private <V> void write(final RecordLayout<V> layout, final RecordTable table) throws IOException
    {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
            JsonLinesReader<V> lines = new JsonLinesReader<>(layout, in))
        {
            for (V record = lines.next(); record != null; record = lines.next())
            {
                table.acquire(layout.id(record)).copyFrom((Record)record); // seq is 0 (even) in a new heap record
            }
        }
    }
}

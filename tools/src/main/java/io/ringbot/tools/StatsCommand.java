package io.ringbot.tools;

import io.ringbot.store.DataFolderRefusedException;
import io.ringbot.store.FolderOwner;
import io.ringbot.store.StateStore;
import io.ringbot.store.status.CountersFile;
import io.ringbot.store.status.RingbotCounter;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * {@code stats}: a data folder at a glance: the server, each map's entries and capacity, the journal's
 * backlog, the update-id window and the counters file.
 */
@Command(
    name = "stats",
    description = {
        "Shows the server's state, the bot the folder belongs to, each map's size and the journal's backlog.",
        "Per map: entries, capacity (segments x entries per segment tier, as Chronicle sized the file: a little " +
            "above the entries it was asked for), free space, file size and records pending for the journal " +
            "(version > syncedVersion). Then the age of the oldest pending change (the journal's counter), " +
            "the update-id window and the counters file."
    })
final class StatsCommand extends ToolCommand
{
    public Integer call() throws IOException
    {
        final DataFolder folder = folder();
        final PrintWriter out = out();
        final DataFolder.ServerState server = folder.probe();
        out.printf("folder:     %s%n", folder.dir().toAbsolutePath());
        out.printf("server:     %s%n", server.describe());
        out.printf("bot:        %s%n", bot(folder));
        long pending = 0;
        for (final RecordLayout<?> layout : RecordLayout.all(folder))
        {
            pending += mapStats(layout, folder, out);
        }
        out.printf("journal:    pending=%d records%s%n", pending, oldestPending(folder, server));
        out.printf("update-ids: %s%n", window(folder));
        out.printf("counters:   %s%n", counters(folder));
        out.flush();
        return InspectTool.EXIT_OK;
    }

    /** @return the bot the folder belongs to (bot.json), or why it names none. */
    private static String bot(final DataFolder folder)
    {
        try
        {
            final String name = FolderOwner.recorded(folder.dir());
            return name != null ? name : "none recorded (the next bot to start adopts the folder)";
        }
        catch (final DataFolderRefusedException ex)
        {
            return "unreadable: " + ex.getMessage();
        }
    }

    /** @return the records pending for the journal, or 0 when the map is absent. */
    private static <V> long mapStats(final RecordLayout<V> layout, final DataFolder folder, final PrintWriter out)
        throws IOException
    {
        final String label = String.format("%-12s", layout.mapName() + ":");
        final Path file = folder.file(layout.fileName());
        if (!Files.exists(file))
        {
            out.printf("%sabsent (no %s)%n", label, layout.fileName());
            return 0;
        }
        try (SnapshotReader<V> reader = SnapshotReader.open(layout, folder))
        {
            final long[] counts = new long[2]; // pending, unreadable
            reader.forEach(layout.newHeapInstance(), (id, outcome, copy) ->
            {
                if (outcome == SnapshotReader.Outcome.COPIED)
                {
                    counts[0] += layout.isPending(copy) ? 1 : 0;
                }
                else if (outcome != SnapshotReader.Outcome.NEVER_WRITTEN)
                {
                    counts[1]++;
                }
                return true;
            });
            final long capacity = reader.capacity();
            out.printf("%sentries=%d capacity=%s segments=%d free=%d%% file=%d bytes pending=%d%s%n",
                label, reader.size(), capacity < 0 ? "unknown" : Long.toString(capacity), reader.segments(),
                reader.percentageFreeSpace(), Files.size(file), counts[0],
                counts[1] > 0 ? " unreadable=" + counts[1] + " (see verify)" : "");
            return counts[0];
        }
    }

    private static String oldestPending(final DataFolder folder, final DataFolder.ServerState server)
    {
        if (!Files.exists(folder.file(CountersFile.FILE_NAME)))
        {
            return "; oldest pending change: unknown (no counters.dat)";
        }
        try (CountersFile counters = CountersFile.openReadOnly(folder.dir()))
        {
            final long ageMs = counters.reader().getCounterValue(RingbotCounter.JOURNAL_OLDEST_PENDING_MS.id());
            return "; oldest pending change " + ageMs + " ms old (journal counter" +
                (server.running() ? ")" : ", as of when the server stopped)");
        }
        catch (final RuntimeException ex)
        {
            return "; oldest pending change: unknown (" + ex.getMessage() + ")";
        }
    }

    private static String window(final DataFolder folder) throws IOException
    {
        if (!Files.exists(folder.file(StateStore.DEDUP_FILE)))
        {
            return "absent (no " + StateStore.DEDUP_FILE + ")";
        }
        final UpdateIdWindowDescriptor.Header header = UpdateIdWindowDescriptor.read(folder.dir());
        if (!header.problems().isEmpty())
        {
            return "damaged: " + String.join("; ", header.problems()) + " (see verify)";
        }
        return header.initialised() == 0 ?
            "none applied yet" :
            "highest update_id " + header.highest() + ", last applied " + Instant.ofEpochMilli(header.lastAppliedMillis());
    }

    private static String counters(final DataFolder folder) throws IOException
    {
        final Path path = folder.file(CountersFile.FILE_NAME);
        if (!Files.exists(path))
        {
            return "absent (no " + CountersFile.FILE_NAME + ": no server has run here)";
        }
        try (CountersFile counters = CountersFile.openReadOnly(folder.dir()))
        {
            final long pid = counters.pid();
            return "file=" + Files.size(path) + " bytes written by pid " + pid + " (" +
                (DataFolder.isAlive(pid) ? "alive" : "not alive") + "), started " + Instant.ofEpochMilli(counters.startMillis());
        }
        catch (final RuntimeException ex)
        {
            return "unreadable: " + ex.getMessage() + " (see verify)";
        }
    }
}

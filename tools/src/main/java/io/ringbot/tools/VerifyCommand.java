package io.ringbot.tools;

import io.ringbot.store.StateStore;
import io.ringbot.store.status.CountersFile;
import org.agrona.concurrent.errors.ErrorLogReader;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code verify}: checks a data folder's files and says what is wrong; exits 1 when anything is.
 */
@Command(
    name = "verify",
    description = {
        "Checks the data folder's files; exits 1 when anything is wrong.",
        "Each map opens; every record's seq is even (odd: a write a crash interrupted), its id equals its " +
            "key and version >= syncedVersion; counters.dat and update-ids.window have the right magic and " +
            "layout. Prints ok, warn or FAIL per check. Works alongside a running server (a write under way " +
            "is waited for)."
    })
final class VerifyCommand extends ToolCommand
{
    private static final int IDS_SHOWN = 20;

    private int failures;

    public Integer call()
    {
        final DataFolder folder = folder();
        final PrintWriter out = out();
        out.println("verifying " + folder.dir().toAbsolutePath() + ": server " + folder.probe().describe());
        for (final RecordLayout<?> layout : RecordLayout.all(folder))
        {
            verifyMap(layout, folder, out);
        }
        verifyWindow(folder, out);
        verifyCounters(folder, out);
        out.println(failures == 0 ? "verify: all checks passed" : "verify: " + failures + " check(s) FAILED");
        out.flush();
        return failures == 0 ? InspectTool.EXIT_OK : InspectTool.EXIT_FAILED;
    }

    private <V> void verifyMap(final RecordLayout<V> layout, final DataFolder folder, final PrintWriter out)
    {
        final String name = layout.fileName();
        if (!Files.exists(folder.file(name)))
        {
            fail(out, name + ": absent");
            return;
        }
        final SnapshotReader<V> reader;
        try
        {
            reader = SnapshotReader.open(layout, folder);
        }
        catch (final IOException | RuntimeException ex)
        {
            fail(out, name + ": does not open: " + ex);
            return;
        }
        final IdSample oddSeq = new IdSample();
        final IdSample changing = new IdSample();
        final IdSample wrongId = new IdSample();
        final IdSample versionBelowSynced = new IdSample();
        final IdSample neverWritten = new IdSample();
        final long[] records = new long[1];
        try (reader)
        {
            reader.forEach(layout.newHeapInstance(), (key, outcome, copy) ->
            {
                records[0]++;
                switch (outcome)
                {
                    case COPIED ->
                    {
                        if (layout.version(copy) < layout.syncedVersion(copy))
                        {
                            versionBelowSynced.add(key + " (version " + layout.version(copy) + " < syncedVersion " +
                                layout.syncedVersion(copy) + ")");
                        }
                    }
                    case BUSY ->
                    {
                        if ((reader.lastSeq() & 1) != 0)
                        {
                            oddSeq.add(key + " (seq " + reader.lastSeq() + ")");
                        }
                        else
                        {
                            changing.add(Long.toString(key));
                        }
                    }
                    case WRONG_ID -> wrongId.add(key + " (holds id " + layout.id(copy) + ")");
                    case NEVER_WRITTEN -> neverWritten.add(Long.toString(key));
                    case ABSENT ->
                    {
                        // removed since its key was listed
                    }
                }
                return true;
            });
        }
        catch (final RuntimeException ex)
        {
            fail(out, name + ": reading failed after " + records[0] + " records: " + ex);
            return;
        }
        ok(out, name + ": opens, " + records[0] + " records");
        check(out, name, "every seq even", oddSeq, "with an odd seq (a write a crash interrupted, or one still under way)");
        check(out, name, "every record readable", changing, "changed on every read attempt");
        check(out, name, "every id equals its key", wrongId, "whose id differs from the key");
        check(out, name, "every version >= syncedVersion", versionBelowSynced, "with version below syncedVersion");
        if (neverWritten.count > 0)
        {
            warn(out, name + ": " + neverWritten.describe("created but never written (id 0, version 0)") +
                ": harmless, the engine fills them when the id is next seen");
        }
    }

    private void verifyWindow(final DataFolder folder, final PrintWriter out)
    {
        final String name = StateStore.DEDUP_FILE;
        if (!Files.exists(folder.file(name)))
        {
            warn(out, name + ": absent; the next start creates it (updates redelivered then cannot be recognised)");
            return;
        }
        try
        {
            final List<String> problems = UpdateIdWindowDescriptor.read(folder.dir()).problems();
            report(out, name, "size and magic right", problems);
        }
        catch (final IOException ex)
        {
            fail(out, name + ": unreadable: " + ex);
        }
    }

    private void verifyCounters(final DataFolder folder, final PrintWriter out)
    {
        final String name = CountersFile.FILE_NAME;
        final Path path = folder.file(name);
        if (!Files.exists(path))
        {
            warn(out, name + ": absent (no server has run here since the folder was made)");
            return;
        }
        try
        {
            final List<String> problems = CountersFileDescriptor.verify(folder.dir());
            if (!problems.isEmpty())
            {
                report(out, name, "", problems);
                return;
            }
            try (CountersFile counters = CountersFile.openReadOnly(folder.dir()))
            {
                final int[] count = new int[1];
                counters.reader().forEach((value, id, label) -> count[0]++);
                final int errors = ErrorLogReader.read(counters.errorLogBuffer(), (n, first, last, text) -> {});
                ok(out, name + ": magic and layout right, " + count[0] + " counters, " + errors + " distinct errors");
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            fail(out, name + ": unreadable: " + ex);
        }
    }

    private void check(final PrintWriter out, final String name, final String okText, final IdSample bad, final String meaning)
    {
        if (bad.count == 0)
        {
            ok(out, name + ": " + okText);
        }
        else
        {
            fail(out, name + ": " + bad.describe(meaning));
        }
    }

    private void report(final PrintWriter out, final String name, final String okText, final List<String> problems)
    {
        if (problems.isEmpty())
        {
            ok(out, name + ": " + okText);
        }
        for (final String problem : problems)
        {
            fail(out, name + ": " + problem);
        }
    }

    private static void ok(final PrintWriter out, final String text)
    {
        out.println("ok    " + text);
    }

    private static void warn(final PrintWriter out, final String text)
    {
        out.println("warn  " + text);
    }

    private void fail(final PrintWriter out, final String text)
    {
        failures++;
        out.println("FAIL  " + text);
    }

    /** How many records failed a check, and the first few of them. */
    private static final class IdSample
    {
        private final List<String> shown = new ArrayList<>();
        private long count;

        void add(final String id)
        {
            if (count++ < IDS_SHOWN)
            {
                shown.add(id);
            }
        }

        String describe(final String meaning)
        {
            return count + " record(s) " + meaning + ": " + String.join(", ", shown) +
                (count > shown.size() ? " and " + (count - shown.size()) + " more" : "");
        }
    }
}

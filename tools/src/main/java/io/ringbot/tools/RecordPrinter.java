package io.ringbot.tools;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.function.Predicate;

/**
 * Prints the records of one map that pass a filter as JSON lines ({@code scan} and {@code dump}), with a
 * one-line summary on err. A record that cannot be read consistently is named on err and skipped; the
 * exit code is then 1.
 */
final class RecordPrinter
{
    private RecordPrinter()
    {
    }

    /**
     * @param layout  which records.
     * @param folder  the data folder.
     * @param filter  which to print.
     * @param limit   at most this many.
     * @param out     the JSON lines.
     * @param err     the summary and skipped records.
     * @param <V>     the record type.
     * @return the exit code.
     * @throws IOException when the map does not open.
     */
    static <V> int print(
        final RecordLayout<V> layout,
        final DataFolder folder,
        final Predicate<V> filter,
        final long limit,
        final PrintWriter out,
        final PrintWriter err) throws IOException
    {
        final long[] counts = new long[3]; // read, printed, skipped
        try (SnapshotReader<V> reader = SnapshotReader.open(layout, folder);
            JsonLinesWriter json = new JsonLinesWriter(out))
        {
            reader.forEach(layout.newHeapInstance(), (id, outcome, copy) ->
            {
                switch (outcome)
                {
                    case COPIED ->
                    {
                        counts[0]++;
                        if (filter.test(copy))
                        {
                            json.write(layout, copy);
                            counts[1]++;
                        }
                    }
                    case NEVER_WRITTEN ->
                    {
                        // an empty entry has no data to show or back up
                    }
                    default ->
                    {
                        counts[2]++;
                        err.println("skipped: " + reader.describe(id, outcome));
                    }
                }
                return counts[1] < limit;
            });
        }
        out.flush();
        err.println(layout.mapName() + ": " + counts[0] + " read, " + counts[1] + " printed" +
            (counts[2] > 0 ? ", " + counts[2] + " skipped" : ""));
        return counts[2] > 0 ? InspectTool.EXIT_FAILED : InspectTool.EXIT_OK;
    }
}

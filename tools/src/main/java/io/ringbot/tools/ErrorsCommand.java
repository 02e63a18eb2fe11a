package io.ringbot.tools;

import io.ringbot.store.status.CountersFile;
import org.agrona.concurrent.errors.ErrorLogReader;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.time.Instant;

/**
 * {@code errors}: the distinct error log in {@code counters.dat}: each kind of error once, with how often
 * and when it was seen first and last.
 */
@Command(
    name = "errors",
    description = "Prints the distinct errors the server recorded since it started: count, first and last seen, the error.")
final class ErrorsCommand extends ToolCommand
{
    public Integer call()
    {
        final PrintWriter out = out();
        try (CountersFile file = openCounters())
        {
            final StringBuilder text = new StringBuilder();
            final int distinct = ErrorLogReader.read(file.errorLogBuffer(), (count, firstMillis, lastMillis, error) ->
                text.append("count=").append(count)
                    .append(" first=").append(Instant.ofEpochMilli(firstMillis))
                    .append(" last=").append(Instant.ofEpochMilli(lastMillis))
                    .append(System.lineSeparator())
                    .append(error.strip())
                    .append(System.lineSeparator())
                    .append(System.lineSeparator()));
            out.println(distinct + " distinct error" + (distinct == 1 ? "" : "s") + " since the server (pid " + file.pid() +
                ") started at " + Instant.ofEpochMilli(file.startMillis()));
            if (distinct > 0)
            {
                out.println();
                out.print(text);
            }
        }
        out.flush();
        return InspectTool.EXIT_OK;
    }
}

package io.ringbot.tools;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One in-process run of the tool with its output captured.
 *
 * @param exitCode what it returned.
 * @param out      its stdout.
 * @param err      its stderr.
 */
record ToolRun(int exitCode, String out, String err)
{
    static ToolRun inspect(final Path dataDir, final String... args)
    {
        final List<String> all = new ArrayList<>(List.of("--data-dir", dataDir.toString()));
        all.addAll(Arrays.asList(args));
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final int exitCode = InspectTool.commandLine()
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true))
            .execute(all.toArray(new String[0]));
        return new ToolRun(exitCode, out.toString(), err.toString());
    }

    /** @return stdout's lines, without empty ones. */
    List<String> lines()
    {
        return out.lines().filter(line -> !line.isBlank()).toList();
    }

    @Override
    public String toString()
    {
        return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
    }
}

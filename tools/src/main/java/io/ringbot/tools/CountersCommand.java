package io.ringbot.tools;

import io.ringbot.store.status.CountersFile;
import org.agrona.concurrent.status.CountersReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Objects;

/**
 * {@code counters [--watch]}: every counter in {@code counters.dat}, read live (Aeron's AeronStat).
 */
@Command(
    name = "counters",
    description = {
        "Prints every counter from counters.dat: id, value and label.",
        "With --watch, redraws them in place every interval until interrupted (Ctrl-C) or --count frames; " +
            "follows the file when a restarting server creates it anew."
    })
final class CountersCommand extends ToolCommand
{
    private static final String CLEAR_SCREEN = "\u001b[H\u001b[2J";

    @Option(names = "--watch", description = "refresh in place")
    private boolean watch;

    @Option(names = "--count", paramLabel = "N", description = "with --watch: stop after N frames (default: until interrupted)")
    private long count = Long.MAX_VALUE;

    @Option(names = "--interval-ms", paramLabel = "MS", description = "with --watch: time between frames (default: ${DEFAULT-VALUE})")
    private long intervalMs = 1000;

    public Integer call() throws IOException
    {
        final Path path = folder().file(CountersFile.FILE_NAME);
        final PrintWriter out = out();
        CountersFile file = openCounters();
        Object fileKey = fileKey(path);
        try
        {
            final long frames = watch ? count : 1;
            for (long frame = 0; frame < frames; frame++)
            {
                if (frame > 0)
                {
                    Thread.sleep(intervalMs);
                    // A restarting server creates counters.dat anew: follow it to the new file.
                    final Object currentKey = fileKey(path);
                    if (currentKey != null && !Objects.equals(currentKey, fileKey))
                    {
                        file.close();
                        file = openCounters();
                        fileKey = currentKey;
                    }
                }
                if (watch)
                {
                    out.print(CLEAR_SCREEN);
                }
                print(file, out);
                out.flush();
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        finally
        {
            file.close();
        }
        return InspectTool.EXIT_OK;
    }

    private static void print(final CountersFile file, final PrintWriter out)
    {
        final long pid = file.pid();
        out.printf("%s  pid %d (%s), started %s%n", Instant.now(), pid,
            DataFolder.isAlive(pid) ? "running" : "not running", Instant.ofEpochMilli(file.startMillis()));
        final CountersReader reader = file.reader();
        reader.forEach((value, counterId, label) -> out.printf("%3d: %,20d - %s%n", counterId, value, label));
    }

    private static Object fileKey(final Path path)
    {
        try
        {
            return Files.readAttributes(path, BasicFileAttributes.class).fileKey();
        }
        catch (final IOException ex)
        {
            return null; // between the server's delete and create: keep the old mapping this frame
        }
    }
}

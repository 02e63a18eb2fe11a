package io.ringbot.tools;

import io.ringbot.store.status.CountersFile;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * What every subcommand shares: the data folder from {@code --data-dir}, and picocli's out and err
 * (set by whoever runs the tool, so tests capture them).
 */
abstract class ToolCommand implements Callable<Integer>
{
    @ParentCommand
    private InspectTool tool;

    @Spec
    private CommandSpec spec;

    DataFolder folder()
    {
        return new DataFolder(tool.dataDir());
    }

    /**
     * @return {@code counters.dat} mapped for reading.
     * @throws ToolException when it is absent or not a counters file.
     */
    CountersFile openCounters()
    {
        try
        {
            return CountersFile.openReadOnly(folder().dir());
        }
        catch (final IllegalStateException ex)
        {
            throw new ToolException(InspectTool.EXIT_FAILED, ex.getMessage());
        }
    }

    PrintWriter out()
    {
        return spec.commandLine().getOut();
    }

    PrintWriter err()
    {
        return spec.commandLine().getErr();
    }

    CommandSpec spec()
    {
        return spec;
    }
}

package io.ringbot.tools;

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

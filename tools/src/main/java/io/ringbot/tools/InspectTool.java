package io.ringbot.tools;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

import java.nio.file.Path;

/**
 * The inspection CLI ({@code ringbot inspect}): reads a data folder's store, counters and error log,
 * of a running server or of a stopped one, also after a crash. Reads never write the store; only
 * {@code import} does, and it refuses while a server holds the folder.
 * <p>
 * Exit codes: 0 done, 1 not found / problems found / failed, 2 usage error or import refused.
 */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    versionProvider = InspectTool.Version.class,
    description = "Reads a ringbot data folder: records, counters and errors of a running or stopped server.",
    subcommands = {
        StatsCommand.class,
        GetCommand.class,
        ScanCommand.class,
        DumpCommand.class,
        ImportCommand.class,
        CountersCommand.class,
        ErrorsCommand.class,
        VerifyCommand.class,
        CommandLine.HelpCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:done",
        "1:not found, problems found, or failed",
        "2:usage error, or import refused while a server holds the folder"
    })
public final class InspectTool implements Runnable
{
    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;
    static final int EXIT_REFUSED = 2;

    @Option(
        names = "--data-dir",
        paramLabel = "DIR",
        defaultValue = "${env:DATA_DIR:-data}",
        scope = ScopeType.INHERIT,
        description = "the data folder (default: $DATA_DIR, else ./data; now ${DEFAULT-VALUE})")
    private Path dataDir;

    @Spec
    private CommandSpec spec;

    /**
     * Runs the tool and exits with its exit code.
     *
     * @param args the command line.
     */
    public static void main(final String[] args)
    {
        // Chronicle logs banners at INFO through slf4j-simple (to stderr): keep the tool's output to its own
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null)
        {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        System.exit(commandLine().execute(args));
    }

    /**
     * The tool's command line, for {@link #main} and for running it in-process (tests, other tools):
     * set its out and err, then {@link CommandLine#execute}.
     *
     * @return a new command line.
     */
    public static CommandLine commandLine()
    {
        final CommandLine commandLine = new CommandLine(new InspectTool());
        commandLine.setExecutionExceptionHandler((ex, cmd, parseResult) ->
        {
            if (ex instanceof ToolException)
            {
                cmd.getErr().println(ex.getMessage());
                return ((ToolException)ex).exitCode();
            }
            cmd.getErr().println("inspect " + cmd.getCommandName() + " failed: " + describe(ex));
            return EXIT_FAILED;
        });
        return commandLine;
    }

    public void run()
    {
        throw new ParameterException(spec.commandLine(), "name a command: stats, get, scan, dump, import, counters, errors, verify");
    }

    Path dataDir()
    {
        return dataDir;
    }

    private static String describe(final Throwable ex)
    {
        final StringBuilder sb = new StringBuilder(ex.toString());
        for (Throwable cause = ex.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause())
        {
            sb.append("\n  caused by ").append(cause);
        }
        return sb.toString();
    }

    /**
     * The version from the jar's manifest, when there is one.
     */
    static final class Version implements CommandLine.IVersionProvider
    {
        public String[] getVersion()
        {
            final String version = InspectTool.class.getPackage().getImplementationVersion();
            return new String[] {"ringbot inspect " + (version == null ? "(development build)" : version)};
        }
    }
}

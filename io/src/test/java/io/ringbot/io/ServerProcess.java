package io.ringbot.io;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ringbot serve} in a JVM of its own, so that a test can kill it with SIGKILL: the test JVM's class
 * path and the JVM flags the stack needs, output appended to a log, started when a URL answers.
 */
public final class ServerProcess
{
    private static final long START_TIMEOUT_MILLIS = 90_000;

    private ServerProcess()
    {
    }

    /**
     * @param maxHeap     e.g. "512m".
     * @param serveArgs   the arguments after {@code serve}.
     * @param environment changes the child's environment (add, replace or remove variables).
     * @param log         the file the child's output is appended to.
     * @param readyUrl    a URL that answers once the server is up (any status).
     * @return the running process.
     */
    public static Process start(
        final String maxHeap,
        final List<String> serveArgs,
        final Consumer<Map<String, String>> environment,
        final Path log,
        final String readyUrl) throws IOException, InterruptedException
    {
        final List<String> mainAndArgs = new ArrayList<>(List.of(RingbotMain.class.getName(), "serve"));
        mainAndArgs.addAll(serveArgs);
        return start(maxHeap, null, mainAndArgs, environment, log, readyUrl);
    }

    /**
     * Any main class that serves (a bot's own {@code main}, say), with a class path entry of its own.
     *
     * @param maxHeap        e.g. "512m".
     * @param extraClassPath appended to the test JVM's class path (a bot's jar), or null.
     * @param mainAndArgs    the main class and its arguments.
     * @param environment    changes the child's environment (add, replace or remove variables).
     * @param log            the file the child's output is appended to.
     * @param readyUrl       a URL that answers once the server is up (any status).
     * @return the running process.
     */
    public static Process start(
        final String maxHeap,
        final Path extraClassPath,
        final List<String> mainAndArgs,
        final Consumer<Map<String, String>> environment,
        final Path log,
        final String readyUrl) throws IOException, InterruptedException
    {
        final ProcessBuilder builder = new ProcessBuilder(command(maxHeap, extraClassPath, mainAndArgs))
            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        environment.accept(builder.environment());
        final Process process = builder.start();
        final HttpClient http = HttpClient.newHttpClient();
        final long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
        while (true)
        {
            assertTrue(process.isAlive(), () -> "the server process exited with " + process.exitValue() + "; see " + log);
            try
            {
                http.send(HttpRequest.newBuilder(URI.create(readyUrl)).GET().build(), HttpResponse.BodyHandlers.discarding());
                return process;
            }
            catch (final IOException notYet)
            {
                assertTrue(System.currentTimeMillis() < deadline, "the server did not start within 90 s; see " + log);
                Thread.sleep(100);
            }
        }
    }

    /**
     * @param maxHeap        e.g. "512m".
     * @param extraClassPath appended to the test JVM's class path, or null.
     * @param mainAndArgs    the main class and its arguments.
     * @return the command line of a JVM with the test JVM's class path and the flags the stack needs.
     */
    public static List<String> command(final String maxHeap, final Path extraClassPath, final List<String> mainAndArgs)
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (final String arg : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (arg.startsWith("--add-") || arg.startsWith("-Dchronicle"))
            {
                command.add(arg);
            }
        }
        command.addAll(List.of("-Xmx" + maxHeap, "-cp", System.getProperty("java.class.path") +
            (extraClassPath == null ? "" : System.getProperty("path.separator") + extraClassPath)));
        command.addAll(mainAndArgs);
        return command;
    }

    /**
     * @return a port free a moment ago.
     */
    public static int freePort() throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0))
        {
            return socket.getLocalPort();
        }
    }
}

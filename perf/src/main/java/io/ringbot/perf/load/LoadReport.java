package io.ringbot.perf.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Everything one invocation measured: its results, the bot-to-baseline comparisons, and whether it passed.
 *
 * @param generatedAt when, ISO-8601.
 * @param transport   the client's Netty transport.
 * @param passed      true when no result had errors or failed reply checks.
 * @param results     one per scenario and target.
 * @param comparisons one per scenario when comparing.
 */
public record LoadReport(
    String generatedAt, String transport, boolean passed, List<ScenarioResult> results, List<Comparison> comparisons)
{
    private static final ObjectMapper JSON = new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * @param file where to write the report as JSON.
     * @throws IOException when it cannot be written.
     */
    public void writeJson(final Path file) throws IOException
    {
        createParent(file);
        JSON.writeValue(file.toFile(), this);
    }

    /**
     * @return the report as JSON text.
     * @throws IOException never in practice (records of strings and numbers).
     */
    public String toJson() throws IOException
    {
        return JSON.writeValueAsString(this);
    }

    /**
     * @param file a JSON report.
     * @return the report.
     * @throws IOException when it cannot be read.
     */
    public static LoadReport readJson(final Path file) throws IOException
    {
        return JSON.readValue(file.toFile(), LoadReport.class);
    }

    static void createParent(final Path file) throws IOException
    {
        final Path parent = file.toAbsolutePath().getParent();
        if (parent != null)
        {
            Files.createDirectories(parent);
        }
    }

    /**
     * Prints each result and comparison for a person.
     *
     * @param out where.
     */
    public void print(final PrintStream out)
    {
        for (final ScenarioResult result : results)
        {
            printResult(out, result);
        }
        for (final Comparison comparison : comparisons)
        {
            out.println(comparison.describe());
        }
        out.println(passed ? "PASSED: no errors, no failed reply checks" : "FAILED: errors or failed reply checks");
    }

    private static void printResult(final PrintStream out, final ScenarioResult r)
    {
        out.printf("== %s @ %s (%s)%n   %s%n", r.scenario(), r.target(), r.url(), r.description());
        out.printf("   %,d answered in %.1f s: %,.0f req/s (%,d sent)%n",
            r.answered(), r.durationSeconds(), r.throughput(), r.sent());
        out.printf("   latency       %s%n", r.latency().describe());
        if ("open-loop".equals(r.mode()))
        {
            out.printf("   service time  %s%n", r.serviceTime().describe());
        }
        final String statuses = r.statuses().entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining(" "));
        out.printf("   statuses %s; errors %d (connect-failures %d, connection-losses %d, timeouts %d)%n",
            statuses.isEmpty() ? "none" : statuses, r.errors(), r.connectFailures(), r.connectionLosses(),
            r.timeouts());
        out.printf("   reply checks %,d, failed %d%s%n", r.checked(), r.checkFailureCount(), failures(r.checkFailures()));
        if (r.noIdleUser() > 0)
        {
            out.printf("   no idle user for %,d scheduled requests (more --users for this rate)%n", r.noIdleUser());
        }
    }

    private static String failures(final Map<String, Long> failures)
    {
        return failures.isEmpty() ? "" : " " + failures;
    }
}

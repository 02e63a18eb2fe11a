package io.ringbot.perf.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringbot.perf.baseline.BaselineServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The generator against the bare baseline on loopback: real sockets, real event loops, a few seconds.
 */
@Tag("system")
class LoadGeneratorSystemTest
{
    private static final String SECRET = "load-test-secret";
    private static final String BASELINE_MIX = "text=90,edit=5,media=5"; // kinds the baseline answers fully
    private static BaselineServer server;
    private static BaselineServer second;

    @BeforeAll
    static void start() throws Exception
    {
        server = BaselineServer.configure("--port", "0", "--secret", SECRET).start();
        second = BaselineServer.configure("--port", "0", "--secret", SECRET).start();
    }

    @AfterAll
    static void stop()
    {
        server.close();
        second.close();
    }

    @Test
    void shouldRunAClosedLoopWithoutErrorsAndWithCorrectReplies() throws Exception
    {
        final ScenarioResult result = generator().run(target(server, SECRET),
            new Scenario("max", 0, 0.2, 2, 20, 1_000, 8, TrafficMix.parse(BASELINE_MIX)));

        assertTrue(result.answered() > 0, "answered " + result.answered());
        assertTrue(result.checked() > 0, "checked " + result.checked());
        assertEquals(0, result.errors(), () -> "errors: " + result);
        assertEquals(0, result.checkFailureCount(), () -> "check failures: " + result.checkFailures());
        assertEquals(result.answered(), result.statuses().get("200"));
        assertTrue(result.clean());
    }

    @Test
    void shouldRunAnOpenLoopAtTheAskedRate() throws Exception
    {
        final ScenarioResult result = generator().run(target(server, SECRET),
            new Scenario("rate", 2_000, 0, 1, 2_000, 50_000, 4, TrafficMix.parse("text=1")));

        assertEquals(0, result.errors(), () -> "errors: " + result);
        assertEquals(0, result.checkFailureCount());
        assertEquals(0, result.noIdleUser());
        assertEquals(2_001, result.sent(), "a second at 2,000/s is 2,001 slots, both ends included");
        assertEquals(result.sent(), result.answered());
        assertEquals("open-loop", result.mode());
    }

    @Test
    void shouldCountEveryRejectionAsAnError() throws Exception
    {
        final ScenarioResult result = generator().run(target(server, "wrong"),
            new Scenario("bad-secret", 0, 0, 0.5, 5, 1, 2, TrafficMix.parse("text=1")));

        assertTrue(result.answered() > 0);
        assertEquals(result.answered(), result.statuses().get("401"));
        assertEquals(result.answered(), result.errors());
        assertFalse(result.clean());
    }

    @Test
    void shouldCountConnectionFailuresWhenNothingListens() throws Exception
    {
        final int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0))
        {
            port = probe.getLocalPort();
        }
        final ScenarioResult result = generator().run(
            Target.parse("nobody", "http://127.0.0.1:" + port + "/webhook", SECRET),
            new Scenario("refused", 0, 0, 0.3, 5, 1, 2, TrafficMix.parse("text=1")));

        assertEquals(0, result.answered());
        assertTrue(result.connectFailures() > 0);
        assertFalse(result.clean());
    }

    @Test
    void shouldTimeOutRequestsThatGetNoAnswer() throws Exception
    {
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress()))
        {
            // never accepted: connections complete in the backlog and requests are never answered
            final LoadGenerator generator = new LoadGenerator(1, 0.2, 42, new AtomicLong(1), null);
            final ScenarioResult result = generator.run(
                Target.parse("silent", "http://127.0.0.1:" + silent.getLocalPort() + "/webhook", SECRET),
                new Scenario("silent", 0, 0, 0.5, 4, 1, 2, TrafficMix.parse("text=1")));

            assertEquals(0, result.answered());
            assertTrue(result.timeouts() > 0, () -> "timeouts in " + result);
            assertFalse(result.clean());
        }
    }

    @Test
    void shouldRunATinySuiteAndWriteBothReports(@TempDir final Path dir) throws Exception
    {
        final Path json = dir.resolve("suite.json");
        final Path html = dir.resolve("suite.html");

        final int exit = LoadCommand.execute("--suite", "--scale", "0.02", "--users", "300", "--connections", "8",
            "--distinct-users", "20000", "--mix", "text=100", "--quiet",
            "--target", url(server), "--secret", SECRET, "--json", json.toString(), "--html", html.toString());

        assertEquals(0, exit);
        final JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertTrue(report.get("passed").asBoolean());
        assertEquals(4, report.get("results").size());
        for (final JsonNode result : report.get("results"))
        {
            assertTrue(result.get("answered").asLong() > 0, result.get("scenario").asText());
            assertEquals(0, result.get("errors").asLong(), result.get("scenario").asText());
        }
        final String page = Files.readString(html, StandardCharsets.UTF_8);
        assertTrue(page.contains("<svg") && page.contains("<polyline"));
        assertTrue(page.contains("distinct"));
    }

    @Test
    void shouldCompareTwoTargetsAndFailTheExitCodeOnErrors(@TempDir final Path dir) throws Exception
    {
        final Path json = dir.resolve("compare.json");

        final int exit = LoadCommand.execute("--compare", "--max", "--duration", "0.5", "--users", "10",
            "--connections", "4", "--quiet", "--target", url(server), "--baseline-target", url(second),
            "--secret", SECRET, "--json", json.toString());
        final int failing = LoadCommand.execute("--max", "--duration", "0.3", "--users", "4", "--connections", "2",
            "--quiet", "--target", url(server), "--secret", "wrong");
        final int allowed = LoadCommand.execute("--max", "--duration", "0.3", "--users", "4", "--connections", "2",
            "--quiet", "--target", url(server), "--secret", "wrong", "--allow-errors");

        assertEquals(0, exit);
        final LoadReport report = LoadReport.readJson(json);
        assertEquals(2, report.results().size());
        assertEquals("ringbot", report.results().get(0).target());
        assertEquals("baseline", report.results().get(1).target());
        assertEquals(1, report.comparisons().size());
        assertTrue(report.comparisons().get(0).throughputRatio() > 0);
        assertEquals(1, failing);
        assertEquals(0, allowed);
    }

    @Test
    void shouldRejectContradictoryOptions()
    {
        assertEquals(2, LoadCommand.execute("--rate", "100", "--max", "--target", url(server)));
        assertEquals(2, LoadCommand.execute("--mix", "text=1,voice=2", "--target", url(server)));
        assertEquals(2, LoadCommand.execute("--target", "https://127.0.0.1:1/webhook"));
    }

    private static LoadGenerator generator()
    {
        return new LoadGenerator(1, 2, 42, new AtomicLong(1 + System.currentTimeMillis() / 1000 % 2_000 * 1_000_000L), null);
    }

    private static Target target(final BaselineServer baseline, final String secret)
    {
        return Target.parse("baseline", url(baseline), secret);
    }

    private static String url(final BaselineServer baseline)
    {
        return "http://127.0.0.1:" + baseline.port() + "/webhook";
    }
}

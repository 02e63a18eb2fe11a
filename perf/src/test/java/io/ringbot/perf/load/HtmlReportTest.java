package io.ringbot.perf.load;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HtmlReportTest
{
    @Test
    void shouldDrawOneLinePerResultAndLoadNothingFromElsewhere() throws IOException
    {
        final String page = HtmlReport.render(report("steady", "max"));

        assertEquals(2, page.split("<polyline", -1).length - 1);
        assertFalse(page.matches("(?s).*(src|href)=\"https?:.*"), "self-contained");
        assertTrue(page.contains("99.9%"));
        assertTrue(page.contains("id=\"report-data\""));
    }

    @Test
    void shouldEscapeNamesAndTheEmbeddedJson() throws IOException
    {
        final String page = HtmlReport.render(report("<script>alert(1)</script>"));

        assertFalse(page.contains("<script>alert"));
        assertTrue(page.contains("&lt;script&gt;"));
        assertTrue(page.contains("\\u003c/script>"), "JSON cannot open or close a script element");
    }

    @Test
    void shouldSpreadTheTailOnTheXAxis()
    {
        assertEquals(0, HtmlReport.nines(0), 1e-9);
        assertEquals(1, HtmlReport.nines(90), 1e-9);
        assertEquals(3, HtmlReport.nines(99.9), 1e-9);
        assertEquals(5, HtmlReport.nines(100), 1e-9);
    }

    private static LoadReport report(final String... scenarios)
    {
        final LatencySummary latency = new LatencySummary(100, 1, 0.5, 0.9, 2, 4, 8);
        final List<ScenarioResult> results = java.util.Arrays.stream(scenarios)
            .map(name -> new ScenarioResult(name, "ringbot", "http://127.0.0.1:8080/webhook", "closed-loop",
                "closed loop", 0, 1, 10, 2, 100, 100, 100, latency, latency, Map.of("200", 100L), 0, 0, 0, 0, 80,
                Map.of(), 0, List.of(new PercentilePoint(0, 0.1), new PercentilePoint(50, 0.5),
                new PercentilePoint(99, 2), new PercentilePoint(100, 8))))
            .toList();
        return new LoadReport("2026-01-01T00:00:00Z", "nio", true, results, List.of());
    }
}

package io.ringbot.perf.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;

/**
 * Renders a {@link LoadReport} as one self-contained HTML page: an inline SVG chart of every result's latency
 * percentile distribution, the figures as tables, and the report's JSON; nothing is loaded from elsewhere.
 */
public final class HtmlReport
{
    private static final String TEMPLATE = "report.html";
    private static final String[] COLOURS = {
        "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#7f7f7f" };
    private static final int WIDTH = 960;
    private static final int HEIGHT = 440;
    private static final int LEFT = 70;
    private static final int RIGHT = 230;
    private static final int TOP = 20;
    private static final int BOTTOM = 50;
    /** The x axis ends at 99.999%: further out a run of seconds has too few samples to say anything. */
    private static final int MAX_NINES = 5;
    /** Latencies below a microsecond are drawn at one, the floor of the log axis. */
    private static final double MIN_MS = 0.001;
    private static final String[] PERCENTILE_LABELS = { "0%", "90%", "99%", "99.9%", "99.99%", "99.999%" };

    private HtmlReport()
    {
    }

    /**
     * @param report the report.
     * @param file   where to write the page.
     * @throws IOException when it cannot be written.
     */
    public static void write(final LoadReport report, final Path file) throws IOException
    {
        LoadReport.createParent(file);
        Files.writeString(file, render(report), StandardCharsets.UTF_8);
    }

    /**
     * @param report the report.
     * @return the page.
     * @throws IOException when the report's JSON cannot be rendered.
     */
    public static String render(final LoadReport report) throws IOException
    {
        return template()
            .replace("${generatedAt}", escape(report.generatedAt()))
            .replace("${transport}", escape(report.transport()))
            .replace("${verdictClass}", report.passed() ? "passed" : "failed")
            .replace("${verdict}", report.passed() ? "passed: no errors, no failed reply checks"
                : "FAILED: errors or failed reply checks")
            .replace("${chart}", chart(report.results()))
            .replace("${results}", resultsTable(report.results()))
            .replace("${comparisons}", comparisonsTable(report.comparisons()))
            // '<' occurs only inside JSON strings, where its escape is equivalent and inert in a script element
            .replace("${json}", report.toJson().replace("<", "\\u003c"));
    }

    private static String template()
    {
        try (InputStream in = HtmlReport.class.getResourceAsStream(TEMPLATE))
        {
            if (in == null)
            {
                throw new IllegalStateException("resource " + TEMPLATE + " missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * @param percentile 0 to 100.
     * @return its position on the x axis: the number of nines, e.g. 2 for 99%.
     */
    static double nines(final double percentile)
    {
        final double remaining = Math.max(1 - percentile / 100, Math.pow(10, -MAX_NINES));
        return Math.log10(1 / remaining);
    }

    static String chart(final List<ScenarioResult> results)
    {
        // log latency axis: sub-millisecond medians and 100 ms tails both stay readable
        double minMs = Double.MAX_VALUE;
        double maxMs = 0;
        for (final ScenarioResult result : results)
        {
            for (final PercentilePoint point : result.distribution())
            {
                minMs = Math.min(minMs, Math.max(MIN_MS, point.latencyMs()));
                maxMs = Math.max(maxMs, point.latencyMs());
            }
        }
        final int lowDecade = maxMs > 0 ? (int)Math.floor(Math.log10(minMs)) : -1;
        final int highDecade = Math.max(lowDecade + 1, maxMs > 0 ? (int)Math.ceil(Math.log10(maxMs)) : 0);
        final double plotWidth = WIDTH - LEFT - RIGHT;
        final double plotHeight = HEIGHT - TOP - BOTTOM;
        final DoubleUnaryOperator yOf = ms -> TOP + plotHeight
            - plotHeight * (Math.log10(Math.max(MIN_MS, ms)) - lowDecade) / (highDecade - lowDecade);
        final StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">%n",
            WIDTH, HEIGHT, WIDTH, HEIGHT));
        for (int nines = 0; nines <= MAX_NINES; nines++)
        {
            final double x = LEFT + plotWidth * nines / MAX_NINES;
            svg.append(String.format(Locale.ROOT,
                "<line class=\"grid\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%.1f\"/>"
                    + "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>%n",
                x, TOP, x, TOP + plotHeight, x, TOP + plotHeight + 18, PERCENTILE_LABELS[nines]));
        }
        for (int decade = lowDecade; decade <= highDecade; decade++)
        {
            final double ms = Math.pow(10, decade);
            final double y = yOf.applyAsDouble(ms);
            svg.append(String.format(Locale.ROOT,
                "<line class=\"grid\" x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n",
                LEFT, y, LEFT + plotWidth, y, LEFT - 6, y + 4, decadeLabel(decade)));
        }
        svg.append(String.format(Locale.ROOT,
            "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%.1f\"/>"
                + "<line class=\"axis\" x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>%n"
                + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">percentile</text>"
                + "<text x=\"16\" y=\"%.1f\" transform=\"rotate(-90 16 %.1f)\" text-anchor=\"middle\">"
                + "latency (ms, log scale)</text>%n",
            LEFT, TOP, LEFT, TOP + plotHeight, LEFT, TOP + plotHeight, LEFT + plotWidth, TOP + plotHeight,
            LEFT + plotWidth / 2, HEIGHT - 8, TOP + plotHeight / 2, TOP + plotHeight / 2));
        for (int i = 0; i < results.size(); i++)
        {
            final ScenarioResult result = results.get(i);
            final String colour = COLOURS[i % COLOURS.length];
            final StringBuilder points = new StringBuilder();
            for (final PercentilePoint point : result.distribution())
            {
                final double x = LEFT + plotWidth * nines(point.percentile()) / MAX_NINES;
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, yOf.applyAsDouble(point.latencyMs())));
            }
            svg.append(String.format(Locale.ROOT,
                "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>%n", colour, points));
            final double legendY = TOP + 10 + i * 20;
            svg.append(String.format(Locale.ROOT,
                "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"3\"/>"
                    + "<text x=\"%.1f\" y=\"%.1f\">%s</text>%n",
                LEFT + plotWidth + 12, legendY, LEFT + plotWidth + 32, legendY, colour,
                LEFT + plotWidth + 38, legendY + 4, escape(result.scenario() + " @ " + result.target())));
        }
        return svg.append("</svg>").toString();
    }

    private static String decadeLabel(final int decade)
    {
        return decade >= 0 ? String.format(Locale.ROOT, "%,d", (long)Math.pow(10, decade))
            : BigDecimal.ONE.scaleByPowerOfTen(decade).toPlainString();
    }

    private static String resultsTable(final List<ScenarioResult> results)
    {
        final StringBuilder html = new StringBuilder("<table>\n<thead><tr><th>scenario</th><th>target</th>"
            + "<th>mode</th><th>req/s</th><th>answered</th><th>p50 ms</th><th>p90 ms</th><th>p99 ms</th>"
            + "<th>p99.9 ms</th><th>max ms</th><th>errors</th><th>check failures</th><th>no idle user</th>"
            + "</tr></thead>\n<tbody>\n");
        for (final ScenarioResult r : results)
        {
            final LatencySummary l = r.latency();
            html.append("<tr title=\"").append(escape(r.description() + "; statuses " + r.statuses()))
                .append("\"><td>").append(escape(r.scenario()))
                .append("</td><td>").append(escape(r.target()))
                .append("</td><td>").append(escape(r.mode()))
                .append(cell(String.format(Locale.ROOT, "%,.0f", r.throughput()), false))
                .append(cell(String.format(Locale.ROOT, "%,d", r.answered()), false))
                .append(cell(LatencySummary.ms(l.p50Ms()), false))
                .append(cell(LatencySummary.ms(l.p90Ms()), false))
                .append(cell(LatencySummary.ms(l.p99Ms()), false))
                .append(cell(LatencySummary.ms(l.p999Ms()), false))
                .append(cell(LatencySummary.ms(l.maxMs()), false))
                .append(cell(Long.toString(r.errors()), r.errors() > 0))
                .append(cell(Long.toString(r.checkFailureCount()), r.checkFailureCount() > 0))
                .append(cell(Long.toString(r.noIdleUser()), false))
                .append("</td></tr>\n");
        }
        return html.append("</tbody>\n</table>").toString();
    }

    private static String comparisonsTable(final List<Comparison> comparisons)
    {
        if (comparisons.isEmpty())
        {
            return "";
        }
        final StringBuilder html = new StringBuilder("<h2>Bot against bare baseline</h2>\n<table>\n<thead><tr>"
            + "<th>scenario</th><th>targets</th><th>throughput ratio</th><th>p99 ratio</th></tr></thead>\n<tbody>\n");
        for (final Comparison c : comparisons)
        {
            html.append("<tr><td>").append(escape(c.scenario()))
                .append("</td><td>").append(escape(c.target() + " / " + c.baseline()))
                .append(cell(String.format(Locale.ROOT, "%.2f", c.throughputRatio()), false))
                .append(cell(String.format(Locale.ROOT, "%.2f", c.p99Ratio()), false))
                .append("</td></tr>\n");
        }
        return html.append("</tbody>\n</table>").toString();
    }

    private static String cell(final String text, final boolean bad)
    {
        return (bad ? "</td><td class=\"bad\">" : "</td><td>") + escape(text);
    }

    static String escape(final String text)
    {
        final StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            switch (c)
            {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}

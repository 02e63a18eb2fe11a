package io.ringbot.perf.load;

import org.HdrHistogram.Histogram;

/**
 * Percentiles of one latency histogram, in milliseconds.
 *
 * @param count  values recorded.
 * @param meanMs the mean.
 * @param p50Ms  the median.
 * @param p90Ms  the 90th percentile.
 * @param p99Ms  the 99th percentile.
 * @param p999Ms the 99.9th percentile.
 * @param maxMs  the largest value.
 */
public record LatencySummary(long count, double meanMs, double p50Ms, double p90Ms, double p99Ms, double p999Ms,
    double maxMs)
{
    private static final double NANOS_PER_MS = 1e6;

    /**
     * @param nanos a histogram of nanoseconds.
     * @return its summary.
     */
    public static LatencySummary of(final Histogram nanos)
    {
        return new LatencySummary(
            nanos.getTotalCount(),
            nanos.getMean() / NANOS_PER_MS,
            nanos.getValueAtPercentile(50) / NANOS_PER_MS,
            nanos.getValueAtPercentile(90) / NANOS_PER_MS,
            nanos.getValueAtPercentile(99) / NANOS_PER_MS,
            nanos.getValueAtPercentile(99.9) / NANOS_PER_MS,
            nanos.getMaxValue() / NANOS_PER_MS);
    }

    /**
     * @return the percentiles on one line.
     */
    public String describe()
    {
        return String.format("p50 %s  p90 %s  p99 %s  p99.9 %s  max %s ms",
            ms(p50Ms), ms(p90Ms), ms(p99Ms), ms(p999Ms), ms(maxMs));
    }

    static String ms(final double ms)
    {
        return ms >= 100 ? String.format("%.0f", ms) : ms >= 10 ? String.format("%.1f", ms)
            : String.format("%.3f", ms);
    }
}

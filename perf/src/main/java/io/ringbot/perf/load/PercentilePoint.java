package io.ringbot.perf.load;

/**
 * One point of a latency percentile distribution, for charts.
 *
 * @param percentile the percentile, 0 to 100.
 * @param latencyMs  the latency at it.
 */
public record PercentilePoint(double percentile, double latencyMs)
{
}

package io.ringbot.perf.load;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one scenario against one target, as written to the JSON report.
 *
 * @param scenario          the scenario's name.
 * @param target            the target's label.
 * @param url               the target's URL.
 * @param mode              {@code open-loop} or {@code closed-loop}.
 * @param description       the scenario in words.
 * @param requestedRate     the open-loop rate, 0 in a closed loop.
 * @param durationSeconds   the measured time.
 * @param users             virtual users.
 * @param connections       connections.
 * @param sent              requests written.
 * @param answered          answers read.
 * @param throughput        answers per second.
 * @param latency           from the intended send time (coordinated omission corrected).
 * @param serviceTime       from the actual write.
 * @param statuses          answers by HTTP status.
 * @param connectFailures   failed connection attempts.
 * @param connectionLosses  connections closed with a request in flight.
 * @param timeouts          requests unanswered in time.
 * @param errors            all of the above that are errors (non-200 answers included).
 * @param checked           answers whose body was checked.
 * @param checkFailures     failed checks by reason.
 * @param noIdleUser        open-loop slots skipped because every user had a request in flight.
 * @param distribution      the latency percentile distribution.
 */
public record ScenarioResult(
    String scenario,
    String target,
    String url,
    String mode,
    String description,
    double requestedRate,
    double durationSeconds,
    int users,
    int connections,
    long sent,
    long answered,
    double throughput,
    LatencySummary latency,
    LatencySummary serviceTime,
    Map<String, Long> statuses,
    long connectFailures,
    long connectionLosses,
    long timeouts,
    long errors,
    long checked,
    Map<String, Long> checkFailures,
    long noIdleUser,
    List<PercentilePoint> distribution)
{
    private static final int TICKS_PER_HALF_DISTANCE = 5;

    /**
     * @param scenario       the scenario.
     * @param target         the target.
     * @param stats          the counters after the run.
     * @param latency        all corrected latencies, nanoseconds.
     * @param serviceTime    all service times, nanoseconds.
     * @param measuredSeconds the measured time.
     * @param answeredInTime answers read within the measured time (for throughput).
     * @return the result.
     */
    public static ScenarioResult of(
        final Scenario scenario,
        final Target target,
        final LoadStats stats,
        final Histogram latency,
        final Histogram serviceTime,
        final double measuredSeconds,
        final long answeredInTime)
    {
        final Map<String, Long> statuses = new LinkedHashMap<>();
        for (int status = 0; status < 600; status++)
        {
            final long count = stats.status(status);
            if (count > 0)
            {
                statuses.put(status == 0 ? "other" : Integer.toString(status), count);
            }
        }
        final Map<String, Long> failures = new LinkedHashMap<>();
        for (final CheckFailure failure : CheckFailure.values())
        {
            if (stats.checkFailures(failure) > 0)
            {
                failures.put(failure.label(), stats.checkFailures(failure));
            }
        }
        return new ScenarioResult(
            scenario.name(),
            target.name(),
            target.url(),
            scenario.openLoop() ? "open-loop" : "closed-loop",
            scenario.describe(),
            scenario.ratePerSecond(),
            measuredSeconds,
            scenario.users(),
            scenario.connections(),
            stats.sent(),
            stats.answered(),
            measuredSeconds > 0 ? answeredInTime / measuredSeconds : 0,
            LatencySummary.of(latency),
            LatencySummary.of(serviceTime),
            statuses,
            stats.connectFailures(),
            stats.connectionLosses(),
            stats.timeouts(),
            stats.errors(),
            stats.checked(),
            failures,
            stats.noIdleUser(),
            distribution(latency));
    }

    private static List<PercentilePoint> distribution(final Histogram nanos)
    {
        final List<PercentilePoint> points = new ArrayList<>();
        if (nanos.getTotalCount() == 0)
        {
            return points;
        }
        for (final HistogramIterationValue value : nanos.percentiles(TICKS_PER_HALF_DISTANCE))
        {
            points.add(new PercentilePoint(value.getPercentileLevelIteratedTo(),
                nanos.highestEquivalentValue(value.getValueIteratedTo()) / 1e6));
        }
        return points;
    }

    /**
     * @return the number of failed reply checks.
     */
    public long checkFailureCount()
    {
        return checkFailures.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * @return true when there were no errors and no failed reply checks.
     */
    public boolean clean()
    {
        return errors == 0 && checkFailureCount() == 0;
    }
}

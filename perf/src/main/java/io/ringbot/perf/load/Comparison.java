package io.ringbot.perf.load;

/**
 * The same scenario against the bot and against the bare baseline.
 *
 * @param scenario        the scenario's name.
 * @param target          the bot's label.
 * @param baseline        the baseline's label.
 * @param throughputRatio the bot's throughput over the baseline's (1 = as fast).
 * @param p99Ratio        the bot's p99 latency over the baseline's (1 = as fast, above 1 = slower).
 */
public record Comparison(String scenario, String target, String baseline, double throughputRatio, double p99Ratio)
{
    /**
     * @param bot      the bot's result.
     * @param baseline the baseline's result.
     * @return the ratios (NaN where the baseline's figure is zero).
     */
    public static Comparison of(final ScenarioResult bot, final ScenarioResult baseline)
    {
        return new Comparison(bot.scenario(), bot.target(), baseline.target(),
            ratio(bot.throughput(), baseline.throughput()),
            ratio(bot.latency().p99Ms(), baseline.latency().p99Ms()));
    }

    private static double ratio(final double a, final double b)
    {
        return b == 0 ? Double.NaN : a / b;
    }

    /**
     * @return the comparison on one line.
     */
    public String describe()
    {
        return String.format("%s: %s/%s throughput ratio %.2f, p99 ratio %.2f",
            scenario, target, baseline, throughputRatio, p99Ratio);
    }
}

package io.ringbot.perf.load;

/**
 * One load to apply: how hard, for how long, by how many users.
 *
 * @param name            a label for reports.
 * @param ratePerSecond   the open-loop rate, or 0 for a closed loop as fast as answers come.
 * @param warmupSeconds   load applied first and not recorded.
 * @param durationSeconds load applied and recorded.
 * @param users           distinct virtual users.
 * @param firstUserId     the Telegram id of the first user.
 * @param connections     keep-alive connections.
 * @param mix             the update kinds' weights.
 */
public record Scenario(
    String name,
    double ratePerSecond,
    double warmupSeconds,
    double durationSeconds,
    int users,
    long firstUserId,
    int connections,
    TrafficMix mix)
{
    /**
     * Validates once, saying what to change.
     */
    public Scenario
    {
        if (ratePerSecond < 0)
        {
            throw new IllegalArgumentException(name + ": --rate must be positive");
        }
        if (warmupSeconds < 0 || !(durationSeconds > 0))
        {
            throw new IllegalArgumentException(name + ": --duration must be positive and --warmup not negative");
        }
        if (users < 1 || connections < 1)
        {
            throw new IllegalArgumentException(name + ": --users and --connections must be at least 1");
        }
        if (firstUserId < 1)
        {
            throw new IllegalArgumentException(name + ": --user-offset must be at least 1 (a Telegram user id)");
        }
    }

    /**
     * @return true for an open loop at a fixed rate.
     */
    public boolean openLoop()
    {
        return ratePerSecond > 0;
    }

    /**
     * @return a one-line description.
     */
    public String describe()
    {
        return (openLoop() ? String.format("open loop %,.0f req/s", ratePerSecond) : "closed loop (max)")
            + String.format(", %,d users from %d, %d connections, %s s", users, firstUserId, connections,
            trim(durationSeconds))
            + (warmupSeconds > 0 ? " after " + trim(warmupSeconds) + " s warm-up" : "")
            + ", mix " + mix;
    }

    private static String trim(final double seconds)
    {
        return seconds == Math.rint(seconds) ? Long.toString((long)seconds) : Double.toString(seconds);
    }
}

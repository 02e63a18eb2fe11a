package io.ringbot.perf.load;

import java.util.List;

/**
 * The fixed scenarios of {@code ringbot load --suite}, with every duration multiplied by a scale factor so
 * that tests can run a tiny suite:
 * <ol>
 *   <li>steady: 10,000 req/s open loop for 30 s, after a 10 s warm-up at that rate;</li>
 *   <li>burst: 30,000 req/s open loop for 5 s;</li>
 *   <li>max: closed loop as fast as answers come for 30 s;</li>
 *   <li>distinct: closed loop for 30 s over 1,000,000 users the server has not seen.</li>
 * </ol>
 */
public final class LoadSuite
{
    /** Users of the distinct-users scenario. */
    public static final int DISTINCT_USERS = 1_000_000;

    private static final double MIN_SECONDS = 0.1;

    private LoadSuite()
    {
    }

    /**
     * @param scale               multiplies every duration.
     * @param users               users of the steady, burst and max scenarios.
     * @param firstUserId         their first Telegram id.
     * @param distinctUsers       users of the distinct scenario.
     * @param distinctFirstUserId its first id: pick one the server has not seen.
     * @param connections         connections of every scenario.
     * @param mix                 the update kinds' weights of every scenario.
     * @return the scenarios in running order.
     */
    public static List<Scenario> scenarios(
        final double scale,
        final int users,
        final long firstUserId,
        final int distinctUsers,
        final long distinctFirstUserId,
        final int connections,
        final TrafficMix mix)
    {
        if (!(scale > 0))
        {
            throw new IllegalArgumentException("--scale must be positive");
        }
        return List.of(
            new Scenario("steady", 10_000, seconds(10, scale), seconds(30, scale), users, firstUserId, connections, mix),
            new Scenario("burst", 30_000, 0, seconds(5, scale), users, firstUserId, connections, mix),
            new Scenario("max", 0, 0, seconds(30, scale), users, firstUserId, connections, mix),
            new Scenario("distinct", 0, 0, seconds(30, scale), distinctUsers, distinctFirstUserId, connections, mix));
    }

    /**
     * @param epochSecond the current time.
     * @return a first user id that differs from run to run (a new block of a million ids each second),
     *     staying below 2^53 so that every JSON reader holds it exactly.
     */
    public static long freshFirstUserId(final long epochSecond)
    {
        return 1_000_000_000_000L + (epochSecond % 1_000_000L) * DISTINCT_USERS;
    }

    private static double seconds(final double seconds, final double scale)
    {
        return Math.max(MIN_SECONDS, seconds * scale);
    }
}

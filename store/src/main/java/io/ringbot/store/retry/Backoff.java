package io.ringbot.store.retry;

import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with "equal jitter", the one retry pause of the journal, the outbound queue and polling.
 * <p>
 * After {@code n} failures in a row the ceiling is {@code min(max, initial * 2^(n-1))} and the pause is drawn
 * uniformly from {@code [ceiling - ceiling/2, ceiling]}: half fixed, so a retry never comes at once, half random,
 * so that many servers failing together do not retry together. A count below one counts as one.
 * <p>
 * Immutable; safe for any thread when it draws from {@link ThreadLocalRandom} (the default). Tests pass their own
 * {@link RandomGenerator} to pin the draw. Hand-written: the libraries that do backoff (resilience4j, failsafe)
 * schedule the retry themselves, where these callers only need the pause in their own duty cycle.
 */
public final class Backoff
{
    private final long initialMillis;
    private final long maxMillis;
    private final RandomGenerator random;

    /**
     * @param initialMillis the ceiling after the first failure, at least 1.
     * @param maxMillis     the highest ceiling, at least {@code initialMillis}.
     */
    public Backoff(final long initialMillis, final long maxMillis)
    {
        this(initialMillis, maxMillis, null);
    }

    /**
     * @param initialMillis the ceiling after the first failure, at least 1.
     * @param maxMillis     the highest ceiling, at least {@code initialMillis}.
     * @param random        the source of the jitter, or null for the calling thread's {@link ThreadLocalRandom}.
     */
    public Backoff(final long initialMillis, final long maxMillis, final RandomGenerator random)
    {
        if (initialMillis < 1 || maxMillis < initialMillis)
        {
            throw new IllegalArgumentException("backoff needs 1 <= initial (" + initialMillis + ") <= max (" +
                maxMillis + ")");
        }
        this.initialMillis = initialMillis;
        this.maxMillis = maxMillis;
        this.random = random;
    }

    /**
     * @param failuresInARow how many attempts failed in a row, counting the one just failed.
     * @return the ceiling of the pause: {@code min(max, initial * 2^(failures-1))}, without overflow.
     */
    public long ceilingMillis(final int failuresInARow)
    {
        final int shift = Math.min(Math.max(failuresInARow, 1) - 1, 62);
        return initialMillis > (maxMillis >> shift) ? maxMillis : initialMillis << shift;
    }

    /**
     * @param failuresInARow how many attempts failed in a row, counting the one just failed.
     * @return the pause before the next attempt, in {@code [ceiling - ceiling/2, ceiling]}.
     */
    public long delayMillis(final int failuresInARow)
    {
        final long ceiling = ceilingMillis(failuresInARow);
        final long half = ceiling / 2;
        if (half == 0)
        {
            return ceiling;
        }
        final long jitter = random != null ? random.nextLong(half + 1) : ThreadLocalRandom.current().nextLong(half + 1);
        return ceiling - half + jitter;
    }

    public long initialMillis()
    {
        return initialMillis;
    }

    public long maxMillis()
    {
        return maxMillis;
    }

    public String toString()
    {
        return "Backoff{initialMillis=" + initialMillis + ", maxMillis=" + maxMillis + '}';
    }
}

package io.ringbot.perf.load;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.StringJoiner;

/**
 * Relative weights of the update kinds, parsed from {@code text=80,command=5,callback=10,edit=3,media=2}.
 * Kinds left out weigh nothing.
 */
public final class TrafficMix
{
    /** The default: mostly counted text, some commands, button presses, edits and media. */
    public static final String DEFAULT = "text=80,command=5,callback=10,edit=3,media=2";

    private static final UpdateKind[] KINDS = UpdateKind.values();

    private final int[] weights;
    private final int total;

    private TrafficMix(final int[] weights)
    {
        this.weights = weights;
        this.total = Arrays.stream(weights).sum();
    }

    /**
     * @param spec comma-separated {@code kind=weight} pairs.
     * @return the mix.
     * @throws IllegalArgumentException naming what to change when the spec is malformed.
     */
    public static TrafficMix parse(final String spec)
    {
        final int[] weights = new int[KINDS.length];
        for (final String part : spec.split(","))
        {
            final String pair = part.trim();
            if (pair.isEmpty())
            {
                continue;
            }
            final int eq = pair.indexOf('=');
            if (eq < 0)
            {
                throw new IllegalArgumentException("mix entry '" + pair + "' is not kind=weight");
            }
            final UpdateKind kind = kindOf(pair.substring(0, eq).trim());
            final int weight;
            try
            {
                weight = Integer.parseInt(pair.substring(eq + 1).trim());
            }
            catch (final NumberFormatException ex)
            {
                throw new IllegalArgumentException("mix weight of '" + kind.key() + "' is not a whole number", ex);
            }
            if (weight < 0)
            {
                throw new IllegalArgumentException("mix weight of '" + kind.key() + "' is negative");
            }
            weights[kind.ordinal()] += weight;
        }
        if (Arrays.stream(weights).sum() <= 0)
        {
            throw new IllegalArgumentException("mix '" + spec + "' has no positive weight");
        }
        return new TrafficMix(weights);
    }

    private static UpdateKind kindOf(final String key)
    {
        for (final UpdateKind kind : KINDS)
        {
            if (kind.key().equals(key.toLowerCase(Locale.ROOT)))
            {
                return kind;
            }
        }
        final StringJoiner known = new StringJoiner(", ");
        for (final UpdateKind kind : KINDS)
        {
            known.add(kind.key());
        }
        throw new IllegalArgumentException("unknown update kind '" + key + "' in mix; use " + known);
    }

    /**
     * @param kind an update kind.
     * @return its weight.
     */
    public int weight(final UpdateKind kind)
    {
        return weights[kind.ordinal()];
    }

    /**
     * @param random the caller's random source.
     * @return a kind drawn with probability proportional to its weight.
     */
    public UpdateKind pick(final SplittableRandom random)
    {
        int ticket = random.nextInt(total);
        for (int i = 0; i < weights.length; i++)
        {
            ticket -= weights[i];
            if (ticket < 0)
            {
                return KINDS[i];
            }
        }
        throw new IllegalStateException("weights changed under the mix");
    }

    /**
     * @return true when commands or callback queries are sent: their checks need a bot's replies, which
     *     the bare baseline (plain text only) does not give.
     */
    public boolean expectsBotReplies()
    {
        return weights[UpdateKind.COMMAND.ordinal()] + weights[UpdateKind.CALLBACK.ordinal()] > 0;
    }

    @Override
    public String toString()
    {
        final StringJoiner out = new StringJoiner(",");
        for (final UpdateKind kind : KINDS)
        {
            if (weights[kind.ordinal()] > 0)
            {
                out.add(kind.key() + "=" + weights[kind.ordinal()]);
            }
        }
        return out.toString();
    }
}

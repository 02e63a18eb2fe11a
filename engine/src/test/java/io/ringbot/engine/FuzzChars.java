package io.ringbot.engine;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;

/**
 * Texts for the fuzz tests of what a handler writes: any UTF-16 units, as Java lets a handler build them.
 */
public final class FuzzChars
{
    private FuzzChars()
    {
    }

    /**
     * Any UTF-16 units, lone surrogates included; sometimes a long run of one unit.
     *
     * @param data the fuzzer's input.
     * @param into the builder to fill (cleared first).
     * @param max  at most so many units.
     * @return {@code into}.
     */
    public static StringBuilder chars(final FuzzedDataProvider data, final StringBuilder into, final int max)
    {
        into.setLength(0);
        final int n = data.consumeInt(0, max);
        final boolean repeat = data.consumeBoolean();
        final char c = data.consumeChar();
        for (int i = 0; i < n && data.remainingBytes() > 0; i++)
        {
            into.append(repeat ? c : data.consumeChar());
        }
        if (repeat)
        {
            for (int i = into.length(); i < n; i++)
            {
                into.append(c);
            }
        }
        return into;
    }

    /**
     * What a text becomes on the way to Telegram: cut to a limit of UTF-16 units (never inside a surrogate
     * pair), each lone surrogate replaced by U+FFFD.
     *
     * @param text     the text.
     * @param maxChars the limit.
     * @return the text as it is sent.
     */
    public static String sent(final CharSequence text, final int maxChars)
    {
        int end = Math.min(text.length(), maxChars);
        if (end < text.length() && end > 0 && Character.isHighSurrogate(text.charAt(end - 1)) &&
            Character.isLowSurrogate(text.charAt(end)))
        {
            end--;
        }
        final StringBuilder out = new StringBuilder(end);
        for (int i = 0; i < end; i++)
        {
            final char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(text.charAt(i + 1)))
            {
                out.append(c).append(text.charAt(++i));
            }
            else
            {
                out.append(Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return out.toString();
    }
}

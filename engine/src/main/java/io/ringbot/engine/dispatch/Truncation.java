package io.ringbot.engine.dispatch;

/**
 * Cuts reply text to Telegram's limits, counted as Telegram counts them (UTF-16 code units), at a code
 * point boundary, never inside a surrogate pair. Record strings are fitted by the store's own
 * {@code StringField}.
 */
public final class Truncation
{
    private Truncation()
    {
    }

    /**
     * @param text     the text.
     * @param maxChars a limit in UTF-16 code units (Telegram counts message lengths so).
     * @return how many chars of the text to keep: all, or fewer, never ending inside a surrogate pair.
     */
    public static int prefixOfChars(final CharSequence text, final int maxChars)
    {
        final int length = text.length();
        if (length <= maxChars)
        {
            return length;
        }
        int i = maxChars;
        if (i > 0 && Character.isHighSurrogate(text.charAt(i - 1)) && Character.isLowSurrogate(text.charAt(i)))
        {
            i--;
        }
        return i;
    }
}

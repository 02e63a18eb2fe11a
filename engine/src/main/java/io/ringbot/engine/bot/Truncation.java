package io.ringbot.engine.bot;

/**
 * Fits text into a record's fixed UTF-8 field: a longer value would make Chronicle Values throw. Counts
 * bytes by the store's own measure, which encodes each UTF-16 char on its own (1 byte below U+0080,
 * 2 below U+0800, else 3, so a surrogate pair takes 6 bytes, not UTF-8's 4): a prefix that fits by
 * this measure is always accepted ({@code TruncationTest} checks it against a real store). Cuts at a
 * code point boundary, never inside a surrogate pair.
 */
final class Truncation
{
    private Truncation()
    {
    }

    /**
     * @param text     the text.
     * @param maxBytes the field's UTF-8 capacity ({@code @MaxUtf8Length}).
     * @param scratch  where a cut copy goes (the caller's own, reused).
     * @return the text itself when it fits, else the longest prefix that does.
     */
    static CharSequence utf8(final CharSequence text, final int maxBytes, final StringBuilder scratch)
    {
        final int length = text.length();
        if (length * 3 <= maxBytes)
        {
            return text;
        }
        final int cut = prefixFitting(text, maxBytes);
        if (cut == length)
        {
            return text;
        }
        scratch.setLength(0);
        scratch.append(text, 0, cut);
        return scratch;
    }

    /**
     * @param text     the text.
     * @param maxBytes the capacity in the store's measure.
     * @return how many chars of the text fit, never ending between the two halves of a surrogate pair.
     */
    static int prefixFitting(final CharSequence text, final int maxBytes)
    {
        final int length = text.length();
        int bytes = 0;
        int i = 0;
        while (i < length)
        {
            final char c = text.charAt(i);
            bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
            if (bytes > maxBytes)
            {
                break;
            }
            i++;
        }
        if (i > 0 && i < length && Character.isHighSurrogate(text.charAt(i - 1)) && Character.isLowSurrogate(text.charAt(i)))
        {
            i--;
        }
        return i;
    }

    /**
     * @param text     the text.
     * @param maxChars a limit in UTF-16 code units (Telegram counts message lengths so).
     * @return how many chars of the text to keep: all, or fewer, never ending inside a surrogate pair.
     */
    static int prefixOfChars(final CharSequence text, final int maxChars)
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

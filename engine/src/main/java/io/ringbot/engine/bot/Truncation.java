package io.ringbot.engine.bot;

/**
 * Fits text into a record's fixed UTF-8 field: a longer value would make Chronicle Values throw.
 * Cuts at a character boundary, never inside a surrogate pair.
 */
final class Truncation
{
    private Truncation()
    {
    }

    /**
     * @param text     the text.
     * @param maxBytes the field's UTF-8 capacity.
     * @param scratch  where a cut copy goes (the caller's own, reused).
     * @return the text itself when it fits, else a prefix that does.
     */
    static CharSequence utf8(final CharSequence text, final int maxBytes, final StringBuilder scratch)
    {
        final int length = text.length();
        if (length * 3 <= maxBytes)
        {
            return text;
        }
        int bytes = 0;
        int i = 0;
        while (i < length)
        {
            final char c = text.charAt(i);
            final int size;
            final int chars;
            if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1)))
            {
                size = 4;
                chars = 2;
            }
            else
            {
                size = c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
                chars = 1;
            }
            if (bytes + size > maxBytes)
            {
                break;
            }
            bytes += size;
            i += chars;
        }
        if (i == length)
        {
            return text;
        }
        scratch.setLength(0);
        scratch.append(text, 0, i);
        return scratch;
    }
}

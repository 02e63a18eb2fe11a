package io.ringbot.engine.dispatch;

import com.dslplatform.json.JsonWriter;

/**
 * Writes a text a handler built as a JSON string. Java lets a handler build any UTF-16, lone surrogates
 * included; DSL-JSON's {@code writeString} throws on one, and Telegram wants well-formed UTF-8, so each
 * lone surrogate becomes U+FFFD (in a reused copy, only when the text has one). Reused; one thread.
 */
public final class JsonText
{
    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final StringBuilder clean;

    /**
     * @param capacity the chars the copy holds before it grows (the longest text usually written).
     */
    public JsonText(final int capacity)
    {
        clean = new StringBuilder(capacity);
    }

    /**
     * Writes the first {@code keep} chars of a text as a JSON string.
     *
     * @param w    the writer.
     * @param text the text.
     * @param keep how many of its chars (never ending inside a pair: see {@link Truncation}).
     */
    public void write(final JsonWriter w, final CharSequence text, final int keep)
    {
        int i = 0;
        while (i < keep && !Character.isSurrogate(text.charAt(i)))
        {
            i++;
        }
        if (i == keep && keep == text.length())
        {
            w.writeString(text); // the usual case: nothing to replace, nothing to cut
            return;
        }
        final StringBuilder clean = this.clean;
        clean.setLength(0);
        clean.append(text, 0, i);
        for (; i < keep; i++)
        {
            final char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < keep && Character.isLowSurrogate(text.charAt(i + 1)))
            {
                clean.append(c).append(text.charAt(++i));
            }
            else
            {
                clean.append(Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        w.writeString(clean);
    }

    /**
     * Writes a whole text as a JSON string.
     *
     * @param w    the writer.
     * @param text the text.
     */
    public void write(final JsonWriter w, final CharSequence text)
    {
        write(w, text, text.length());
    }

    /**
     * Writes JSON text as it is, except that every char beyond ASCII is written as a {@code \\uXXXX} escape
     * (legal JSON wherever such a char can legally be: inside a string), a lone surrogate as U+FFFD's.
     *
     * @param w    the writer.
     * @param json the JSON text.
     */
    public static void writeRaw(final JsonWriter w, final CharSequence json)
    {
        final int length = json.length();
        for (int i = 0; i < length; i++)
        {
            char c = json.charAt(i);
            if (c < 0x80)
            {
                w.writeByte((byte)c);
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(json.charAt(i + 1)))
            {
                escape(w, c);
                c = json.charAt(++i);
            }
            else if (Character.isSurrogate(c))
            {
                c = '\uFFFD';
            }
            escape(w, c);
        }
    }

    private static void escape(final JsonWriter w, final char c)
    {
        w.writeByte((byte)'\\');
        w.writeByte((byte)'u');
        for (int shift = 12; shift >= 0; shift -= 4)
        {
            w.writeByte(HEX[(c >> shift) & 0xF]);
        }
    }
}

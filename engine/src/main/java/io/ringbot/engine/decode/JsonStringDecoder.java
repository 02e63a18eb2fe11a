package io.ringbot.engine.decode;

/**
 * Decodes the contents of a JSON string from its UTF-8 bytes into a builder, replacing what is not
 * text with U+FFFD rather than passing it on: a byte sequence that is not well-formed UTF-8 (each
 * maximal ill-formed subpart becomes one U+FFFD, as the Unicode standard recommends; overlong forms and
 * encoded surrogates included) and an escaped surrogate without its partner ({@code "\udc00"}). So
 * every string the engine sees is valid UTF-16, and a reply that echoes it encodes. Allocates nothing.
 * <p>
 * DSL-JSON's own string reader is lenient here: it turns {@code ED A0 80} into a lone surrogate and
 * {@code C0 AF} into {@code '/'}, and fails on some truncated sequences with an index exception.
 */
public final class JsonStringDecoder
{
    static final char REPLACEMENT = '\uFFFD';

    /** Thrown (pre-allocated, no stack trace) for a string that is not valid JSON: the body is then bad JSON. */
    static final RuntimeException NOT_A_JSON_STRING = new RuntimeException("not a JSON string", null, false, false)
    {
        private static final long serialVersionUID = 1L;
    };

    private JsonStringDecoder()
    {
    }

    /**
     * @param bytes the body.
     * @param from  the index just after the opening quote.
     * @param end   the body's length.
     * @param into  where the text is appended.
     * @return the index just after the closing quote.
     */
    static int decode(final byte[] bytes, final int from, final int end, final StringBuilder into)
    {
        int i = from;
        while (i < end)
        {
            final int b = bytes[i] & 0xFF;
            if (b == '"')
            {
                return i + 1;
            }
            if (b == '\\')
            {
                i = escape(bytes, i + 1, end, into);
            }
            else if (b < 0x20)
            {
                throw NOT_A_JSON_STRING;
            }
            else if (b < 0x80)
            {
                into.append((char)b);
                i++;
            }
            else
            {
                i = utf8(bytes, i, end, into);
            }
        }
        throw NOT_A_JSON_STRING;
    }

    /**
     * Decodes UTF-8 text that is not JSON (no quotes or escapes to read) into a builder, ill-formed parts as
     * U+FFFD, as {@link #decode} does within a string.
     *
     * @param bytes the text's bytes.
     * @param from  where it starts.
     * @param end   where it ends.
     * @param into  where the text is appended.
     */
    public static void decodeUtf8(final byte[] bytes, final int from, final int end, final StringBuilder into)
    {
        int i = from;
        while (i < end)
        {
            final int b = bytes[i] & 0xFF;
            if (b < 0x80)
            {
                into.append((char)b);
                i++;
            }
            else
            {
                i = utf8(bytes, i, end, into);
            }
        }
    }

    private static int escape(final byte[] bytes, final int at, final int end, final StringBuilder into)
    {
        if (at >= end)
        {
            throw NOT_A_JSON_STRING;
        }
        switch (bytes[at])
        {
            case '"':
                into.append('"');
                return at + 1;
            case '\\':
                into.append('\\');
                return at + 1;
            case '/':
                into.append('/');
                return at + 1;
            case 'b':
                into.append('\b');
                return at + 1;
            case 'f':
                into.append('\f');
                return at + 1;
            case 'n':
                into.append('\n');
                return at + 1;
            case 'r':
                into.append('\r');
                return at + 1;
            case 't':
                into.append('\t');
                return at + 1;
            case 'u':
                break;
            default:
                throw NOT_A_JSON_STRING;
        }
        final char c = (char)hex4(bytes, at + 1, end);
        int next = at + 5;
        if (Character.isHighSurrogate(c))
        {
            if (next + 5 < end && bytes[next] == '\\' && bytes[next + 1] == 'u')
            {
                final char low = (char)hex4(bytes, next + 2, end);
                if (Character.isLowSurrogate(low))
                {
                    into.append(c).append(low);
                    return next + 6;
                }
            }
            into.append(REPLACEMENT);
            return next;
        }
        into.append(Character.isLowSurrogate(c) ? REPLACEMENT : c);
        return next;
    }

    private static int hex4(final byte[] bytes, final int at, final int end)
    {
        if (at + 4 > end)
        {
            throw NOT_A_JSON_STRING;
        }
        int value = 0;
        for (int i = at; i < at + 4; i++)
        {
            final int b = bytes[i];
            final int digit;
            if (b >= '0' && b <= '9')
            {
                digit = b - '0';
            }
            else if (b >= 'a' && b <= 'f')
            {
                digit = b - 'a' + 10;
            }
            else if (b >= 'A' && b <= 'F')
            {
                digit = b - 'A' + 10;
            }
            else
            {
                throw NOT_A_JSON_STRING;
            }
            value = value << 4 | digit;
        }
        return value;
    }

    /** One UTF-8 sequence starting with a byte of 0x80 or more; ill-formed parts become U+FFFD. */
    private static int utf8(final byte[] bytes, final int at, final int end, final StringBuilder into)
    {
        final int b0 = bytes[at] & 0xFF;
        final int need;
        int lower = 0x80;
        int upper = 0xBF;
        int cp;
        if (b0 >= 0xC2 && b0 <= 0xDF)
        {
            need = 1;
            cp = b0 & 0x1F;
        }
        else if (b0 >= 0xE0 && b0 <= 0xEF)
        {
            need = 2;
            cp = b0 & 0x0F;
            lower = b0 == 0xE0 ? 0xA0 : 0x80;
            upper = b0 == 0xED ? 0x9F : 0xBF;
        }
        else if (b0 >= 0xF0 && b0 <= 0xF4)
        {
            need = 3;
            cp = b0 & 0x07;
            lower = b0 == 0xF0 ? 0x90 : 0x80;
            upper = b0 == 0xF4 ? 0x8F : 0xBF;
        }
        else
        {
            into.append(REPLACEMENT);
            return at + 1;
        }
        int i = at + 1;
        for (int k = 0; k < need; k++)
        {
            final int b = i < end ? bytes[i] & 0xFF : -1;
            if (b < lower || b > upper)
            {
                into.append(REPLACEMENT);
                return i;
            }
            cp = cp << 6 | (b & 0x3F);
            lower = 0x80;
            upper = 0xBF;
            i++;
        }
        into.appendCodePoint(cp);
        return i;
    }
}

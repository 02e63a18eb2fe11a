package io.ringbot.bot;

/**
 * A lazy, reusable position in an update's JSON bytes: any field the Bot API defines is read in place,
 * without allocating. Navigation moves this cursor and returns it, so calls chain:
 * <pre>
 *   final JsonCursor photo = ctx.json().field("message").field("photo");
 *   final int sizes = photo.arrayLength();                              // 0 when absent
 *   photo.index(sizes - 1).field("file_id").text(ctx.scratch());          // the largest size's file id
 *   final double latitude = ctx.json().field("message").field("location").field("latitude").asDouble(Double.NaN);
 * </pre>
 * A missing field, a wrong type or an index past the end leaves the cursor {@link #MISSING}; every
 * further step stays missing and every reader answers its default, so a chain needs one check at its end.
 * <p>
 * Strings are decoded from UTF-8 and JSON escapes ({@code \}{@code uXXXX} with surrogate pairs);
 * ill-formed UTF-8 and lone surrogates read as U+FFFD. Numbers are checked: {@link #asLong(long)} answers
 * its default for a fraction, an exponent or a value outside the long range instead of wrapping.
 * An object with a repeated name answers its first occurrence. The bytes are those of the ring slot:
 * a cursor is valid while the handler runs, not after.
 */
public final class JsonCursor
{
    /** Absent: a missing field, a wrong type on the way, an index past the end. */
    public static final int MISSING = 0;
    public static final int NULL = 1;
    public static final int OBJECT = 2;
    public static final int ARRAY = 3;
    public static final int STRING = 4;
    public static final int NUMBER = 5;
    public static final int TRUE = 6;
    public static final int FALSE = 7;

    private static final char REPLACEMENT = '\uFFFD';
    private static final double[] POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    private byte[] bytes = new byte[0];
    private int limit;
    private int rootStart;
    private int start;
    private int type = MISSING;

    /**
     * Points this cursor at the root of a JSON document.
     *
     * @param bytes  the document.
     * @param length how many bytes of it.
     * @return this.
     */
    public JsonCursor wrap(final byte[] bytes, final int length)
    {
        this.bytes = bytes;
        this.limit = Math.min(Math.max(length, 0), bytes.length);
        this.rootStart = skipSpace(0);
        return root();
    }

    /**
     * Points this cursor at a value inside a document (its root for {@link #root()}), e.g. one whose offset
     * an index recorded.
     *
     * @param bytes    the document.
     * @param length   how many bytes of it.
     * @param position where the value starts.
     * @return this, at the value, or {@link #MISSING} when the position is outside the document.
     */
    public JsonCursor wrap(final byte[] bytes, final int length, final int position)
    {
        this.bytes = bytes;
        this.limit = Math.min(Math.max(length, 0), bytes.length);
        this.rootStart = position;
        this.start = position;
        return position < 0 ? missing() : at(position);
    }

    /**
     * @return where the current value starts in the document (meaningless when {@link #MISSING}).
     */
    public int position()
    {
        return start;
    }

    /**
     * @return the position just after the current value (its start when {@link #MISSING}).
     */
    public int valueEnd()
    {
        return type == MISSING ? start : skipValue(start);
    }

    /**
     * @return this, back at the root of the document.
     */
    public JsonCursor root()
    {
        return at(rootStart);
    }

    /**
     * @param other a cursor on the same or another document.
     * @return this, at the other's position (so a position can be kept while the other moves on).
     */
    public JsonCursor set(final JsonCursor other)
    {
        this.bytes = other.bytes;
        this.limit = other.limit;
        this.rootStart = other.rootStart;
        this.start = other.start;
        this.type = other.type;
        return this;
    }

    /**
     * @return one of {@link #MISSING}, {@link #NULL}, {@link #OBJECT}, {@link #ARRAY}, {@link #STRING},
     * {@link #NUMBER}, {@link #TRUE}, {@link #FALSE}.
     */
    public int type()
    {
        return type;
    }

    /**
     * @return true unless {@link #MISSING}; a JSON {@code null} is present.
     */
    public boolean isPresent()
    {
        return type != MISSING;
    }

    /**
     * Steps into a member of the current object.
     *
     * @param name the member's name.
     * @return this, at the member's value, or {@link #MISSING}.
     */
    public JsonCursor field(final String name)
    {
        if (type != OBJECT)
        {
            return missing();
        }
        int pos = skipSpace(start + 1);
        if (pos >= limit || bytes[pos] == '}')
        {
            return missing();
        }
        while (pos < limit && bytes[pos] == '"')
        {
            final boolean match = nameEquals(pos, name);
            pos = skipSpace(skipString(pos));
            if (pos >= limit || bytes[pos] != ':')
            {
                return missing();
            }
            pos = skipSpace(pos + 1);
            if (match)
            {
                return at(pos);
            }
            pos = skipSpace(skipValue(pos));
            if (pos >= limit || bytes[pos] != ',')
            {
                return missing();
            }
            pos = skipSpace(pos + 1);
        }
        return missing();
    }

    /**
     * Steps into an element of the current array.
     *
     * @param index from 0.
     * @return this, at the element, or {@link #MISSING}.
     */
    public JsonCursor index(final int index)
    {
        if (type != ARRAY || index < 0)
        {
            return missing();
        }
        int pos = skipSpace(start + 1);
        if (pos >= limit || bytes[pos] == ']')
        {
            return missing();
        }
        for (int i = 0; i < index; i++)
        {
            pos = skipSpace(skipValue(pos));
            if (pos >= limit || bytes[pos] != ',')
            {
                return missing();
            }
            pos = skipSpace(pos + 1);
        }
        return at(pos);
    }

    /**
     * @return the number of elements of the current array, 0 when it is not an array.
     */
    public int arrayLength()
    {
        if (type != ARRAY)
        {
            return 0;
        }
        int pos = skipSpace(start + 1);
        if (pos >= limit || bytes[pos] == ']')
        {
            return 0;
        }
        int count = 0;
        while (pos < limit)
        {
            count++;
            pos = skipSpace(skipValue(pos));
            if (pos >= limit || bytes[pos] != ',')
            {
                break;
            }
            pos = skipSpace(pos + 1);
        }
        return count;
    }

    /**
     * @param defaultValue answered when absent, not an integer, or outside the long range.
     * @return the integer.
     */
    public long asLong(final long defaultValue)
    {
        if (type != NUMBER)
        {
            return defaultValue;
        }
        int pos = start;
        final boolean negative = bytes[pos] == '-';
        if (negative)
        {
            pos++;
        }
        if (pos >= limit || !isDigit(bytes[pos]))
        {
            return defaultValue;
        }
        long value = 0; // accumulated negatively: Long.MIN_VALUE has no positive twin
        while (pos < limit && isDigit(bytes[pos]))
        {
            final int digit = bytes[pos] - '0';
            if (value < (Long.MIN_VALUE + digit) / 10)
            {
                return defaultValue;
            }
            value = value * 10 - digit;
            pos++;
        }
        if (pos < limit && (bytes[pos] == '.' || bytes[pos] == 'e' || bytes[pos] == 'E'))
        {
            return defaultValue;
        }
        if (!negative)
        {
            if (value == Long.MIN_VALUE)
            {
                return defaultValue;
            }
            return -value;
        }
        return value;
    }

    /**
     * @param defaultValue answered when absent, not an integer, or outside the int range.
     * @return the integer.
     */
    public int asInt(final int defaultValue)
    {
        final long value = asLong(Long.MIN_VALUE);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE)
        {
            return defaultValue;
        }
        return (int)value;
    }

    /**
     * Reads a number as a double: exactly rounded, without allocating, for up to 18 significant digits
     * and a decimal exponent within ±22 (every coordinate and amount Telegram sends); longer numbers
     * take the JDK's parser, which allocates.
     *
     * @param defaultValue answered when absent or not a number.
     * @return the number.
     */
    public double asDouble(final double defaultValue)
    {
        if (type != NUMBER)
        {
            return defaultValue;
        }
        int pos = start;
        final boolean negative = bytes[pos] == '-';
        if (negative)
        {
            pos++;
        }
        long mantissa = 0;
        int digits = 0;
        int exponent = 0;
        boolean exact = true;
        boolean sawDigit = false;
        while (pos < limit && isDigit(bytes[pos]))
        {
            sawDigit = true;
            if (mantissa != 0 || bytes[pos] != '0')
            {
                if (digits < 18)
                {
                    mantissa = mantissa * 10 + (bytes[pos] - '0');
                    digits++;
                }
                else
                {
                    exact = false;
                }
            }
            pos++;
        }
        if (pos < limit && bytes[pos] == '.')
        {
            pos++;
            while (pos < limit && isDigit(bytes[pos]))
            {
                sawDigit = true;
                if (mantissa != 0 || bytes[pos] != '0')
                {
                    if (digits < 18)
                    {
                        mantissa = mantissa * 10 + (bytes[pos] - '0');
                        digits++;
                        exponent--;
                    }
                    else if (bytes[pos] != '0')
                    {
                        exact = false;
                    }
                }
                else
                {
                    exponent--;
                }
                pos++;
            }
        }
        if (!sawDigit)
        {
            return defaultValue;
        }
        if (pos < limit && (bytes[pos] == 'e' || bytes[pos] == 'E'))
        {
            pos++;
            boolean negativeExponent = false;
            if (pos < limit && (bytes[pos] == '+' || bytes[pos] == '-'))
            {
                negativeExponent = bytes[pos] == '-';
                pos++;
            }
            int e = 0;
            while (pos < limit && isDigit(bytes[pos]))
            {
                e = Math.min(e * 10 + (bytes[pos] - '0'), 100_000);
                pos++;
            }
            exponent += negativeExponent ? -e : e;
        }
        if (mantissa == 0 && exact)
        {
            return negative ? -0.0 : 0.0;
        }
        if (exact && mantissa < (1L << 53) && exponent >= -22 && exponent <= 22)
        {
            final double value = exponent < 0 ?
                mantissa / POWERS_OF_TEN[-exponent] : mantissa * POWERS_OF_TEN[exponent];
            return negative ? -value : value;
        }
        try
        {
            return Double.parseDouble(new String(bytes, start, pos - start, java.nio.charset.StandardCharsets.US_ASCII));
        }
        catch (final NumberFormatException notJsonNumber)
        {
            return defaultValue; // e.g. "1e" in bytes nobody validated
        }
    }

    /**
     * @param defaultValue answered when absent or not a boolean.
     * @return the boolean.
     */
    public boolean asBoolean(final boolean defaultValue)
    {
        return type == TRUE || (type != FALSE && defaultValue);
    }

    /**
     * Appends the decoded string (the cursor's own text for a number, so a numeric id can be read as text).
     *
     * @param into where to append.
     * @return true when a string or number was appended.
     */
    public boolean text(final StringBuilder into)
    {
        if (type == NUMBER)
        {
            for (int pos = start, end = skipValue(start); pos < end; pos++)
            {
                into.append((char)bytes[pos]);
            }
            return true;
        }
        if (type != STRING)
        {
            return false;
        }
        int pos = start + 1;
        while (pos < limit)
        {
            final int b = bytes[pos] & 0xFF;
            if (b == '"')
            {
                return true;
            }
            pos = b == '\\' ? appendEscape(pos, into) : appendUtf8(pos, into);
        }
        return true;
    }

    /**
     * @param expected the text to compare with.
     * @return true when the current value is a string equal to it (decoded, without copying).
     */
    public boolean textEquals(final CharSequence expected)
    {
        return type == STRING && stringEquals(start, expected);
    }

    private boolean nameEquals(final int quote, final String name)
    {
        return stringEquals(quote, name);
    }

    /** Compares the string at {@code quote} with {@code expected}, decoding one char at a time. */
    private boolean stringEquals(final int quote, final CharSequence expected)
    {
        int pos = quote + 1;
        int matched = 0;
        final int length = expected.length();
        while (pos < limit)
        {
            final int b = bytes[pos] & 0xFF;
            if (b == '"')
            {
                return matched == length;
            }
            if (b < 0x80 && b != '\\')
            {
                if (matched == length || expected.charAt(matched) != b)
                {
                    return false;
                }
                matched++;
                pos++;
                continue;
            }
            final int cp = b == '\\' ? escapeAt(pos) : utf8At(pos);
            final int next = nextPos;
            if (cp >= 0x10000)
            {
                if (matched + 2 > length || expected.charAt(matched) != Character.highSurrogate(cp) ||
                    expected.charAt(matched + 1) != Character.lowSurrogate(cp))
                {
                    return false;
                }
                matched += 2;
            }
            else
            {
                if (matched == length || expected.charAt(matched) != cp)
                {
                    return false;
                }
                matched++;
            }
            pos = next;
        }
        return false;
    }

    /** Position after the last decode step of {@link #escapeAt(int)} or {@link #utf8At(int)}. */
    private int nextPos;

    private int appendEscape(final int pos, final StringBuilder into)
    {
        appendCodePoint(escapeAt(pos), into);
        return nextPos;
    }

    private int appendUtf8(final int pos, final StringBuilder into)
    {
        final int b = bytes[pos];
        if (b >= 0)
        {
            into.append((char)b);
            return pos + 1;
        }
        appendCodePoint(utf8At(pos), into);
        return nextPos;
    }

    private static void appendCodePoint(final int cp, final StringBuilder into)
    {
        if (cp >= 0x10000)
        {
            into.append(Character.highSurrogate(cp)).append(Character.lowSurrogate(cp));
        }
        else
        {
            into.append((char)cp);
        }
    }

    /** Decodes the escape at {@code pos} (a backslash); sets {@link #nextPos}. */
    private int escapeAt(final int pos)
    {
        if (pos + 1 >= limit)
        {
            nextPos = limit;
            return REPLACEMENT;
        }
        nextPos = pos + 2;
        switch (bytes[pos + 1])
        {
            case '"':
                return '"';
            case '\\':
                return '\\';
            case '/':
                return '/';
            case 'b':
                return '\b';
            case 'f':
                return '\f';
            case 'n':
                return '\n';
            case 'r':
                return '\r';
            case 't':
                return '\t';
            case 'u':
                break;
            default:
                return REPLACEMENT;
        }
        final int unit = hex4(pos + 2);
        if (unit < 0)
        {
            return REPLACEMENT;
        }
        nextPos = pos + 6;
        if (Character.isLowSurrogate((char)unit))
        {
            return REPLACEMENT;
        }
        if (!Character.isHighSurrogate((char)unit))
        {
            return unit;
        }
        if (pos + 7 < limit && bytes[pos + 6] == '\\' && bytes[pos + 7] == 'u')
        {
            final int low = hex4(pos + 8);
            if (low >= 0 && Character.isLowSurrogate((char)low))
            {
                nextPos = pos + 12;
                return Character.toCodePoint((char)unit, (char)low);
            }
        }
        return REPLACEMENT;
    }

    private int hex4(final int from)
    {
        if (from + 4 > limit)
        {
            return -1;
        }
        int value = 0;
        for (int i = from; i < from + 4; i++)
        {
            final int digit = Character.digit(bytes[i], 16);
            if (digit < 0)
            {
                return -1;
            }
            value = (value << 4) | digit;
        }
        return value;
    }

    /** Decodes one UTF-8 sequence at {@code pos}, U+FFFD for each ill-formed part; sets {@link #nextPos}. */
    private int utf8At(final int pos)
    {
        final int b0 = bytes[pos] & 0xFF;
        nextPos = pos + 1;
        if (b0 < 0x80)
        {
            return b0;
        }
        final int count;
        int cp;
        int min;
        if (b0 >= 0xC2 && b0 <= 0xDF)
        {
            count = 1;
            cp = b0 & 0x1F;
            min = 0x80;
        }
        else if (b0 >= 0xE0 && b0 <= 0xEF)
        {
            count = 2;
            cp = b0 & 0x0F;
            min = 0x800;
        }
        else if (b0 >= 0xF0 && b0 <= 0xF4)
        {
            count = 3;
            cp = b0 & 0x07;
            min = 0x10000;
        }
        else
        {
            return REPLACEMENT;
        }
        for (int i = 1; i <= count; i++)
        {
            final int p = pos + i;
            if (p >= limit || (bytes[p] & 0xC0) != 0x80)
            {
                nextPos = p;
                return REPLACEMENT;
            }
            cp = (cp << 6) | (bytes[p] & 0x3F);
            if (i == 1 && count > 1)
            {
                // reject overlong, surrogate and beyond-U+10FFFF forms at the first continuation byte
                final int partial = cp << (6 * (count - 1));
                if (partial < (min & ~((1 << (6 * (count - 1))) - 1)) || partial > 0x10FFFF ||
                    (count == 2 && partial >= 0xD800 && partial <= 0xDFFF))
                {
                    nextPos = p;
                    return REPLACEMENT;
                }
            }
        }
        nextPos = pos + count + 1;
        return cp;
    }

    private JsonCursor at(final int pos)
    {
        if (pos >= limit)
        {
            return missing();
        }
        start = pos;
        switch (bytes[pos])
        {
            case '{':
                type = OBJECT;
                break;
            case '[':
                type = ARRAY;
                break;
            case '"':
                type = STRING;
                break;
            case 't':
                type = TRUE;
                break;
            case 'f':
                type = FALSE;
                break;
            case 'n':
                type = NULL;
                break;
            default:
                type = bytes[pos] == '-' || isDigit(bytes[pos]) ? NUMBER : MISSING;
        }
        return this;
    }

    /**
     * @return this, {@link #MISSING}.
     */
    public JsonCursor clear()
    {
        return missing();
    }

    private JsonCursor missing()
    {
        type = MISSING;
        return this;
    }

    private int skipSpace(final int from)
    {
        int pos = from;
        while (pos < limit)
        {
            final byte b = bytes[pos];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t')
            {
                break;
            }
            pos++;
        }
        return pos;
    }

    /** @return the position after the string whose opening quote is at {@code quote}. */
    private int skipString(final int quote)
    {
        int pos = quote + 1;
        while (pos < limit)
        {
            final byte b = bytes[pos];
            if (b == '"')
            {
                return pos + 1;
            }
            pos += b == '\\' ? 2 : 1;
        }
        return limit;
    }

    /** @return the position after the value starting at {@code from}; iterative, so depth costs no stack. */
    private int skipValue(final int from)
    {
        if (from >= limit)
        {
            return limit;
        }
        final byte first = bytes[from];
        if (first == '"')
        {
            return skipString(from);
        }
        if (first != '{' && first != '[')
        {
            int pos = from;
            while (pos < limit)
            {
                final byte b = bytes[pos];
                if (b == ',' || b == '}' || b == ']' || b == ' ' || b == '\n' || b == '\r' || b == '\t')
                {
                    break;
                }
                pos++;
            }
            return pos;
        }
        int depth = 0;
        int pos = from;
        while (pos < limit)
        {
            final byte b = bytes[pos];
            if (b == '"')
            {
                pos = skipString(pos);
                continue;
            }
            if (b == '{' || b == '[')
            {
                depth++;
            }
            else if (b == '}' || b == ']')
            {
                depth--;
                if (depth == 0)
                {
                    return pos + 1;
                }
            }
            pos++;
        }
        return limit;
    }

    private static boolean isDigit(final byte b)
    {
        return b >= '0' && b <= '9';
    }
}

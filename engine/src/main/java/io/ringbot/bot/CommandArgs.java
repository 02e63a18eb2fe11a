package io.ringbot.bot;

/**
 * The arguments of a command, read one by one without allocating: for {@code "/give@mybot 42 3.5 bob and
 * alice"}, {@code nextLong(0)} is 42, {@code nextDouble(0)} is 3.5, {@code nextWord(sb)} appends "bob" and
 * {@code rest(sb)} appends "and alice". Arguments are separated by whitespace; the text the arguments come
 * from is trimmed at both ends.
 * <p>
 * Each {@code next...} read takes one argument, whether it parses or not, and a read that fails answers its
 * default and records why ({@link Failure}): read everything, then answer once.
 * <pre>
 *   final CommandArgs args = ctx.args();
 *   final long amount = args.nextLong(1, 1_000_000, 0);
 *   if (!args.ok())
 *   {
 *       ctx.sendMessage().text().append("argument ").append(args.errorArgument()).append(' ')
 *           .append(args.error().describe()).append(": try /give 10 @name");
 *       return;
 *   }
 * </pre>
 * The engine's instance ({@link BotContext#args()}) is reused update after update and starts over for each
 * handler and predicate call; a bot may keep instances of its own (e.g. to read a plain text with
 * {@link #wrap(CharSequence)}). Not thread-safe.
 */
public final class CommandArgs
{
    /** Why a read failed. */
    public enum Failure
    {
        /** No read failed. */
        NONE("ok"),
        /** There was no argument left to read. */
        MISSING("is missing"),
        /** The argument is not a number (of the kind asked for). */
        NOT_A_NUMBER("is not a number"),
        /** The argument is a number beyond the range asked for (or the type's). */
        OUT_OF_RANGE("is out of range");

        private final String description;

        Failure(final String description)
        {
            this.description = description;
        }

        /**
         * @return a few words to answer a user with, e.g. "is not a number".
         */
        public String describe()
        {
            return description;
        }
    }

    private static final double[] POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    private CharSequence text = "";
    private int start;
    private int end;
    private int position;
    private int argument;
    private Failure error = Failure.NONE;
    private int errorArgument;
    private boolean lastOk = true;

    /**
     * Reads a whole text as arguments (trimmed).
     *
     * @param text e.g. a plain message's text; kept by reference, not copied.
     * @return this, at the first argument.
     */
    public CommandArgs wrap(final CharSequence text)
    {
        return wrap(text, 0, text.length());
    }

    /**
     * Reads part of a text as arguments (trimmed).
     *
     * @param text kept by reference, not copied.
     * @param from the first char.
     * @param to   after the last char.
     * @return this, at the first argument.
     */
    public CommandArgs wrap(final CharSequence text, final int from, final int to)
    {
        int s = from;
        int e = to;
        while (s < e && isSpace(text.charAt(s)))
        {
            s++;
        }
        while (e > s && isSpace(text.charAt(e - 1)))
        {
            e--;
        }
        this.text = text;
        this.start = s;
        this.end = e;
        return rewind();
    }

    /**
     * Reads the arguments of an update's command: what follows {@code /name} or {@code /name@bot} in a
     * message's text (a media caption is not a command); none when the update is no command.
     *
     * @param update the update.
     * @return this, at the first argument.
     */
    public CommandArgs wrapCommand(final Update update)
    {
        final CharSequence text = update.text();
        if (!isCommand(update))
        {
            return wrap(text, 0, 0);
        }
        final int length = text.length();
        int i = 1;
        while (i < length && !isSpace(text.charAt(i)))
        {
            i++;
        }
        return wrap(text, i, length);
    }

    /**
     * @param update an update.
     * @return true when its text is a bot command ("/name": a message's text, not a media caption).
     */
    public static boolean isCommand(final Update update)
    {
        final CharSequence text = update.text();
        return update.hasText() && !update.textIsCaption() && text.length() > 1 && text.charAt(0) == '/';
    }

    /**
     * @param c a char.
     * @return true when it separates arguments (and ends a command's name).
     */
    public static boolean isSpace(final char c)
    {
        return Character.isWhitespace(c) || c == '\u00a0';
    }

    /**
     * Starts over at the first argument, the errors forgotten.
     *
     * @return this.
     */
    public CommandArgs rewind()
    {
        position = start;
        argument = 0;
        error = Failure.NONE;
        errorArgument = 0;
        lastOk = true;
        return this;
    }

    /**
     * @return true when no argument is left.
     */
    public boolean isEmpty()
    {
        return !hasNext();
    }

    /**
     * @return true when an argument is left to read.
     */
    public boolean hasNext()
    {
        skipSpaces();
        return position < end;
    }

    /**
     * @return true when no read since the start failed.
     */
    public boolean ok()
    {
        return error == Failure.NONE;
    }

    /**
     * @return why the first failed read since the start failed, {@link Failure#NONE} when none did.
     */
    public Failure error()
    {
        return error;
    }

    /**
     * @return which argument the first failed read was after (1 for the first), 0 when none failed.
     */
    public int errorArgument()
    {
        return errorArgument;
    }

    /**
     * @return true when the last read succeeded (or nothing was read yet).
     */
    public boolean lastOk()
    {
        return lastOk;
    }

    /**
     * @param defaultValue answered when the read fails.
     * @return the next argument as a long (an optional sign and decimal digits).
     */
    public long nextLong(final long defaultValue)
    {
        return nextLong(Long.MIN_VALUE, Long.MAX_VALUE, defaultValue);
    }

    /**
     * @param min          the least value accepted.
     * @param max          the greatest value accepted.
     * @param defaultValue answered when the read fails ({@link Failure#OUT_OF_RANGE} beyond min..max).
     * @return the next argument as a long.
     */
    public long nextLong(final long min, final long max, final long defaultValue)
    {
        if (!nextToken())
        {
            return defaultValue;
        }
        final int s = tokenStart;
        final int e = position;
        int i = s;
        final boolean negative = text.charAt(i) == '-';
        if (negative || text.charAt(i) == '+')
        {
            i++;
        }
        if (i == e)
        {
            return fail(Failure.NOT_A_NUMBER, defaultValue);
        }
        long value = 0; // accumulated negatively: Long.MIN_VALUE has no positive twin
        boolean overflow = false;
        for (; i < e; i++)
        {
            final char c = text.charAt(i);
            if (c < '0' || c > '9')
            {
                return fail(Failure.NOT_A_NUMBER, defaultValue);
            }
            final int digit = c - '0';
            if (value < (Long.MIN_VALUE + digit) / 10)
            {
                overflow = true;
            }
            else
            {
                value = value * 10 - digit;
            }
        }
        if (overflow || (!negative && value == Long.MIN_VALUE))
        {
            return fail(Failure.OUT_OF_RANGE, defaultValue);
        }
        final long result = negative ? value : -value;
        if (result < min || result > max)
        {
            return fail(Failure.OUT_OF_RANGE, defaultValue);
        }
        return result;
    }

    /**
     * @param defaultValue answered when the read fails.
     * @return the next argument as an int ({@link Failure#OUT_OF_RANGE} beyond the int range).
     */
    public int nextInt(final int defaultValue)
    {
        return nextInt(Integer.MIN_VALUE, Integer.MAX_VALUE, defaultValue);
    }

    /**
     * @param min          the least value accepted.
     * @param max          the greatest value accepted.
     * @param defaultValue answered when the read fails ({@link Failure#OUT_OF_RANGE} beyond min..max).
     * @return the next argument as an int.
     */
    public int nextInt(final int min, final int max, final int defaultValue)
    {
        return (int)nextLong(min, max, defaultValue);
    }

    /**
     * @param defaultValue answered when the read fails.
     * @return the next argument as a double: decimal digits with an optional sign, fraction and exponent
     * ("3", "-0.25", "1e3"); not "NaN" or "Infinity" ({@link Failure#NOT_A_NUMBER}), nor a value beyond the
     * double range ({@link Failure#OUT_OF_RANGE}).
     */
    public double nextDouble(final double defaultValue)
    {
        if (!nextToken())
        {
            return defaultValue;
        }
        final int s = tokenStart;
        final int e = position;
        int i = s;
        final boolean negative = text.charAt(i) == '-';
        if (negative || text.charAt(i) == '+')
        {
            i++;
        }
        long mantissa = 0;
        int digits = 0;       // significant digits in mantissa
        int exponent = 0;
        boolean exact = true; // the mantissa holds every digit
        boolean anyDigit = false;
        boolean dot = false;
        for (; i < e; i++)
        {
            final char c = text.charAt(i);
            if (c >= '0' && c <= '9')
            {
                anyDigit = true;
                if (mantissa == 0 && c == '0')
                {
                    if (dot)
                    {
                        exponent--;
                    }
                    continue;
                }
                if (digits < 18)
                {
                    mantissa = mantissa * 10 + (c - '0');
                    digits++;
                    if (dot)
                    {
                        exponent--;
                    }
                }
                else
                {
                    exact &= c == '0';
                    if (!dot)
                    {
                        exponent++;
                    }
                }
            }
            else if (c == '.' && !dot)
            {
                dot = true;
            }
            else
            {
                break;
            }
        }
        if (!anyDigit)
        {
            return fail(Failure.NOT_A_NUMBER, defaultValue);
        }
        if (i < e)
        {
            final char c = text.charAt(i);
            if (c != 'e' && c != 'E')
            {
                return fail(Failure.NOT_A_NUMBER, defaultValue);
            }
            i++;
            final boolean negativeExponent = i < e && text.charAt(i) == '-';
            if (i < e && (negativeExponent || text.charAt(i) == '+'))
            {
                i++;
            }
            if (i == e)
            {
                return fail(Failure.NOT_A_NUMBER, defaultValue);
            }
            int value = 0;
            for (; i < e; i++)
            {
                final char d = text.charAt(i);
                if (d < '0' || d > '9')
                {
                    return fail(Failure.NOT_A_NUMBER, defaultValue);
                }
                value = Math.min(value * 10 + (d - '0'), 100_000);
            }
            exponent += negativeExponent ? -value : value;
        }
        final double result;
        if (mantissa == 0)
        {
            result = 0.0;
        }
        else if (exact && mantissa < (1L << 53) && exponent >= -22 && exponent <= 22)
        {
            // Clinger's fast path: both operands exact, so one IEEE operation rounds correctly
            result = exponent < 0 ? mantissa / POWERS_OF_TEN[-exponent] : mantissa * POWERS_OF_TEN[exponent];
        }
        else
        {
            // rare (over 15 digits or a far exponent): the JDK rounds correctly, at the cost of a String
            result = Double.parseDouble(text.subSequence(negative || text.charAt(s) == '+' ? s + 1 : s, e).toString());
        }
        if (Double.isInfinite(result))
        {
            return fail(Failure.OUT_OF_RANGE, defaultValue);
        }
        return negative ? -result : result;
    }

    /**
     * @param into where the next argument is appended.
     * @return false when none is left ({@link Failure#MISSING}; nothing appended).
     */
    public boolean nextWord(final StringBuilder into)
    {
        if (!nextToken())
        {
            return false;
        }
        into.append(text, tokenStart, position);
        return true;
    }

    /**
     * Skips an argument.
     *
     * @return false when none is left ({@link Failure#MISSING}).
     */
    public boolean skip()
    {
        return nextToken();
    }

    /**
     * Takes everything not read yet, as sent (inner whitespace kept; trimmed).
     *
     * @param into where it is appended.
     * @return false when nothing is left ({@link Failure#MISSING}; nothing appended).
     */
    public boolean rest(final StringBuilder into)
    {
        if (!hasNext())
        {
            argument++;
            fail(Failure.MISSING, 0);
            return false;
        }
        argument++;
        lastOk = true;
        into.append(text, position, end);
        position = end;
        return true;
    }

    private int tokenStart;

    private boolean nextToken()
    {
        argument++;
        skipSpaces();
        if (position == end)
        {
            fail(Failure.MISSING, 0);
            return false;
        }
        tokenStart = position;
        while (position < end && !isSpace(text.charAt(position)))
        {
            position++;
        }
        lastOk = true;
        return true;
    }

    private void skipSpaces()
    {
        while (position < end && isSpace(text.charAt(position)))
        {
            position++;
        }
    }

    private long fail(final Failure failure, final long defaultValue)
    {
        recordFailure(failure);
        return defaultValue;
    }

    private double fail(final Failure failure, final double defaultValue)
    {
        recordFailure(failure);
        return defaultValue;
    }

    private void recordFailure(final Failure failure)
    {
        lastOk = false;
        if (error == Failure.NONE)
        {
            error = failure;
            errorArgument = argument;
        }
    }
}

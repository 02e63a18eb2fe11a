package io.ringbot.engine.decode;

/**
 * The numeric fields {@link UpdateDecoder} reads, each with the range the Bot API gives it (Bot API 10.1):
 * user and chat ids have at most 52 significant bits (chat ids are negative for groups and channels),
 * update_ids are positive 32-bit integers, message ids and dates are 32-bit {@code Integer}s. A value
 * that is not a plain JSON integer in its range (a fraction, an exponent, {@code -0}, or a number that
 * would wrap a {@code long}) is refused rather than read wrongly.
 */
public enum IntegerField
{
    UPDATE_ID("update_id", 1, Integer.MAX_VALUE, false),
    USER_ID("a user's id", 1, IntegerField.MAX_ID, false),
    CHAT_ID("a chat's id", -IntegerField.MAX_ID, IntegerField.MAX_ID, true),
    MESSAGE_ID("message_id", 0, Integer.MAX_VALUE, false),
    DATE("date", 0, Integer.MAX_VALUE, false),
    QUERY_ID("a numeric query id", 0, IntegerField.MAX_ID, false);

    /** At most 52 significant bits (the Bot API's words for user and chat ids). */
    public static final long MAX_ID = (1L << 52) - 1;

    private static final IntegerField[] VALUES = values();

    private final String name;
    private final long min;
    private final long max;
    private final boolean nonZero;

    IntegerField(final String name, final long min, final long max, final boolean nonZero)
    {
        this.name = name;
        this.min = min;
        this.max = max;
        this.nonZero = nonZero;
    }

    public long min()
    {
        return min;
    }

    public long max()
    {
        return max;
    }

    /**
     * @param value a value that fits a long.
     * @return whether the field may hold it.
     */
    public boolean accepts(final long value)
    {
        return value >= min && value <= max && (value != 0 || !nonZero);
    }

    /**
     * @return what a sender must change, e.g. "update_id must be an integer from 1 to 2147483647".
     */
    public String description()
    {
        return name + " must be " + (nonZero ? "a non-zero integer" : "an integer") + " from " + min + " to " + max +
            " (no fraction, exponent or -0)";
    }

    /**
     * @param ordinal an ordinal.
     * @return the field.
     */
    public static IntegerField of(final int ordinal)
    {
        return VALUES[ordinal];
    }

    public static int count()
    {
        return VALUES.length;
    }
}

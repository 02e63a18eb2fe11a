package io.ringbot.engine.reference;

/**
 * Appends an epoch millisecond as "YYYY-MM-DD hh:mm UTC" without allocating (java.time would create
 * objects on the engine thread). Days to civil date after Howard Hinnant's algorithm.
 */
final class UtcTime
{
    private UtcTime()
    {
    }

    static StringBuilder append(final StringBuilder out, final long epochMillis)
    {
        if (epochMillis <= 0)
        {
            return out.append("never");
        }
        final long secondsOfDay = Math.floorMod(epochMillis / 1000, 86_400L);
        final long z = Math.floorDiv(epochMillis / 1000, 86_400L) + 719_468;
        final long era = Math.floorDiv(z, 146_097);
        final long doe = z - era * 146_097;
        final long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        final long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        final long mp = (5 * doy + 2) / 153;
        final long day = doy - (153 * mp + 2) / 5 + 1;
        final long month = mp < 10 ? mp + 3 : mp - 9;
        final long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
        out.append(year).append('-');
        twoDigits(out, month).append('-');
        twoDigits(out, day).append(' ');
        twoDigits(out, secondsOfDay / 3600).append(':');
        return twoDigits(out, secondsOfDay / 60 % 60).append(" UTC");
    }

    private static StringBuilder twoDigits(final StringBuilder out, final long value)
    {
        if (value < 10)
        {
            out.append('0');
        }
        return out.append(value);
    }
}

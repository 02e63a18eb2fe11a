package io.ringbot.engine.outbound;

/**
 * The one place that knows where "this user has blocked the bot" lives: a bit of the user record's
 * {@code flags}. Set when Telegram answers 403 "bot was blocked by the user" / "user is deactivated";
 * cleared when the user writes again. Broadcasts skip users with it set.
 */
public final class BlockedFlag
{
    /** Bit 0 of UserRecord.flags. */
    public static final int BLOCKED = 1;

    private BlockedFlag()
    {
    }

    public static boolean isSet(final int flags)
    {
        return (flags & BLOCKED) != 0;
    }

    public static int set(final int flags)
    {
        return flags | BLOCKED;
    }

    public static int clear(final int flags)
    {
        return flags & ~BLOCKED;
    }
}

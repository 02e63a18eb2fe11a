package io.ringbot.engine.outbound;

import io.ringbot.store.record.Record;

/**
 * "This user has blocked the bot": the engine-owned {@link Record#FLAG_BLOCKED} bit of a user record's
 * flags. Set when Telegram answers 403 "bot was blocked by the user" / "user is deactivated"; cleared
 * when the user writes again. Broadcasts skip users with it set.
 */
public final class BlockedFlag
{
    /** The bit in a record's flags. */
    public static final long BLOCKED = Record.FLAG_BLOCKED;

    private BlockedFlag()
    {
    }

    public static boolean isSet(final long flags)
    {
        return (flags & BLOCKED) != 0;
    }
}

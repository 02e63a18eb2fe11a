package io.ringbot.engine.outbound;

import io.ringbot.store.record.Record;

/**
 * "This user has blocked the bot": the engine-owned {@link Record#FLAG_BLOCKED} bit of a user record's
 * flags, which the engine keeps itself. Set when Telegram answers 403 "bot was blocked by the user" / "user is
 * deactivated", and by a {@code my_chat_member} update of the user's private chat whose new status is
 * {@code kicked}; cleared by one whose new status is {@code member} (unblocked, restarted) and by any other
 * update from the user, before the handlers run (they see the flag as the update leaves it). The bot's
 * membership in a group leaves it. Broadcasts skip users with it set.
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

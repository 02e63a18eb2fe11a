package io.ringbot.perf.load;

import java.util.Locale;

/**
 * Why a 200 answer did not carry what its update called for.
 */
public enum CheckFailure
{
    /** The body was required but empty. */
    MISSING_REPLY,
    /** The body was not one JSON object. */
    BAD_JSON,
    /** {@code method} was not {@code sendMessage}. */
    WRONG_METHOD,
    /** {@code chat_id} was not the update's chat. */
    WRONG_CHAT,
    /** {@code text} held no {@code count=N}. */
    MISSING_COUNT,
    /** {@code count=N} was not one more than the user's previous count. */
    WRONG_COUNT,
    /** {@code callback_query_id} was not the query's id. */
    WRONG_CALLBACK_ID;

    /**
     * @return the label used in reports.
     */
    public String label()
    {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}

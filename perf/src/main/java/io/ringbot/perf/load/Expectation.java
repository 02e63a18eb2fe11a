package io.ringbot.perf.load;

/**
 * What a 200 answer to one update must carry for the reply check to pass.
 */
public enum Expectation
{
    /** {@code chat_id} equals the chat and {@code text} holds {@code count=N}, N one more than last time. */
    COUNT,
    /** {@code method} is {@code sendMessage} (the {@code /start} greeting). */
    SEND_MESSAGE,
    /** {@code callback_query_id} equals the query's id. */
    CALLBACK_ID,
    /** Status 200 only; the body may be empty. */
    STATUS
}

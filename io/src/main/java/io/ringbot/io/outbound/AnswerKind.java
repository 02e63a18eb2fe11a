package io.ringbot.io.outbound;

/**
 * What came back for one Bot API call, as the sender counts it ({@code ringbot_botapi_answers_total{kind}}),
 * logs it (once per kind per interval) and judges the Bot API's health by it. A kind that is {@link #failing}
 * is one the Bot API would never give when it works: every call failing for a window degrades {@code /healthz}.
 */
public enum AnswerKind
{
    /** {@code "ok":true}. */
    OK("ok", false),
    /** A Bot API error about the call (400 chat not found, 403 blocked, ...): Telegram works. */
    API_ERROR("api_error", false),
    /** 429: wait retry_after. */
    TOO_MANY_REQUESTS("too_many_requests", false),
    /** 401: the token is refused. */
    TOKEN_REFUSED("token_refused", true),
    /** 5xx (or 408): not acted on, sent again with backoff. */
    SERVER_ERROR("server_error", true),
    /** 3xx: not followed (the token would go along); not acted on here, sent again with backoff. */
    REDIRECT("redirect", true),
    /** An HTTP answer whose body is not the Bot API's JSON. */
    NOT_BOT_API("not_bot_api", true),
    /** Bytes that are not an HTTP/1.x answer (a garbage status line, broken chunks, headers over the limit). */
    NOT_HTTP("not_http", true),
    /** An answer over the size cap: reading stopped, the connection closed. */
    TOO_LARGE("too_large", true),
    /** Sent, and no whole answer: none in time, or the connection closed or was reset before it was whole. */
    NO_ANSWER("no_answer", true),
    /** Not sent: no connection, or the request could not be written. */
    UNREACHABLE("unreachable", true);

    /** The label of its counter in the counters file (type CountersFile.SEND_TYPE_ID, the outbound calls' type). */
    public static final String LABEL_PREFIX = "botapi answer=";

    private static final AnswerKind[] VALUES = values();

    private final String label;
    private final boolean failing;

    AnswerKind(final String label, final boolean failing)
    {
        this.label = label;
        this.failing = failing;
    }

    /**
     * @return the metric label value.
     */
    public String label()
    {
        return label;
    }

    /**
     * @return whether a working Bot API never answers this way.
     */
    public boolean failing()
    {
        return failing;
    }

    static AnswerKind of(final int ordinal)
    {
        return VALUES[ordinal];
    }
}

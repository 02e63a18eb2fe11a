package io.ringbot.io.outbound;

/**
 * Something wrong inside an answer that is still read ({@code ringbot_botapi_anomalies_total{kind}}, logged
 * once per kind per interval): what matters is taken, the rest replaced or bounded.
 */
public enum AnswerAnomaly
{
    /** A 429's retry_after over SEND_MAX_PAUSE_SECONDS: the pause is cut to it. */
    RETRY_AFTER_CAPPED("retry_after_capped"),
    /** A 429 without a readable retry_after (missing, negative, not an integer): backoff instead. */
    RETRY_AFTER_UNREADABLE("retry_after_unreadable"),
    /** An error_code that is not a status (not an integer of 100-599): the HTTP status stands for it. */
    ERROR_CODE_UNREADABLE("error_code_unreadable"),
    /** Bytes that are not well-formed UTF-8: replaced with U+FFFD, the answer read. */
    ILL_FORMED_UTF8("ill_formed_utf8");

    /** The label of its counter in the counters file (type CountersFile.SEND_TYPE_ID, the outbound calls' type). */
    public static final String LABEL_PREFIX = "botapi anomaly=";

    static final AnswerAnomaly[] VALUES = values();

    private final String label;

    AnswerAnomaly(final String label)
    {
        this.label = label;
    }

    /**
     * @return the metric label value.
     */
    public String label()
    {
        return label;
    }

    int bit()
    {
        return 1 << ordinal();
    }
}

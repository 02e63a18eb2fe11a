package io.ringbot.io.outbound;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * One Bot API answer: {@code {"ok":true,"result":...}} or {@code {"ok":false,"error_code":429,
 * "description":"...","parameters":{"retry_after":5}}}, with the HTTP status and its {@link AnswerKind}. A
 * network failure (no answer) has status -1. Parsed on the client's thread. Only what the sender acts on is
 * read (ok, error_code, description, retry_after, result's message_id); bytes that are not well-formed UTF-8
 * are replaced, and a field that cannot be read is noted as an {@link AnswerAnomaly}, never a reason to
 * lose the rest of the answer.
 */
public final class ApiAnswer
{
    private static final JsonFactory JSON = new JsonFactory();
    /** The error code of an HTTP 200 whose body is not a Bot API answer: not retried (it may have been acted on). */
    public static final int UNREADABLE = -3;
    /**
     * The HTTP status and error code of a call sent but not answered (time out, connection closed mid-way,
     * an answer that is not HTTP or over the size cap): not retried, as Telegram may have acted on it; the
     * same code as a call in flight at a crash.
     */
    public static final int UNKNOWN_OUTCOME = -2;
    /** retryAfterSeconds of a 429 whose retry_after cannot be read. */
    public static final int RETRY_AFTER_UNREADABLE = -1;
    /** Descriptions are cut here: they go to logs and to the bot, and a Bot API description is a sentence. */
    static final int DESCRIPTION_MAX_CHARS = 1024;

    final int httpStatus;
    final boolean ok;
    final long messageId;
    final int errorCode;
    final String description;
    final int retryAfterSeconds;
    final String resultJson;
    final AnswerKind kind;
    final int anomalies;

    ApiAnswer(final int httpStatus, final boolean ok, final long messageId, final int errorCode,
        final String description, final int retryAfterSeconds, final String resultJson, final AnswerKind kind,
        final int anomalies)
    {
        this.httpStatus = httpStatus;
        this.ok = ok;
        this.messageId = messageId;
        this.errorCode = errorCode;
        this.description = description == null || description.length() <= DESCRIPTION_MAX_CHARS ? description :
            description.substring(0, DESCRIPTION_MAX_CHARS) + "...";
        this.retryAfterSeconds = retryAfterSeconds;
        this.resultJson = resultJson;
        this.kind = kind;
        this.anomalies = anomalies;
    }

    /**
     * @param reason what went wrong on the way.
     * @return an answer for a call that was not sent (safe to send again).
     */
    static ApiAnswer networkError(final String reason)
    {
        return new ApiAnswer(-1, false, 0, -1, reason, 0, null, AnswerKind.UNREACHABLE, 0);
    }

    /**
     * @return the answer for a call whose record in the outbound queue cannot be read (never sent).
     */
    static ApiAnswer unreadableRecord()
    {
        return new ApiAnswer(UNREADABLE, false, 0, UNREADABLE, "the call's record in the outbound queue cannot be read", 0,
            null, AnswerKind.API_ERROR, 0);
    }

    /**
     * @param kind   why there is no answer to read: {@link AnswerKind#NO_ANSWER}, {@link AnswerKind#NOT_HTTP},
     *               {@link AnswerKind#TOO_LARGE}.
     * @param reason what went wrong after the call was sent.
     * @return an answer for a call sent and not answered.
     */
    static ApiAnswer unknownOutcome(final AnswerKind kind, final String reason)
    {
        return new ApiAnswer(UNKNOWN_OUTCOME, false, 0, UNKNOWN_OUTCOME, reason, 0, null, kind, 0);
    }

    /**
     * @param status   the 3xx status.
     * @param location where it pointed (the token masked), or null.
     * @return a redirect: not followed, as the token would go along to wherever it points.
     */
    static ApiAnswer redirected(final int status, final String location)
    {
        return new ApiAnswer(status, false, 0, status, "the Bot API answered HTTP " + status + " redirecting to " +
            (location == null ? "nowhere (no Location)" : location) + ": not followed, so the token does not go " +
            "to another server; set BOT_API_URL to where it points if that is right", 0, null, AnswerKind.REDIRECT, 0);
    }

    static ApiAnswer parse(final int status, final byte[] body)
    {
        return parse(status, body, 0);
    }

    /**
     * Parses an answer body; one that is not the Bot API's JSON becomes an error with the HTTP status.
     *
     * @param status            the HTTP status.
     * @param body              the body.
     * @param retryAfterHeader  the Retry-After header's seconds (0 when none): a 429 without retry_after in
     *                          its body (a proxy's) waits that long.
     * @return the answer.
     */
    static ApiAnswer parse(final int status, final byte[] body, final int retryAfterHeader)
    {
        int anomalies = 0;
        // a lenient decoding (U+FFFD for what is ill-formed) before parsing: Jackson refuses ill-formed UTF-8
        // and would lose an answer that says ok over a stray byte in its description
        final String text = new String(body, StandardCharsets.UTF_8);
        if (text.indexOf('\uFFFD') >= 0 && !containsReplacementCharacter(body))
        {
            anomalies |= AnswerAnomaly.ILL_FORMED_UTF8.bit();
        }
        boolean sawOk = false;
        boolean ok = false;
        long messageId = 0;
        int errorCode = 0;
        String description = null;
        int retryAfter = 0;
        String result = null;
        try (JsonParser p = JSON.createParser(text))
        {
            if (p.nextToken() != JsonToken.START_OBJECT)
            {
                return unreadable(status, anomalies, retryAfterHeader);
            }
            while (p.nextToken() == JsonToken.FIELD_NAME)
            {
                final String name = p.currentName();
                final JsonToken value = p.nextToken();
                switch (name)
                {
                    case "ok":
                        sawOk = value == JsonToken.VALUE_TRUE || value == JsonToken.VALUE_FALSE;
                        ok = value == JsonToken.VALUE_TRUE;
                        break;
                    case "error_code":
                        errorCode = statusCode(p, value);
                        if (errorCode == 0)
                        {
                            anomalies |= AnswerAnomaly.ERROR_CODE_UNREADABLE.bit();
                        }
                        break;
                    case "description":
                        description = value == JsonToken.VALUE_STRING ? p.getText() : null;
                        p.skipChildren();
                        break;
                    case "parameters":
                        retryAfter = retryAfter(p, value);
                        break;
                    case "result":
                        final int start = (int)p.currentTokenLocation().getCharOffset();
                        if (value == JsonToken.START_OBJECT)
                        {
                            messageId = messageId(p);
                        }
                        else
                        {
                            p.skipChildren();
                        }
                        final int end = (int)p.currentLocation().getCharOffset();
                        result = text.substring(start, end);
                        break;
                    default:
                        p.skipChildren();
                        break;
                }
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            return unreadable(status, anomalies, retryAfterHeader);
        }
        if (!sawOk)
        {
            return unreadable(status, anomalies, retryAfterHeader);
        }
        if (ok)
        {
            if (status >= 200 && status < 300)
            {
                return new ApiAnswer(status, true, messageId, 0, description, 0, result, AnswerKind.OK, anomalies);
            }
            // it says done, its status says failed: it may have been acted on, so it is not sent again
            return new ApiAnswer(UNKNOWN_OUTCOME, false, 0, UNKNOWN_OUTCOME, "the Bot API answered ok with HTTP " +
                status + ": the outcome is unknown", 0, null, AnswerKind.NOT_BOT_API, anomalies);
        }
        final int code = errorCode != 0 ? errorCode : status;
        if (code == 200 || code < 300)
        {
            // not ok, and no error code to act on
            return new ApiAnswer(status, false, 0, status == 200 ? UNREADABLE : status, description == null ?
                "not a Bot API answer (HTTP " + status + ", ok:false without an error_code)" : description, 0, null,
                AnswerKind.NOT_BOT_API, anomalies);
        }
        if (code == 429)
        {
            if (retryAfter == 0 && retryAfterHeader > 0)
            {
                retryAfter = retryAfterHeader;
            }
            if (retryAfter <= 0)
            {
                retryAfter = RETRY_AFTER_UNREADABLE;
                anomalies |= AnswerAnomaly.RETRY_AFTER_UNREADABLE.bit();
            }
        }
        return new ApiAnswer(status, false, messageId, code, description, code == 429 ? retryAfter : 0, result,
            kindOf(code), anomalies);
    }

    private static AnswerKind kindOf(final int code)
    {
        if (code == 401)
        {
            return AnswerKind.TOKEN_REFUSED;
        }
        if (code == 429)
        {
            return AnswerKind.TOO_MANY_REQUESTS;
        }
        if (code >= 500 || code == 408)
        {
            return AnswerKind.SERVER_ERROR;
        }
        if (code < 400)
        {
            return AnswerKind.REDIRECT;
        }
        return AnswerKind.API_ERROR;
    }

    private static ApiAnswer unreadable(final int status, final int anomalies, final int retryAfterHeader)
    {
        final String description = "not a Bot API answer (HTTP " + status + ")";
        if (status == 401 || status == 429 || status >= 500 || status == 408)
        {
            // a proxy's or server's own page: the status says what happened
            final int retryAfter = status != 429 ? 0 : retryAfterHeader > 0 ? retryAfterHeader : RETRY_AFTER_UNREADABLE;
            return new ApiAnswer(status, false, 0, status, description, retryAfter, null, kindOf(status),
                anomalies | (retryAfter < 0 ? AnswerAnomaly.RETRY_AFTER_UNREADABLE.bit() : 0));
        }
        return new ApiAnswer(status, false, 0, status == 200 ? UNREADABLE : status, description, 0, null,
            AnswerKind.NOT_BOT_API, anomalies);
    }

    /**
     * @return an HTTP-like status (100-599), or 0 when the value is not one (12 digits, a string, a fraction).
     */
    private static int statusCode(final JsonParser p, final JsonToken value) throws IOException
    {
        p.skipChildren();
        if (value != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT)
        {
            return 0;
        }
        final int code = p.getIntValue();
        return code >= 100 && code <= 599 ? code : 0;
    }

    /**
     * @return seconds (saturated at Integer.MAX_VALUE), or 0 when there is none or it cannot be read.
     */
    private static int retryAfter(final JsonParser p, final JsonToken value) throws IOException
    {
        int retryAfter = 0;
        if (value != JsonToken.START_OBJECT)
        {
            p.skipChildren();
            return 0;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME)
        {
            final String name = p.currentName();
            final JsonToken token = p.nextToken();
            if ("retry_after".equals(name) && token == JsonToken.VALUE_NUMBER_INT)
            {
                retryAfter = p.getNumberType() == JsonParser.NumberType.INT ? Math.max(0, p.getIntValue()) :
                    p.getBigIntegerValue().signum() > 0 ? Integer.MAX_VALUE : 0;
            }
            else
            {
                p.skipChildren();
            }
        }
        return retryAfter;
    }

    private static long messageId(final JsonParser p) throws IOException
    {
        long messageId = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME)
        {
            final String name = p.currentName();
            final JsonToken value = p.nextToken();
            if ("message_id".equals(name) && value == JsonToken.VALUE_NUMBER_INT &&
                p.getNumberType() != JsonParser.NumberType.BIG_INTEGER)
            {
                messageId = p.getLongValue();
            }
            else
            {
                p.skipChildren();
            }
        }
        return messageId;
    }

    private static boolean containsReplacementCharacter(final byte[] body)
    {
        for (int i = 0; i + 2 < body.length; i++)
        {
            if (body[i] == (byte)0xEF && body[i + 1] == (byte)0xBF && body[i + 2] == (byte)0xBD)
            {
                return true;
            }
        }
        return false;
    }

    public int httpStatus()
    {
        return httpStatus;
    }

    /**
     * @return true for a call sent and never answered: Telegram may have acted on it.
     */
    public boolean unknownOutcome()
    {
        return httpStatus == UNKNOWN_OUTCOME;
    }

    public boolean ok()
    {
        return ok;
    }

    public long messageId()
    {
        return messageId;
    }

    public int errorCode()
    {
        return errorCode;
    }

    public String description()
    {
        return description;
    }

    public int retryAfterSeconds()
    {
        return retryAfterSeconds;
    }

    /**
     * @return the result exactly as the Bot API sent it (an object, array, true, ...), or null when none:
     * what getWebhookInfo and getUpdates callers parse.
     */
    public String resultJson()
    {
        return resultJson;
    }

    /**
     * @return what kind of answer it was.
     */
    public AnswerKind kind()
    {
        return kind;
    }

    /**
     * @param anomaly one of the things that can be wrong inside an answer that is still read.
     * @return whether this answer had it.
     */
    public boolean has(final AnswerAnomaly anomaly)
    {
        return (anomalies & anomaly.bit()) != 0;
    }

    public String toString()
    {
        return ok ? "ok" : errorCode + " " + description;
    }
}

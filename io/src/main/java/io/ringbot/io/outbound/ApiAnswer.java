package io.ringbot.io.outbound;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * One Bot API answer: {@code {"ok":true,"result":...}} or {@code {"ok":false,"error_code":429,
 * "description":"...","parameters":{"retry_after":5}}}, with the HTTP status. A network failure (no
 * answer) has status -1. Parsed on the client's thread.
 */
public final class ApiAnswer
{
    private static final JsonFactory JSON = new JsonFactory();
    /** The error code of an HTTP 200 whose body is not a Bot API answer: not retried (it may have been acted on). */
    public static final int UNREADABLE = -3;
    /**
     * The HTTP status and error code of a call sent but not answered (time out, connection closed mid-way):
     * not retried, as Telegram may have acted on it; the same code as a call in flight at a crash.
     */
    public static final int UNKNOWN_OUTCOME = -2;

    final int httpStatus;
    final boolean ok;
    final long messageId;
    final int errorCode;
    final String description;
    final int retryAfterSeconds;
    final String resultJson;

    ApiAnswer(final int httpStatus, final boolean ok, final long messageId, final int errorCode,
        final String description, final int retryAfterSeconds, final String resultJson)
    {
        this.httpStatus = httpStatus;
        this.ok = ok;
        this.messageId = messageId;
        this.errorCode = errorCode;
        this.description = description;
        this.retryAfterSeconds = retryAfterSeconds;
        this.resultJson = resultJson;
    }

    /**
     * @param reason what went wrong on the way.
     * @return an answer for a call that got none.
     */
    static ApiAnswer networkError(final String reason)
    {
        return new ApiAnswer(-1, false, 0, -1, reason, 0, null);
    }

    /**
     * @return the answer for a call whose record in the queue cannot be read (never sent).
     */
    static ApiAnswer unreadableRecord()
    {
        return new ApiAnswer(UNREADABLE, false, 0, UNREADABLE, "the call's record in the outbound queue cannot be read", 0,
            null);
    }

    /**
     * @param reason what went wrong after the call was sent.
     * @return an answer for a call sent and not answered.
     */
    static ApiAnswer unknownOutcome(final String reason)
    {
        return new ApiAnswer(UNKNOWN_OUTCOME, false, 0, UNKNOWN_OUTCOME, reason, 0, null);
    }

    /**
     * Parses an answer body; one that is not the Bot API's JSON becomes an error with the HTTP status.
     *
     * @param status the HTTP status.
     * @param body   the body.
     * @return the answer.
     */
    static ApiAnswer parse(final int status, final byte[] body)
    {
        boolean ok = false;
        long messageId = 0;
        int errorCode = status == 200 ? 0 : status;
        String description = null;
        int retryAfter = 0;
        String result = null;
        try (JsonParser p = JSON.createParser(body))
        {
            if (p.nextToken() != JsonToken.START_OBJECT)
            {
                return unreadable(status);
            }
            while (p.nextToken() == JsonToken.FIELD_NAME)
            {
                final String name = p.currentName();
                final JsonToken value = p.nextToken();
                switch (name)
                {
                    case "ok":
                        ok = value == JsonToken.VALUE_TRUE;
                        break;
                    case "error_code":
                        errorCode = p.getValueAsInt(status);
                        break;
                    case "description":
                        description = p.getValueAsString();
                        break;
                    case "parameters":
                        retryAfter = retryAfter(p, value);
                        break;
                    case "result":
                        final int start = (int)p.currentTokenLocation().getByteOffset();
                        if (value == JsonToken.START_OBJECT)
                        {
                            messageId = messageId(p);
                        }
                        else
                        {
                            p.skipChildren();
                        }
                        final int end = (int)p.currentLocation().getByteOffset();
                        result = new String(body, start, end - start, StandardCharsets.UTF_8);
                        break;
                    default:
                        p.skipChildren();
                        break;
                }
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            return unreadable(status);
        }
        if (ok && status == 200)
        {
            return new ApiAnswer(status, true, messageId, 0, description, retryAfter, result);
        }
        if (errorCode == 0 || errorCode == 200)
        {
            return unreadable(status); // not ok, but no error code to act on
        }
        return new ApiAnswer(status, false, messageId, errorCode, description, retryAfter, result);
    }

    private static ApiAnswer unreadable(final int status)
    {
        return new ApiAnswer(status, false, 0, status == 200 ? UNREADABLE : status,
            "not a Bot API answer (HTTP " + status + ")", 0, null);
    }

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
            p.nextToken();
            if ("retry_after".equals(name))
            {
                retryAfter = p.getValueAsInt(0);
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
            p.nextToken();
            if ("message_id".equals(name))
            {
                messageId = p.getValueAsLong(0);
            }
            else
            {
                p.skipChildren();
            }
        }
        return messageId;
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

    public String toString()
    {
        return ok ? "ok" : errorCode + " " + description;
    }
}

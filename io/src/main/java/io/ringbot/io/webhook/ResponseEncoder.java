package io.ringbot.io.webhook;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.nio.charset.StandardCharsets;

/**
 * Writes a whole HTTP/1.1 answer (status line, the few headers a webhook answer has, body) into one pooled
 * buffer: no response object, no header map, no garbage. The webhook's only answers are JSON bodies, so
 * the header set is fixed: Content-Type when there is a body, Content-Length always, Retry-After on 503,
 * Allow on 405, Connection: close when the connection ends after it.
 */
final class ResponseEncoder
{
    static final byte[] CONTINUE = ascii("HTTP/1.1 100 Continue\r\n\r\n");

    /** A full ring asks Telegram to come back after this many seconds (it honours Retry-After). */
    private static final String RETRY_AFTER_SECONDS = "1";

    private static final int[] CODES = {200, 400, 401, 404, 405, 408, 411, 413, 415, 431, 500, 503, 505};
    private static final byte[][] STATUS_LINES = new byte[CODES.length][];
    private static final byte[] CONTENT_TYPE = ascii("Content-Type: application/json\r\n");
    private static final byte[] RETRY_AFTER = ascii("Retry-After: " + RETRY_AFTER_SECONDS + "\r\n");
    private static final byte[] ALLOW = ascii("Allow: POST\r\n");
    private static final byte[] CONNECTION_CLOSE = ascii("Connection: close\r\n");
    private static final byte[] CONTENT_LENGTH = ascii("Content-Length: ");
    private static final byte[] CRLF = ascii("\r\n");
    private static final int HEAD_MAX = 160;

    static
    {
        for (int i = 0; i < CODES.length; i++)
        {
            STATUS_LINES[i] = statusLine(CODES[i]);
        }
    }

    private ResponseEncoder()
    {
    }

    /**
     * @param alloc  the channel's allocator.
     * @param status the HTTP status code.
     * @param body   the JSON body (may be longer than length).
     * @param length the body's length, 0 for none.
     * @param close  whether the connection closes after this answer.
     * @return the encoded answer.
     */
    static ByteBuf encode(
        final ByteBufAllocator alloc, final int status, final byte[] body, final int length, final boolean close)
    {
        final ByteBuf out = alloc.buffer(HEAD_MAX + length);
        out.writeBytes(statusLineOf(status));
        if (length > 0)
        {
            out.writeBytes(CONTENT_TYPE);
        }
        if (status == 503)
        {
            out.writeBytes(RETRY_AFTER);
        }
        else if (status == 405)
        {
            out.writeBytes(ALLOW);
        }
        if (close)
        {
            out.writeBytes(CONNECTION_CLOSE);
        }
        out.writeBytes(CONTENT_LENGTH);
        writeDecimal(out, length);
        out.writeBytes(CRLF).writeBytes(CRLF);
        if (length > 0)
        {
            out.writeBytes(body, 0, length);
        }
        return out;
    }

    private static byte[] statusLineOf(final int status)
    {
        for (int i = 0; i < CODES.length; i++)
        {
            if (CODES[i] == status)
            {
                return STATUS_LINES[i];
            }
        }
        return statusLine(status);
    }

    private static byte[] statusLine(final int status)
    {
        return ascii("HTTP/1.1 " + status + ' ' + HttpResponseStatus.valueOf(status).reasonPhrase() + "\r\n");
    }

    static void writeDecimal(final ByteBuf out, final int value)
    {
        int divisor = 1;
        while (value / divisor >= 10)
        {
            divisor *= 10;
        }
        for (; divisor > 0; divisor /= 10)
        {
            out.writeByte('0' + (value / divisor) % 10);
        }
    }

    private static byte[] ascii(final String s)
    {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}

package io.ringbot.io.webhook;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;

/**
 * The head of one HTTP/1.x request as far as a webhook needs it, parsed in place from the connection's
 * buffer and reused for every request on that connection.
 * <p>
 * Hand-written on purpose: Netty's {@code HttpServerCodec} with an aggregator allocates a header map, an
 * entry, a name and a value string per header line and a composite buffer per request (~2 KB a request,
 * measured with JFR; BENCHMARKS.md) — young collections every two seconds at 20k updates/s. This parser
 * reads only the request line and six headers, keeps no strings, and leaves the body where it is to be
 * copied once, into the ring slot.
 */
final class RequestHead
{
    /** The head is not complete yet: read more. */
    static final int INCOMPLETE = 0;
    static final int BAD_REQUEST = -400;
    static final int TOO_LARGE = -431;
    static final int BAD_VERSION = -505;

    static final int MAX_HEAD_BYTES = 8192;

    private static final byte[] POST = ascii("POST");
    private static final byte[] HTTP_1_ = ascii("HTTP/1.");
    private static final byte[] CONTENT_LENGTH = ascii("content-length");
    private static final byte[] CONTENT_TYPE = ascii("content-type");
    private static final byte[] CONNECTION = ascii("connection");
    private static final byte[] TRANSFER_ENCODING = ascii("transfer-encoding");
    private static final byte[] EXPECT = ascii("expect");
    private static final byte[] SECRET = ascii("x-telegram-bot-api-secret-token");
    private static final byte[] APPLICATION_JSON = ascii("application/json");
    private static final byte[] CLOSE = ascii("close");
    private static final byte[] KEEP_ALIVE = ascii("keep-alive");
    private static final byte[] CONTINUE = ascii("100-continue");
    private static final byte[] HOST = ascii("host");

    /** Headers that may appear once: a second one is how requests are smuggled or a secret is swapped. */
    private static final int SEEN_LENGTH = 1;
    private static final int SEEN_SECRET = 2;
    private static final int SEEN_TRANSFER_ENCODING = 4;
    private static final int SEEN_EXPECT = 8;
    private static final int SEEN_HOST = 16;
    private static final int SEEN_CONTENT_TYPE = 32;

    /** RFC 9110 §5.6.2 tchar, the only bytes a header name may have (no space, tab or NUL before the colon). */
    private static final boolean[] TOKEN = new boolean[128];

    static
    {
        final String others = "!#$%&'*+-.^_`|~";
        for (int c = 0; c < 128; c++)
        {
            TOKEN[c] = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || others.indexOf(c) >= 0;
        }
    }

    private final byte[] path;
    private final byte[] secret;

    boolean post;
    boolean pathMatches;
    boolean keepAlive;
    boolean secretMatches;
    boolean jsonOrNoContentType;
    boolean transferEncoding;
    boolean expectContinue;
    long contentLength;

    /**
     * @param path   the webhook path, e.g. "/webhook" (a query after it is allowed).
     * @param secret the expected X-Telegram-Bot-Api-Secret-Token.
     */
    RequestHead(final String path, final String secret)
    {
        if (secret == null || secret.isBlank())
        {
            throw new IllegalArgumentException("the webhook secret must not be empty: an empty header would pass");
        }
        this.path = path.getBytes(StandardCharsets.US_ASCII);
        this.secret = secret.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Parses the head starting at {@code from}.
     *
     * @param buf  the connection's bytes.
     * @param from where the request starts.
     * @param to   where the readable bytes end.
     * @return the head's length including its blank line, {@link #INCOMPLETE}, or a negative error code.
     */
    int parse(final ByteBuf buf, final int from, final int to)
    {
        final int limit = Math.min(to, from + MAX_HEAD_BYTES);
        int lineEnd = buf.indexOf(from, limit, (byte)'\n');
        if (lineEnd < 0)
        {
            return to - from >= MAX_HEAD_BYTES ? TOO_LARGE : INCOMPLETE;
        }
        final int status = requestLine(buf, from, trimCr(buf, from, lineEnd));
        if (status != 0)
        {
            return status;
        }
        int seen = 0;
        int pos = lineEnd + 1;
        while (true)
        {
            lineEnd = buf.indexOf(pos, limit, (byte)'\n');
            if (lineEnd < 0)
            {
                return to - from >= MAX_HEAD_BYTES ? TOO_LARGE : INCOMPLETE;
            }
            final int end = trimCr(buf, pos, lineEnd);
            if (end == pos)
            {
                return lineEnd + 1 - from;
            }
            final byte first = buf.getByte(pos);
            final int colon = buf.indexOf(pos, end, (byte)':');
            if (first == ' ' || first == '\t' || colon <= pos || !isToken(buf, pos, colon))
            {
                return BAD_REQUEST; // obsolete line folding, no header name, or space/NUL before the colon (RFC 9112 §5.1)
            }
            int valueStart = colon + 1;
            int valueEnd = end;
            while (valueStart < valueEnd && isSpace(buf.getByte(valueStart)))
            {
                valueStart++;
            }
            while (valueEnd > valueStart && isSpace(buf.getByte(valueEnd - 1)))
            {
                valueEnd--;
            }
            final int nameLength = colon - pos;
            if (nameIs(buf, pos, nameLength, CONTENT_LENGTH))
            {
                final long length = decimal(buf, valueStart, valueEnd);
                if (length < 0 || (seen & SEEN_LENGTH) != 0)
                {
                    return BAD_REQUEST; // not a number, or a second length (request smuggling)
                }
                contentLength = length;
                seen |= SEEN_LENGTH;
            }
            else if (nameIs(buf, pos, nameLength, SECRET))
            {
                if ((seen & SEEN_SECRET) != 0)
                {
                    return BAD_REQUEST;
                }
                seen |= SEEN_SECRET;
                secretMatches = constantTimeEquals(buf, valueStart, valueEnd, secret);
            }
            else if (nameIs(buf, pos, nameLength, CONTENT_TYPE))
            {
                if ((seen & SEEN_CONTENT_TYPE) != 0)
                {
                    return BAD_REQUEST;
                }
                seen |= SEEN_CONTENT_TYPE;
                jsonOrNoContentType = startsWithIgnoreCase(buf, valueStart, valueEnd, APPLICATION_JSON);
            }
            else if (nameIs(buf, pos, nameLength, CONNECTION))
            {
                if (containsIgnoreCase(buf, valueStart, valueEnd, CLOSE))
                {
                    keepAlive = false;
                }
                else if (containsIgnoreCase(buf, valueStart, valueEnd, KEEP_ALIVE))
                {
                    keepAlive = true;
                }
            }
            else if (nameIs(buf, pos, nameLength, TRANSFER_ENCODING))
            {
                if ((seen & SEEN_TRANSFER_ENCODING) != 0)
                {
                    return BAD_REQUEST;
                }
                seen |= SEEN_TRANSFER_ENCODING;
                transferEncoding = true;
            }
            else if (nameIs(buf, pos, nameLength, HOST))
            {
                if ((seen & SEEN_HOST) != 0)
                {
                    return BAD_REQUEST; // RFC 9112 §3.2: more than one Host is a bad request
                }
                seen |= SEEN_HOST;
            }
            else if (nameIs(buf, pos, nameLength, EXPECT))
            {
                if ((seen & SEEN_EXPECT) != 0)
                {
                    return BAD_REQUEST;
                }
                seen |= SEEN_EXPECT;
                expectContinue = startsWithIgnoreCase(buf, valueStart, valueEnd, CONTINUE);
            }
            pos = lineEnd + 1;
        }
    }

    /** METHOD SP request-target SP HTTP/1.x; resets every field to the version's defaults. */
    private int requestLine(final ByteBuf buf, final int from, final int end)
    {
        final int methodEnd = buf.indexOf(from, end, (byte)' ');
        final int targetEnd = methodEnd < 0 ? -1 : buf.indexOf(methodEnd + 1, end, (byte)' ');
        if (methodEnd <= from || targetEnd <= methodEnd + 1)
        {
            return BAD_REQUEST;
        }
        if (end - (targetEnd + 1) != HTTP_1_.length + 1 || !regionEquals(buf, targetEnd + 1, HTTP_1_))
        {
            return BAD_VERSION;
        }
        final byte minor = buf.getByte(end - 1);
        if (minor != '0' && minor != '1')
        {
            return BAD_VERSION;
        }
        post = methodEnd - from == POST.length && regionEquals(buf, from, POST);
        pathMatches = targetMatchesPath(buf, methodEnd + 1, targetEnd);
        keepAlive = minor == '1';
        secretMatches = false;
        jsonOrNoContentType = true;
        transferEncoding = false;
        expectContinue = false;
        contentLength = 0;
        return 0;
    }

    private boolean targetMatchesPath(final ByteBuf buf, final int from, final int end)
    {
        final int query = buf.indexOf(from, end, (byte)'?');
        final int pathEnd = query < 0 ? end : query;
        return pathEnd - from == path.length && regionEquals(buf, from, path);
    }

    /** Constant time in the expected secret's length, so it cannot be guessed byte by byte from timings. */
    private static boolean constantTimeEquals(final ByteBuf buf, final int from, final int end, final byte[] expected)
    {
        final int length = end - from;
        int diff = length ^ expected.length;
        for (int i = 0; i < expected.length; i++)
        {
            final byte actual = i < length ? buf.getByte(from + i) : 0;
            diff |= actual ^ expected[i];
        }
        return diff == 0;
    }

    private static boolean isToken(final ByteBuf buf, final int from, final int end)
    {
        for (int i = from; i < end; i++)
        {
            final byte b = buf.getByte(i);
            if (b < 0 || !TOKEN[b])
            {
                return false;
            }
        }
        return true;
    }

    private static long decimal(final ByteBuf buf, final int from, final int end)
    {
        if (from == end || end - from > 18)
        {
            return -1;
        }
        long value = 0;
        for (int i = from; i < end; i++)
        {
            final byte b = buf.getByte(i);
            if (b < '0' || b > '9')
            {
                return -1;
            }
            value = value * 10 + (b - '0');
        }
        return value;
    }

    private static boolean nameIs(final ByteBuf buf, final int from, final int length, final byte[] lowerCase)
    {
        return length == lowerCase.length && regionEqualsIgnoreCase(buf, from, lowerCase);
    }

    private static boolean startsWithIgnoreCase(final ByteBuf buf, final int from, final int end, final byte[] lowerCase)
    {
        return end - from >= lowerCase.length && regionEqualsIgnoreCase(buf, from, lowerCase);
    }

    private static boolean containsIgnoreCase(final ByteBuf buf, final int from, final int end, final byte[] lowerCase)
    {
        for (int i = from; i + lowerCase.length <= end; i++)
        {
            if (regionEqualsIgnoreCase(buf, i, lowerCase))
            {
                return true;
            }
        }
        return false;
    }

    private static boolean regionEquals(final ByteBuf buf, final int from, final byte[] expected)
    {
        for (int i = 0; i < expected.length; i++)
        {
            if (buf.getByte(from + i) != expected[i])
            {
                return false;
            }
        }
        return true;
    }

    private static boolean regionEqualsIgnoreCase(final ByteBuf buf, final int from, final byte[] lowerCase)
    {
        for (int i = 0; i < lowerCase.length; i++)
        {
            final byte b = buf.getByte(from + i);
            if ((b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b) != lowerCase[i])
            {
                return false;
            }
        }
        return true;
    }

    private static int trimCr(final ByteBuf buf, final int from, final int lineEnd)
    {
        return lineEnd > from && buf.getByte(lineEnd - 1) == '\r' ? lineEnd - 1 : lineEnd;
    }

    private static boolean isSpace(final byte b)
    {
        return b == ' ' || b == '\t';
    }

    private static byte[] ascii(final String s)
    {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}

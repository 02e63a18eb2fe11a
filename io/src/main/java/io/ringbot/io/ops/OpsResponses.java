package io.ringbot.io.ops;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

import java.nio.charset.StandardCharsets;

/**
 * Builds the ops server's responses with the headers every one of them needs.
 */
final class OpsResponses
{
    static final String JSON = "application/json; charset=utf-8";
    static final String TEXT = "text/plain; charset=utf-8";
    static final String HTML = "text/html; charset=utf-8";

    private OpsResponses()
    {
    }

    static FullHttpResponse of(final HttpResponseStatus status, final String contentType, final ByteBuf body)
    {
        final FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
        response.headers()
            .set(HttpHeaderNames.CONTENT_TYPE, contentType)
            .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes())
            // Every figure here is live: a cached copy would be a wrong one.
            .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE)
            .set("X-Content-Type-Options", "nosniff");
        return response;
    }

    static FullHttpResponse of(final HttpResponseStatus status, final String contentType, final CharSequence body,
        final ByteBufAllocator alloc)
    {
        final ByteBuf buf = alloc.buffer(body.length() + 16);
        buf.writeCharSequence(body, StandardCharsets.UTF_8);
        return of(status, contentType, buf);
    }

    static FullHttpResponse text(final HttpResponseStatus status, final String message, final ByteBufAllocator alloc)
    {
        return of(status, TEXT, message + '\n', alloc);
    }
}

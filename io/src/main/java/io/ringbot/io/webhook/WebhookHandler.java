package io.ringbot.io.webhook;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.AsciiString;
import io.ringbot.engine.Engine;
import io.ringbot.engine.ring.UpdateEvent;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Webhook ingress on a Netty event loop: checks path, method, secret and content type, copies the
 * body into a claimed ring slot and publishes it; the engine's answer comes back through the slot's
 * {@link ResponseTask}. Never touches bot state. A full ring answers 503 with Retry-After: Telegram
 * honours it and redelivers, so nothing is lost.
 */
@ChannelHandler.Sharable
public final class WebhookHandler extends SimpleChannelInboundHandler<FullHttpRequest>
{
    static final AsciiString SECRET_HEADER = AsciiString.cached("X-Telegram-Bot-Api-Secret-Token");
    static final String RETRY_AFTER_SECONDS = "1";

    private final Engine engine;
    private final String path;
    private final byte[] secret;
    private final WebhookMetrics metrics;

    public WebhookHandler(final Engine engine, final String path, final String secret, final WebhookMetrics metrics)
    {
        this.engine = engine;
        this.path = path;
        this.secret = secret.getBytes(StandardCharsets.US_ASCII);
        this.metrics = metrics;
    }

    public void channelActive(final ChannelHandlerContext ctx) throws Exception
    {
        metrics.connectionsAccepted.increment();
        metrics.connectionsOpen.increment();
        super.channelActive(ctx);
    }

    public void channelInactive(final ChannelHandlerContext ctx) throws Exception
    {
        metrics.connectionsOpen.decrement();
        super.channelInactive(ctx);
    }

    public void userEventTriggered(final ChannelHandlerContext ctx, final Object evt) throws Exception
    {
        if (evt instanceof IdleStateEvent)
        {
            metrics.idleClosed.increment();
            ctx.close();
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    protected void channelRead0(final ChannelHandlerContext ctx, final FullHttpRequest request)
    {
        metrics.requests.increment();
        final boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (!request.decoderResult().isSuccess())
        {
            metrics.badRequest.increment();
            answer(ctx, HttpResponseStatus.BAD_REQUEST, "malformed HTTP request", false);
            return;
        }
        if (!pathMatches(request.uri()))
        {
            metrics.notFound.increment();
            answer(ctx, HttpResponseStatus.NOT_FOUND, "no such path: POST updates to " + path, keepAlive);
            return;
        }
        if (request.method() != HttpMethod.POST)
        {
            metrics.badMethod.increment();
            final FullHttpResponse response = response(ctx, HttpResponseStatus.METHOD_NOT_ALLOWED, "use POST");
            response.headers().set(HttpHeaderNames.ALLOW, "POST");
            write(ctx, response, keepAlive);
            return;
        }
        if (!secretMatches(request.headers().get(SECRET_HEADER)))
        {
            metrics.unauthorized.increment();
            answer(ctx, HttpResponseStatus.UNAUTHORIZED, "wrong or missing X-Telegram-Bot-Api-Secret-Token", keepAlive);
            return;
        }
        final String contentType = request.headers().get(HttpHeaderNames.CONTENT_TYPE);
        if (contentType != null && !contentType.regionMatches(true, 0, "application/json", 0, 16))
        {
            metrics.badRequest.increment();
            answer(ctx, HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE, "Content-Type must be application/json", keepAlive);
            return;
        }
        final long sequence = engine.tryClaim();
        if (sequence < 0)
        {
            metrics.ringFull.increment();
            final FullHttpResponse response = response(ctx, HttpResponseStatus.SERVICE_UNAVAILABLE, "busy: retry");
            response.headers().set(HttpHeaderNames.RETRY_AFTER, RETRY_AFTER_SECONDS);
            write(ctx, response, keepAlive);
            return;
        }
        final UpdateEvent slot = engine.slot(sequence);
        final ByteBuf content = request.content();
        final int length = content.readableBytes();
        content.getBytes(content.readerIndex(), slot.bodyBufferFor(length), 0, length);
        slot.type(UpdateEvent.UPDATE).responder(Responders.WEBHOOK).connection(ctx).keepAlive(keepAlive)
            .receivedNanos(System.nanoTime());
        engine.publish(sequence);
    }

    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
    {
        ctx.close();
    }

    private boolean pathMatches(final String uri)
    {
        final int query = uri.indexOf('?');
        final int end = query < 0 ? uri.length() : query;
        return end == path.length() && uri.startsWith(path);
    }

    /** Constant time, so the secret cannot be guessed byte by byte from response timings. */
    private boolean secretMatches(final String header)
    {
        return header != null && MessageDigest.isEqual(header.getBytes(StandardCharsets.US_ASCII), secret);
    }

    static void answer(
        final ChannelHandlerContext ctx, final HttpResponseStatus status, final String description, final boolean keepAlive)
    {
        write(ctx, response(ctx, status, description), keepAlive);
    }

    static FullHttpResponse response(final ChannelHandlerContext ctx, final HttpResponseStatus status, final String description)
    {
        final byte[] body = ("{\"ok\":false,\"error_code\":" + status.code() + ",\"description\":\"" + description + "\"}")
            .getBytes(StandardCharsets.UTF_8);
        final FullHttpResponse response = new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        return response;
    }

    static void write(final ChannelHandlerContext ctx, final FullHttpResponse response, final boolean keepAlive)
    {
        if (keepAlive)
        {
            ctx.writeAndFlush(response, ctx.voidPromise());
        }
        else
        {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }
}

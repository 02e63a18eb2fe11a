package io.ringbot.io.ops;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.timeout.IdleStateEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * Dispatches an ops request by path: an unknown path is 404 whatever the method, a known one answers
 * GET only (405 with {@code Allow: GET} otherwise). Keeps HTTP/1.1 connections alive unless asked not to.
 * One instance serves every connection: all of them run on the one ops event loop.
 */
@ChannelHandler.Sharable
final class OpsRouter extends SimpleChannelInboundHandler<FullHttpRequest>
{
    private static final Logger LOG = LoggerFactory.getLogger(OpsRouter.class);
    static final String NOT_FOUND_TEXT = "not found: the ops server has GET /healthz, /metrics, /dashboard and /stats.json";

    private final Map<String, OpsEndpoint> endpoints;
    private boolean failureLogged;

    OpsRouter(final Map<String, OpsEndpoint> endpoints)
    {
        this.endpoints = Map.copyOf(endpoints);
    }

    protected void channelRead0(final ChannelHandlerContext ctx, final FullHttpRequest request)
    {
        if (!request.decoderResult().isSuccess())
        {
            write(ctx, OpsResponses.text(HttpResponseStatus.BAD_REQUEST, "malformed request", ctx.alloc()), false);
            return;
        }
        final boolean keepAlive = HttpUtil.isKeepAlive(request);
        final QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        final String path;
        try
        {
            path = uri.path();
        }
        catch (final IllegalArgumentException ex)
        {
            write(ctx, OpsResponses.text(HttpResponseStatus.BAD_REQUEST, "malformed path", ctx.alloc()), keepAlive);
            return;
        }
        final OpsEndpoint endpoint = endpoints.get(path);
        final FullHttpResponse response;
        if (endpoint == null)
        {
            response = OpsResponses.text(HttpResponseStatus.NOT_FOUND, NOT_FOUND_TEXT, ctx.alloc());
        }
        else if (!HttpMethod.GET.equals(request.method()))
        {
            // (To a HEAD, HttpServerCodec's encoder leaves the body out itself.)
            response = OpsResponses.text(HttpResponseStatus.METHOD_NOT_ALLOWED, "only GET", ctx.alloc());
            response.headers().set(HttpHeaderNames.ALLOW, HttpMethod.GET.name());
        }
        else
        {
            response = respond(endpoint, uri, ctx);
        }
        write(ctx, response, keepAlive);
    }

    public void userEventTriggered(final ChannelHandlerContext ctx, final Object evt) throws Exception
    {
        if (evt instanceof IdleStateEvent)
        {
            // A closed dashboard tab or a dead scraper should not hold a connection for ever.
            ctx.close();
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
    {
        // Mostly "connection reset by peer": nothing to answer, nothing worth a log line per occurrence.
        LOG.debug("ops connection failed: {}", cause.toString());
        ctx.close();
    }

    private FullHttpResponse respond(final OpsEndpoint endpoint, final QueryStringDecoder uri, final ChannelHandlerContext ctx)
    {
        try
        {
            return endpoint.respond(uri, ctx.alloc());
        }
        catch (final Exception ex)
        {
            if (!failureLogged)
            {
                failureLogged = true;
                LOG.warn("ops endpoint {} failed (logged once): {}", uri.path(), ex.toString(), ex);
            }
            return OpsResponses.text(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error: " + ex, ctx.alloc());
        }
    }

    private static void write(final ChannelHandlerContext ctx, final FullHttpResponse response, final boolean keepAlive)
    {
        if (keepAlive)
        {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(response, ctx.voidPromise());
        }
        else
        {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }
}

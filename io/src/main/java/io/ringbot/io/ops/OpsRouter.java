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
import org.agrona.concurrent.status.AtomicCounter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Dispatches an ops request by path: an unknown path is 404 whatever the method, a known one answers
 * GET only (405 with {@code Allow: GET} otherwise). Keeps HTTP/1.1 connections alive unless asked not to.
 * One instance serves every connection: all of them run on the one ops event loop.
 * <p>
 * Only a {@code Host} of a loopback name (localhost, 127.0.0.1, [::1], any port) or a configured one is
 * answered; any other gets 421, so a web page cannot read the endpoints through DNS rebinding. Channels
 * do not read on their own: the router asks for the next request once an answer is written and the
 * client took its answers (the channel is writable), so a client that pipelines and never reads makes
 * the server hold a bounded amount.
 */
@ChannelHandler.Sharable
final class OpsRouter extends SimpleChannelInboundHandler<FullHttpRequest>
{
    private static final Logger LOG = LoggerFactory.getLogger(OpsRouter.class);
    static final String NOT_FOUND_TEXT = "not found: the ops server has GET /healthz, /metrics, /dashboard and /stats.json";

    static final String INTERNAL_ERROR_TEXT = "internal error: the ops server logged it";
    private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]");

    private final Map<String, OpsEndpoint> endpoints;
    private final Set<String> allowedHosts;
    private final AtomicCounter misdirected;
    private final AtomicCounter errors;
    private final Set<String> failuresLogged = new HashSet<>();

    OpsRouter(final Map<String, OpsEndpoint> endpoints, final OpsContext ctx)
    {
        this.endpoints = Map.copyOf(endpoints);
        this.allowedHosts = ctx.allowedHosts();
        this.misdirected = ctx.misdirected();
        this.errors = ctx.errors();
    }

    public void channelActive(final ChannelHandlerContext ctx) throws Exception
    {
        ctx.read();
        super.channelActive(ctx);
    }

    public void channelWritabilityChanged(final ChannelHandlerContext ctx) throws Exception
    {
        if (ctx.channel().isWritable())
        {
            ctx.read();
        }
        super.channelWritabilityChanged(ctx);
    }

    protected void channelRead0(final ChannelHandlerContext ctx, final FullHttpRequest request)
    {
        if (!request.decoderResult().isSuccess())
        {
            write(ctx, OpsResponses.text(HttpResponseStatus.BAD_REQUEST, "malformed request", ctx.alloc()), false);
            return;
        }
        final boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (!hostAllowed(request.headers().get(HttpHeaderNames.HOST)))
        {
            if (misdirected != null)
            {
                misdirected.increment();
            }
            write(ctx, OpsResponses.text(HttpResponseStatus.MISDIRECTED_REQUEST,
                "this Host is not served: use localhost, 127.0.0.1 or [::1], or add the name to OPS_ALLOWED_HOSTS",
                ctx.alloc()), false);
            return;
        }
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

    /**
     * @param host the Host header, or null.
     * @return whether it names loopback (with any port) or a configured name; a missing Host is refused too
     *         (HTTP/1.1 requires one, and a browser always sends it).
     */
    boolean hostAllowed(final String host)
    {
        if (host == null)
        {
            return false;
        }
        String name = host.trim().toLowerCase(Locale.ROOT);
        final int close = name.lastIndexOf(']');
        final int colon = name.lastIndexOf(':');
        if (colon > close)
        {
            final String port = name.substring(colon + 1);
            for (int i = 0; i < port.length(); i++)
            {
                if (port.charAt(i) < '0' || port.charAt(i) > '9')
                {
                    return false;
                }
            }
            name = name.substring(0, colon);
        }
        if (name.endsWith("."))
        {
            name = name.substring(0, name.length() - 1); // "localhost." is localhost
        }
        return LOOPBACK_HOSTS.contains(name) || allowedHosts.contains(name);
    }

    private FullHttpResponse respond(final OpsEndpoint endpoint, final QueryStringDecoder uri, final ChannelHandlerContext ctx)
    {
        try
        {
            return endpoint.respond(uri, ctx.alloc());
        }
        catch (final Exception ex)
        {
            if (errors != null)
            {
                errors.increment();
            }
            // the exception's text may say what an outsider should not know: it goes to the log (once per kind)
            if (failuresLogged.add(uri.path() + ' ' + ex.getClass().getName()))
            {
                LOG.warn("ops endpoint {} failed (logged once per kind, counted in ops_errors_total): {}",
                    uri.path(), ex.toString(), ex);
            }
            return OpsResponses.text(HttpResponseStatus.INTERNAL_SERVER_ERROR, INTERNAL_ERROR_TEXT, ctx.alloc());
        }
    }

    private void write(final ChannelHandlerContext ctx, final FullHttpResponse response, final boolean keepAlive)
    {
        if (keepAlive)
        {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(response, ctx.voidPromise());
            // the next request only when the client takes its answers; later, not from inside this read
            ctx.executor().execute(() -> readIfWritable(ctx));
        }
        else
        {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private static void readIfWritable(final ChannelHandlerContext ctx)
    {
        if (ctx.channel().isActive() && ctx.channel().isWritable())
        {
            ctx.read();
        }
    }
}

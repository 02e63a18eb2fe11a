package io.ringbot.io.outbound;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ScheduledFuture;

import javax.net.ssl.SSLException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The Bot API client: {@code POST {BOT_API_URL}/bot{token}/{method}} with a JSON body over HTTP/1.1
 * keep-alive connections (at most {@code maxConnections}, opened on demand and reused), TLS for https
 * (the JDK's provider). Runs on its own Netty event loop; answers arrive on it through the callback.
 * Knows nothing of flood control or the queue: {@link OutboundAgent} decides what to send when.
 * <p>
 * A call that gets no answer is one of two kinds, because Telegram has no idempotency key: not sent (no
 * connection, the write failed, or a reused keep-alive connection the server had closed before it read
 * anything) is a network error, safe to send again; sent and then no answer (the time ran out, or the
 * connection closed in the middle of it) is an unknown outcome ({@link ApiAnswer#UNKNOWN_OUTCOME}): Telegram
 * may have acted on it, so sending it again could deliver it twice.
 */
public final class BotApiClient implements AutoCloseable
{
    /** Receives one call's answer (on the client's event loop). */
    @FunctionalInterface
    public interface Callback
    {
        void onAnswer(ApiAnswer answer);
    }

    private static final AttributeKey<Exchange> EXCHANGE = AttributeKey.valueOf("ringbot.exchange");
    private static final int MAX_ANSWER_BYTES = 16 * 1024 * 1024;
    private static final AnswerStarted ANSWER_STARTED = new AnswerStarted();

    private final EventLoopGroup group;
    private final EventLoop loop;
    private final Bootstrap bootstrap;
    private final String host;
    private final int port;
    private final String pathPrefix;
    private final String hostHeader;
    private final long timeoutMillis;
    private final int maxConnections;
    private final ArrayDeque<Channel> idle = new ArrayDeque<>();
    private final ArrayDeque<Exchange> waiting = new ArrayDeque<>();
    private int open;
    private volatile boolean closed;

    /**
     * @param baseUrl        e.g. https://api.telegram.org (a self-hosted server or a stand-in otherwise).
     * @param token          the bot's token.
     * @param maxConnections keep-alive connections at most.
     * @param timeoutMillis  a call without an answer in this time fails as a network error.
     */
    public BotApiClient(final String baseUrl, final String token, final int maxConnections, final long timeoutMillis)
    {
        final URI uri = URI.create(baseUrl);
        final boolean tls = "https".equalsIgnoreCase(uri.getScheme());
        if (!tls && !"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null)
        {
            throw new IllegalArgumentException("BOT_API_URL must be an http or https URL, was \"" + baseUrl + "\"");
        }
        host = uri.getHost();
        port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
        hostHeader = uri.getPort() > 0 ? host + ':' + port : host;
        final String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        pathPrefix = (path.endsWith("/") ? path.substring(0, path.length() - 1) : path) + "/bot" + token + '/';
        this.timeoutMillis = timeoutMillis;
        this.maxConnections = maxConnections;
        final SslContext ssl = tls ? sslContext() : null;
        group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("ringbot-botapi", true),
            NioIoHandler.newFactory());
        loop = group.next();
        bootstrap = new Bootstrap().group(loop).channel(NioSocketChannel.class)
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int)Math.min(timeoutMillis, 30_000))
            .handler(new ChannelInitializer<SocketChannel>()
            {
                protected void initChannel(final SocketChannel ch)
                {
                    if (ssl != null)
                    {
                        ch.pipeline().addLast(ssl.newHandler(ch.alloc(), host, port));
                    }
                    ch.pipeline().addLast(ANSWER_STARTED, new HttpClientCodec(),
                        new HttpObjectAggregator(MAX_ANSWER_BYTES), new AnswerHandler());
                }
            });
    }

    /**
     * Calls a method (any thread; the body is copied).
     *
     * @param method   the Bot API method.
     * @param body     the JSON body.
     * @param offset   where it starts.
     * @param length   its length.
     * @param callback gets the answer, or a network error, exactly once.
     */
    public void call(final String method, final byte[] body, final int offset, final int length, final Callback callback)
    {
        final Exchange exchange = new Exchange(pathPrefix + method, Unpooled.copiedBuffer(body, offset, length), callback);
        if (closed)
        {
            exchange.fail("client closed");
            return;
        }
        loop.execute(() -> dispatch(exchange));
    }

    /**
     * Calls a method and hands back the answer as a future: for calls off the update path, such as
     * setWebhook, getWebhookInfo or getUpdates (whose {@link ApiAnswer#resultJson()} is the raw result).
     *
     * @param method the Bot API method.
     * @param json   the JSON body.
     * @return completes with the answer (a network error is an answer with status -1, never an exception).
     */
    public CompletableFuture<ApiAnswer> call(final String method, final String json)
    {
        final CompletableFuture<ApiAnswer> answer = new CompletableFuture<>();
        final byte[] body = json.getBytes(StandardCharsets.UTF_8);
        call(method, body, 0, body.length, answer::complete);
        return answer;
    }

    /**
     * @return the request path for a method (tests, logs; contains the token).
     */
    String path(final String method)
    {
        return pathPrefix + method;
    }

    private void dispatch(final Exchange exchange)
    {
        Channel channel;
        while ((channel = idle.pollLast()) != null)
        {
            if (channel.isActive())
            {
                exchange.reused = true;
                write(channel, exchange);
                return;
            }
        }
        if (open >= maxConnections)
        {
            waiting.addLast(exchange);
            return;
        }
        open++;
        final ChannelFuture connect = bootstrap.connect(host, port);
        connect.addListener(f ->
        {
            if (f.isSuccess())
            {
                // its close is seen by AnswerHandler.channelInactive, after the codec has passed on an answer
                // that the close ends (an HTTP/1.0 body without a length)
                write(connect.channel(), exchange);
            }
            else
            {
                open--;
                exchange.fail("cannot connect to " + hostHeader + ": " + f.cause());
                next();
            }
        });
    }

    private void write(final Channel channel, final Exchange exchange)
    {
        channel.attr(EXCHANGE).set(exchange);
        final FullHttpRequest request = new DefaultFullHttpRequest(
            HttpVersion.HTTP_1_1, HttpMethod.POST, exchange.path, exchange.body);
        request.headers()
            .set(HttpHeaderNames.HOST, hostHeader)
            .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
            .set(HttpHeaderNames.CONTENT_LENGTH, exchange.body.readableBytes())
            .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        exchange.timeout = channel.eventLoop().schedule(() ->
        {
            if (channel.attr(EXCHANGE).compareAndSet(exchange, null))
            {
                exchange.noAnswer("no answer within " + timeoutMillis + " ms", false);
                channel.close();
            }
        }, timeoutMillis, TimeUnit.MILLISECONDS);
        channel.writeAndFlush(request).addListener(f ->
        {
            if (f.isSuccess())
            {
                exchange.written = true;
            }
            else if (channel.attr(EXCHANGE).compareAndSet(exchange, null))
            {
                exchange.timeout.cancel(false);
                exchange.fail("write failed: " + f.cause());
                channel.close();
            }
        });
    }

    private void onClosed(final Channel channel)
    {
        open--;
        idle.remove(channel);
        final Exchange exchange = channel.attr(EXCHANGE).getAndSet(null);
        if (exchange != null)
        {
            exchange.timeout.cancel(false);
            // a kept-alive connection the server closed before reading the request: it was never acted on
            exchange.noAnswer("connection closed before the answer", exchange.reused && !exchange.answerStarted);
        }
        next();
    }

    private void release(final Channel channel, final boolean keepAlive)
    {
        if (!keepAlive || closed)
        {
            channel.close();
            return;
        }
        final Exchange next = waiting.pollFirst();
        if (next != null)
        {
            write(channel, next);
        }
        else
        {
            idle.addLast(channel);
        }
    }

    private void next()
    {
        final Exchange next = waiting.pollFirst();
        if (next != null)
        {
            dispatch(next);
        }
    }

    public void close()
    {
        closed = true;
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static SslContext sslContext()
    {
        try
        {
            return SslContextBuilder.forClient().sslProvider(SslProvider.JDK).build();
        }
        catch (final SSLException ex)
        {
            throw new IllegalStateException("cannot set up TLS for the Bot API: " + ex, ex);
        }
    }

    private final class AnswerHandler extends SimpleChannelInboundHandler<FullHttpResponse>
    {
        protected void channelRead0(final ChannelHandlerContext ctx, final FullHttpResponse response)
        {
            final Exchange exchange = ctx.channel().attr(EXCHANGE).getAndSet(null);
            if (exchange == null)
            {
                ctx.close(); // an answer nobody asked for: the connection is out of step
                return;
            }
            exchange.timeout.cancel(false);
            final ByteBuf content = response.content();
            final ApiAnswer answer = ApiAnswer.parse(response.status().code(), ByteBufUtil.getBytes(content));
            final boolean keepAlive = HttpUtil.isKeepAlive(response);
            exchange.complete(answer);
            release(ctx.channel(), keepAlive);
        }

        public void channelInactive(final ChannelHandlerContext ctx)
        {
            onClosed(ctx.channel());
            ctx.fireChannelInactive();
        }

        public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
        {
            ctx.close(); // onClosed fails the exchange in flight
        }
    }

    /** Notes that an answer's first bytes came (a closed connection then means an answer cut short). */
    @ChannelHandler.Sharable
    private static final class AnswerStarted extends ChannelInboundHandlerAdapter
    {
        public void channelRead(final ChannelHandlerContext ctx, final Object msg)
        {
            final Exchange exchange = ctx.channel().attr(EXCHANGE).get();
            if (exchange != null)
            {
                exchange.answerStarted = true;
            }
            ctx.fireChannelRead(msg);
        }
    }

    private static final class Exchange
    {
        final String path;
        final ByteBuf body;
        final Callback callback;
        ScheduledFuture<?> timeout;
        /** Sent on a connection an earlier call used. */
        boolean reused;
        /** The request's bytes were all written. */
        boolean written;
        /** Bytes of the answer came. */
        boolean answerStarted;

        Exchange(final String path, final ByteBuf body, final Callback callback)
        {
            this.path = path;
            this.body = body;
            this.callback = callback;
        }

        void complete(final ApiAnswer answer)
        {
            callback.onAnswer(answer);
        }

        void fail(final String reason)
        {
            if (body.refCnt() > 0 && timeout == null)
            {
                body.release();
            }
            callback.onAnswer(ApiAnswer.networkError(reason));
        }

        /**
         * @param reason      what happened.
         * @param neverActedOn true when the server cannot have acted on the request whatever was written.
         */
        void noAnswer(final String reason, final boolean neverActedOn)
        {
            if (!written || neverActedOn)
            {
                fail(reason);
                return;
            }
            callback.onAnswer(ApiAnswer.unknownOutcome(reason + " (the request was sent: Telegram may have acted on it)"));
        }
    }
}

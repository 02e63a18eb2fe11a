package io.ringbot.io.outbound;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
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
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
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
 * Telegram has no idempotency key, so a call is sent again only when it certainly was not acted on. A call
 * that was not written (no connection, the write failed) is a network error, safe to send again. A call that
 * was written and got no well-formed answer (no answer in time, the connection closed or reset before the
 * answer was whole, bytes that are not HTTP, an answer over the size cap) has an unknown outcome
 * ({@link ApiAnswer#UNKNOWN_OUTCOME}): Telegram may have acted on it. One exception, the idle-close race: a
 * connection that sat idle long enough for the server to time it out, and that the server closed in order
 * (no reset) before a byte of the answer came, most likely closed before the request arrived; that call is
 * sent once more, on a new connection, and its outcome is unknown when that one fails too.
 */
public final class BotApiClient implements AutoCloseable
{
    /** Receives one call's answer (on the client's event loop). */
    @FunctionalInterface
    public interface Callback
    {
        void onAnswer(ApiAnswer answer);
    }

    /**
     * The most one answer may hold, other than getUpdates': one Message (a 4,096-character text, the message it
     * replies to, a quote, entities, a keyboard: tens of KiB at the very most) or a list such as a sticker set's
     * or 100 star transactions (a few hundred KiB). Past it reading stops and the connection closes.
     */
    static final int ANSWER_MAX_BYTES = 1024 * 1024;
    /**
     * The most a getUpdates answer may hold, the largest legitimate answer: 100 updates (its maximum batch,
     * ../shared/notes/telegram-bot-api.md) of up to ~40 KiB each (a 4,096-character text at 3 bytes a
     * character, the message it replies to, a 1,024-character quote, entities and a keyboard). Real updates
     * are 1-3 KiB (../shared/fixtures/telegram), so real batches stay far below it. Each connection holds at
     * most one answer, so the client's buffers stay under connections x this, whatever a server sends.
     */
    static final int BATCH_ANSWER_MAX_BYTES = 4 * 1024 * 1024;
    /**
     * A reused connection must have been idle this long for its close before any answer to count as the
     * idle-close race (servers time idle connections out after seconds: nginx 75 s, Node and Apache 5 s); one
     * closed sooner was closed by a server that had the request.
     */
    static final long RACE_IDLE_MIN_NANOS = TimeUnit.MILLISECONDS.toNanos(1_000);

    /** Informational answers (100 Continue, 103 Early Hints) one call may get before its answer: a server never sends more. */
    static final int MAX_INFORMATIONAL = 8;

    private static final AttributeKey<Exchange> EXCHANGE = AttributeKey.valueOf("ringbot.exchange");
    private static final AttributeKey<Long> IDLE_SINCE = AttributeKey.valueOf("ringbot.idleSince");
    private static final AnswerStarted ANSWER_STARTED = new AnswerStarted();

    private final EventLoopGroup group;
    private final EventLoop loop;
    private final Bootstrap bootstrap;
    private final String host;
    private final int port;
    private final String token;
    private final String pathPrefix;
    private final String hostHeader;
    private final long timeoutMillis;
    private final int maxConnections;
    private final long raceIdleMinNanos;
    private final ArrayDeque<Channel> idle = new ArrayDeque<>();
    private final ArrayDeque<Exchange> waiting = new ArrayDeque<>();
    private final Runnable next = this::next;
    private int open;
    private volatile boolean closed;

    /**
     * @param baseUrl        e.g. https://api.telegram.org (a self-hosted server or a stand-in otherwise).
     * @param token          the bot's token.
     * @param maxConnections keep-alive connections at most.
     * @param timeoutMillis  a call without an answer in this time has an unknown outcome.
     */
    public BotApiClient(final String baseUrl, final String token, final int maxConnections, final long timeoutMillis)
    {
        this(baseUrl, token, maxConnections, timeoutMillis, ByteBufAllocator.DEFAULT, RACE_IDLE_MIN_NANOS);
    }

    /**
     * @param allocator        what the connections allocate their buffers from (tests measure it).
     * @param raceIdleMinNanos see {@link #RACE_IDLE_MIN_NANOS}.
     */
    BotApiClient(final String baseUrl, final String token, final int maxConnections, final long timeoutMillis,
        final ByteBufAllocator allocator, final long raceIdleMinNanos)
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
        this.token = token;
        pathPrefix = (path.endsWith("/") ? path.substring(0, path.length() - 1) : path) + "/bot" + token + '/';
        this.timeoutMillis = timeoutMillis;
        this.maxConnections = maxConnections;
        this.raceIdleMinNanos = raceIdleMinNanos;
        final SslContext ssl = tls ? sslContext() : null;
        group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("ringbot-botapi", true),
            NioIoHandler.newFactory());
        loop = group.next();
        bootstrap = new Bootstrap().group(loop).channel(NioSocketChannel.class)
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.ALLOCATOR, allocator)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int)Math.min(timeoutMillis, 30_000))
            .handler(new ChannelInitializer<SocketChannel>()
            {
                protected void initChannel(final SocketChannel ch)
                {
                    if (ssl != null)
                    {
                        ch.pipeline().addLast(ssl.newHandler(ch.alloc(), host, port));
                    }
                    ch.pipeline().addLast(ANSWER_STARTED, new HttpClientCodec(), new AnswerHandler());
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
        final Exchange exchange = new Exchange(pathPrefix + method, Unpooled.copiedBuffer(body, offset, length),
            "getUpdates".equals(method) ? BATCH_ANSWER_MAX_BYTES : ANSWER_MAX_BYTES, callback);
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
                final Long since = channel.attr(IDLE_SINCE).get();
                exchange.reused = true;
                exchange.idleNanos = since == null ? 0 : System.nanoTime() - since;
                write(channel, exchange);
                return;
            }
        }
        if (open >= maxConnections)
        {
            waiting.addLast(exchange);
            return;
        }
        connect(exchange);
    }

    private void connect(final Exchange exchange)
    {
        open++;
        exchange.reused = false;
        exchange.idleNanos = 0;
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
        exchange.written = false;
        exchange.answerStarted = false;
        exchange.failedByException = false;
        final FullHttpRequest request = new DefaultFullHttpRequest(
            HttpVersion.HTTP_1_1, HttpMethod.POST, exchange.path, exchange.body.retainedDuplicate());
        request.headers()
            .set(HttpHeaderNames.HOST, hostHeader)
            .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
            .set(HttpHeaderNames.CONTENT_LENGTH, exchange.body.readableBytes())
            .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        exchange.timeout = channel.eventLoop().schedule(() ->
        {
            if (channel.attr(EXCHANGE).compareAndSet(exchange, null))
            {
                exchange.unknown(AnswerKind.NO_ANSWER, "no answer within " + timeoutMillis + " ms");
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
                // not all of it left: a request cut short cannot have been acted on
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
            if (!exchange.written)
            {
                exchange.fail("connection closed before the request was written");
            }
            else if (exchange.reused && !exchange.answerStarted && !exchange.failedByException &&
                !exchange.raceRetried && exchange.idleNanos >= raceIdleMinNanos)
            {
                // the idle-close race: once more, on a new connection (which has no such race)
                exchange.raceRetried = true;
                connect(exchange);
                return;
            }
            else
            {
                exchange.unknown(AnswerKind.NO_ANSWER, exchange.failedByException ?
                    "connection reset before the answer was whole" : "connection closed before the answer was whole");
            }
        }
        next();
    }

    /**
     * Takes a connection back once its answer was read: it is reused on a later turn of the loop, so that a
     * close or stray bytes the server sent right after the answer are seen first.
     */
    private void release(final Channel channel, final boolean keepAlive)
    {
        if (!keepAlive || closed)
        {
            channel.close();
            return;
        }
        channel.attr(IDLE_SINCE).set(System.nanoTime());
        idle.addLast(channel);
        if (!waiting.isEmpty())
        {
            loop.execute(next);
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

    private String masked(final String text)
    {
        return text == null || token.isEmpty() ? text : text.replace(token, "<BOT_TOKEN>");
    }

    /**
     * Reads one answer into a buffer bounded by the call's cap (Netty's aggregator has one cap for all calls
     * and would let getUpdates' cap apply to every connection): an answer that is not HTTP, or grows past the
     * cap, ends the exchange as an unknown outcome and closes the connection, releasing what was read.
     */
    private final class AnswerHandler extends ChannelInboundHandlerAdapter
    {
        private HttpResponse head;
        private ByteBuf content;
        private boolean discarding;

        public void channelRead(final ChannelHandlerContext ctx, final Object msg)
        {
            try
            {
                read(ctx, (HttpObject)msg);
            }
            finally
            {
                ReferenceCountUtil.release(msg);
            }
        }

        private void read(final ChannelHandlerContext ctx, final HttpObject msg)
        {
            if (discarding)
            {
                return;
            }
            final Exchange exchange = ctx.channel().attr(EXCHANGE).get();
            if (exchange == null)
            {
                discard(ctx); // an answer nobody asked for: the connection is out of step
                return;
            }
            if (msg.decoderResult().isFailure())
            {
                end(ctx, exchange, AnswerKind.NOT_HTTP, "not an HTTP/1.x answer: " + msg.decoderResult().cause());
                return;
            }
            if (msg instanceof HttpResponse response)
            {
                final int status = response.status().code();
                if (status >= 100 && status < 200 && status != 101)
                {
                    if (++exchange.informational > MAX_INFORMATIONAL)
                    {
                        end(ctx, exchange, AnswerKind.NOT_HTTP, "not an HTTP/1.x answer: informational answers without end");
                    }
                    return; // informational (100 Continue, 103 Early Hints): the answer follows
                }
                if (status < 200 || status > 599)
                {
                    end(ctx, exchange, AnswerKind.NOT_HTTP, "not an HTTP/1.x answer: status " + status);
                    return;
                }
                final long length = HttpUtil.getContentLength(response, -1L);
                if (length > exchange.maxAnswerBytes)
                {
                    end(ctx, exchange, AnswerKind.TOO_LARGE, tooLarge(exchange, "announced " + length + " bytes"));
                    return;
                }
                head = response;
                content = ctx.alloc().heapBuffer((int)Math.min(Math.max(length, 256), exchange.maxAnswerBytes),
                    exchange.maxAnswerBytes);
            }
            if (head == null)
            {
                return; // the empty end of an informational answer
            }
            if (msg instanceof HttpContent part)
            {
                if (part.content().readableBytes() > content.maxWritableBytes())
                {
                    end(ctx, exchange, AnswerKind.TOO_LARGE, tooLarge(exchange, "more than " + exchange.maxAnswerBytes +
                        " bytes and still coming"));
                    return;
                }
                content.writeBytes(part.content());
                if (msg instanceof LastHttpContent)
                {
                    complete(ctx, exchange);
                }
            }
        }

        private void complete(final ChannelHandlerContext ctx, final Exchange exchange)
        {
            final HttpResponse response = head;
            final byte[] body = ByteBufUtil.getBytes(content);
            reset();
            ctx.channel().attr(EXCHANGE).set(null);
            exchange.timeout.cancel(false);
            final int status = response.status().code();
            final ApiAnswer answer;
            if (status >= 300 && status < 400)
            {
                answer = ApiAnswer.redirected(status, masked(response.headers().get(HttpHeaderNames.LOCATION)));
            }
            else
            {
                final ApiAnswer parsed = ApiAnswer.parse(status, body, retryAfterHeader(response));
                answer = parsed.description == null || parsed.ok || !parsed.description.contains(token) ? parsed :
                    new ApiAnswer(parsed.httpStatus, false, parsed.messageId, parsed.errorCode, masked(parsed.description),
                        parsed.retryAfterSeconds, parsed.resultJson, parsed.kind, parsed.anomalies);
            }
            exchange.complete(answer);
            release(ctx.channel(), HttpUtil.isKeepAlive(response));
        }

        private String tooLarge(final Exchange exchange, final String what)
        {
            return "an answer over " + exchange.maxAnswerBytes + " bytes (" + what + "): not read, the connection closed";
        }

        private void end(final ChannelHandlerContext ctx, final Exchange exchange, final AnswerKind kind, final String reason)
        {
            if (ctx.channel().attr(EXCHANGE).compareAndSet(exchange, null))
            {
                exchange.timeout.cancel(false);
                exchange.unknown(kind, reason);
            }
            discard(ctx);
        }

        private void discard(final ChannelHandlerContext ctx)
        {
            reset();
            discarding = true;
            ctx.close();
        }

        private void reset()
        {
            head = null;
            if (content != null)
            {
                content.release();
                content = null;
            }
        }

        public void channelInactive(final ChannelHandlerContext ctx)
        {
            reset();
            onClosed(ctx.channel());
            ctx.fireChannelInactive();
        }

        public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
        {
            final Exchange exchange = ctx.channel().attr(EXCHANGE).get();
            if (exchange != null)
            {
                exchange.failedByException = true; // a reset, not the orderly close of the idle-close race
            }
            ctx.close(); // onClosed ends the exchange in flight
        }
    }

    private static int retryAfterHeader(final HttpResponse response)
    {
        final String value = response.headers().get(HttpHeaderNames.RETRY_AFTER);
        if (value == null || value.isEmpty() || value.length() > 9)
        {
            return 0;
        }
        for (int i = 0; i < value.length(); i++)
        {
            if (value.charAt(i) < '0' || value.charAt(i) > '9')
            {
                return 0;
            }
        }
        return Integer.parseInt(value);
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
        final int maxAnswerBytes;
        final Callback callback;
        ScheduledFuture<?> timeout;
        /** Sent on a connection an earlier call used. */
        boolean reused;
        /** How long that connection had been idle. */
        long idleNanos;
        /** The request's bytes were all written. */
        boolean written;
        /** Bytes of the answer came. */
        boolean answerStarted;
        /** The connection ended with an error (a reset), not an orderly close. */
        boolean failedByException;
        /** Sent once more after the idle-close race. */
        boolean raceRetried;
        /** Informational answers so far. */
        int informational;

        Exchange(final String path, final ByteBuf body, final int maxAnswerBytes, final Callback callback)
        {
            this.path = path;
            this.body = body;
            this.maxAnswerBytes = maxAnswerBytes;
            this.callback = callback;
        }

        void complete(final ApiAnswer answer)
        {
            body.release();
            callback.onAnswer(answer);
        }

        /**
         * @param reason why it was not sent (safe to send again).
         */
        void fail(final String reason)
        {
            complete(ApiAnswer.networkError(reason));
        }

        /**
         * @param kind   why there is no answer.
         * @param reason what happened.
         */
        void unknown(final AnswerKind kind, final String reason)
        {
            complete(ApiAnswer.unknownOutcome(kind, reason + " (the request was sent: Telegram may have acted on it)"));
        }
    }
}

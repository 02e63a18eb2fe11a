package io.ringbot.perf.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One keep-alive HTTP/1.1 connection of a worker, re-established after it closes while the worker runs.
 * Everything here runs on the worker's event loop.
 */
final class ClientConnection implements LoadWorker.Connection
{
    static final AsciiString SECRET_HEADER = AsciiString.cached("X-Telegram-Bot-Api-Secret-Token");
    private static final int MAX_ANSWER_BYTES = 1 << 20;
    private static final long FIRST_BACKOFF_MS = 10;
    private static final long MAX_BACKOFF_MS = 1_000;

    private final Bootstrap bootstrap;
    private final Target target;
    private final LoadWorker worker;
    private final long timeoutNanos;
    private final CountDownLatch firstAttempt;
    private final long[] values = new long[UpdateTemplate.Slot.values().length];
    private final AsciiString hostHeader;
    private final AsciiString secret;
    private final ChannelFutureListener onConnect = this::onConnect;
    private final ChannelFutureListener onClose = this::onClose;
    private final Runnable connect = this::connect;
    private Channel channel;
    private Exchange inFlight;
    private long backoffMs = FIRST_BACKOFF_MS;
    private boolean attempted;

    ClientConnection(
        final Bootstrap template,
        final Target target,
        final LoadWorker worker,
        final long timeoutNanos,
        final CountDownLatch firstAttempt)
    {
        this.bootstrap = template.clone().handler(new ChannelInitializer<Channel>()
        {
            @Override
            protected void initChannel(final Channel ch)
            {
                ch.pipeline().addLast(
                    new HttpClientCodec(), new HttpObjectAggregator(MAX_ANSWER_BYTES), new AnswerHandler());
            }
        });
        this.target = target;
        this.worker = worker;
        this.timeoutNanos = timeoutNanos;
        this.firstAttempt = firstAttempt;
        this.hostHeader = AsciiString.of(target.hostHeader());
        this.secret = target.secret() == null ? null : AsciiString.of(target.secret());
    }

    /**
     * Opens the connection; call on the worker's event loop.
     */
    void connect()
    {
        bootstrap.connect(target.host(), target.port()).addListener(onConnect);
    }

    /**
     * Closes the connection for good; call on the worker's event loop after the worker stopped.
     */
    void close()
    {
        if (channel != null)
        {
            channel.close();
        }
    }

    @Override
    public void send(final Exchange exchange)
    {
        inFlight = exchange;
        final ByteBuf body = channel.alloc().buffer(exchange.template.maxLength());
        exchange.fill(values, System.currentTimeMillis() / 1000);
        exchange.template.render(body, values);
        final FullHttpRequest request =
            new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, target.path(), body);
        final HttpHeaders headers = request.headers();
        headers.set(HttpHeaderNames.HOST, hostHeader);
        headers.set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
        headers.setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
        if (secret != null)
        {
            headers.set(SECRET_HEADER, secret);
        }
        channel.writeAndFlush(request, channel.voidPromise());
    }

    private void onConnect(final ChannelFuture future)
    {
        countFirstAttempt();
        if (future.isSuccess())
        {
            backoffMs = FIRST_BACKOFF_MS;
            channel = future.channel();
            channel.closeFuture().addListener(onClose);
            worker.onConnected(this, System.nanoTime());
        }
        else
        {
            worker.onConnectFailed();
            retryLater(future.channel());
        }
    }

    private void onClose(final ChannelFuture future)
    {
        final Exchange lost = inFlight;
        inFlight = null;
        worker.onConnectionLost(this, lost);
        retryLater(future.channel());
    }

    private void retryLater(final Channel failed)
    {
        if (worker.isRunning())
        {
            failed.eventLoop().schedule(connect, backoffMs, TimeUnit.MILLISECONDS);
            backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs * 2);
        }
    }

    /**
     * Gives up on a request that waited too long for its answer (a periodic sweep is cheaper than a timer per
     * request); call on the worker's event loop.
     *
     * @param nowNanos the current time.
     */
    void expireIfLate(final long nowNanos)
    {
        final Exchange late = inFlight;
        if (late != null && nowNanos - late.sentNanos > timeoutNanos)
        {
            inFlight = null;
            worker.onTimeout(late);
            channel.close(); // its answer could no longer be matched
        }
    }

    private void onAnswer(final FullHttpResponse answer)
    {
        final Exchange exchange = inFlight;
        if (exchange == null)
        {
            channel.close(); // an answer nobody asked for: the stream is out of step
            return;
        }
        inFlight = null;
        final int status = answer.status().code();
        final boolean reusable = HttpUtil.isKeepAlive(answer);
        final byte[] body = status == 200 && exchange.template.expectation() != Expectation.STATUS
            ? ByteBufUtil.getBytes(answer.content()) : null;
        worker.onAnswer(this, exchange, status, body, reusable, System.nanoTime());
        if (!reusable)
        {
            channel.close();
        }
    }

    private void countFirstAttempt()
    {
        if (!attempted)
        {
            attempted = true;
            firstAttempt.countDown();
        }
    }

    /** Hands each aggregated answer to the connection; one per channel, as the channel is replaced. */
    private final class AnswerHandler extends SimpleChannelInboundHandler<FullHttpResponse>
    {
        @Override
        protected void channelRead0(final ChannelHandlerContext ctx, final FullHttpResponse answer)
        {
            onAnswer(answer);
        }

        @Override
        public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
        {
            ctx.close(); // counted as a connection loss if a request was in flight
        }
    }
}

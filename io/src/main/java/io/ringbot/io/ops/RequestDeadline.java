package io.ringbot.io.ops;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.util.concurrent.ScheduledFuture;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * A request on an ops connection must arrive whole within a deadline from its first byte (the idle timeout
 * alone lets a client send one byte a second for ever and hold one of the few ops connections): after it,
 * 408 and closed. Sits before the HTTP codec; an answer written ends the request's clock.
 */
final class RequestDeadline extends ChannelDuplexHandler
{
    private static final byte[] TIMED_OUT = ("HTTP/1.1 408 Request Timeout\r\nContent-Type: text/plain; charset=utf-8\r\n" +
        "Connection: close\r\nContent-Length: 26\r\n\r\nrequest too slow: send it\n").getBytes(StandardCharsets.US_ASCII);

    private final long timeoutNanos;
    private long startedNanos;
    private ScheduledFuture<?> check;

    RequestDeadline(final long timeoutMillis)
    {
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    }

    public void channelActive(final ChannelHandlerContext ctx) throws Exception
    {
        final long period = Math.max(TimeUnit.MILLISECONDS.toNanos(10), timeoutNanos / 4);
        check = ctx.executor().scheduleAtFixedRate(() -> expireIfLate(ctx), period, period, TimeUnit.NANOSECONDS);
        super.channelActive(ctx);
    }

    public void channelInactive(final ChannelHandlerContext ctx) throws Exception
    {
        if (check != null)
        {
            check.cancel(false);
        }
        super.channelInactive(ctx);
    }

    public void channelRead(final ChannelHandlerContext ctx, final Object msg)
    {
        if (startedNanos == 0 && msg instanceof ByteBuf && ((ByteBuf)msg).isReadable())
        {
            startedNanos = System.nanoTime();
        }
        ctx.fireChannelRead(msg);
    }

    public void write(final ChannelHandlerContext ctx, final Object msg, final ChannelPromise promise)
    {
        startedNanos = 0; // answered: the next request's clock starts with its first byte
        ctx.write(msg, promise);
    }

    private void expireIfLate(final ChannelHandlerContext ctx)
    {
        if (startedNanos != 0 && System.nanoTime() - startedNanos > timeoutNanos && ctx.channel().isActive())
        {
            startedNanos = 0;
            ctx.writeAndFlush(Unpooled.wrappedBuffer(TIMED_OUT)).addListener(ChannelFutureListener.CLOSE);
        }
    }
}

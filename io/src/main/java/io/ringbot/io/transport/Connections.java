package io.ringbot.io.transport;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.agrona.concurrent.status.AtomicCounter;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The open connections of one server, capped: a connection over the cap gets one fixed answer (e.g. a 503)
 * and is closed, counted. Also the write-buffer water marks every connection uses: a handler stops reading
 * while its channel is not writable, so a client that sends and never reads makes the server hold at most
 * {@link #HIGH_WATER_MARK} bytes of answers (plus one answer) for it.
 * <p>
 * Everything here happens once per connection, never per request.
 */
public final class Connections
{
    /** Answers queued for one connection beyond this make it unwritable: its handler stops reading. */
    public static final int HIGH_WATER_MARK = 64 * 1024;
    public static final int LOW_WATER_MARK = 32 * 1024;
    public static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(LOW_WATER_MARK, HIGH_WATER_MARK);

    private final int max;
    private final AtomicCounter rejected;
    private final Rejecter rejecter;
    private final AtomicInteger open = new AtomicInteger();
    private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final ChannelFutureListener release = future -> open.decrementAndGet();

    /**
     * @param max       the most connections open at once.
     * @param rejected  counts connections refused over the cap (may be null).
     * @param rejection the whole HTTP answer a refused connection gets before it is closed.
     */
    public Connections(final int max, final AtomicCounter rejected, final byte[] rejection)
    {
        this.max = max;
        this.rejected = rejected;
        this.rejecter = new Rejecter(rejection);
    }

    /**
     * From a channel initializer: admits the channel, or makes it the refused kind (its pipeline gets only
     * the answer and the close).
     *
     * @param channel the new connection.
     * @return true when admitted: set up its pipeline as usual.
     */
    public boolean admit(final Channel channel)
    {
        if (open.incrementAndGet() > max)
        {
            open.decrementAndGet();
            if (rejected != null)
            {
                rejected.increment();
            }
            channel.config().setAutoRead(false);
            channel.pipeline().addLast(rejecter);
            return false;
        }
        channel.closeFuture().addListener(release);
        channels.add(channel);
        return true;
    }

    /**
     * @return connections open now.
     */
    public int open()
    {
        return open.get();
    }

    /**
     * @return the bytes of answers written but not yet taken by the clients' sockets, over every connection.
     */
    public long queuedBytes()
    {
        long queued = 0;
        for (final Channel channel : channels)
        {
            final ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
            if (buffer != null)
            {
                queued += buffer.totalPendingWriteBytes();
            }
        }
        return queued;
    }

    /** Answers a refused connection once and closes it. */
    @ChannelHandler.Sharable
    private static final class Rejecter extends ChannelInboundHandlerAdapter
    {
        private final byte[] rejection;

        Rejecter(final byte[] rejection)
        {
            this.rejection = rejection;
        }

        public void channelActive(final ChannelHandlerContext ctx)
        {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(rejection)).addListener(ChannelFutureListener.CLOSE);
        }

        public void channelRead(final ChannelHandlerContext ctx, final Object msg)
        {
            ReferenceCountUtil.release(msg);
        }

        public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
        {
            ctx.close();
        }
    }
}

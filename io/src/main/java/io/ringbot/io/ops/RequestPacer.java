package io.ringbot.io.ops;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.ReferenceCountUtil;

import java.util.ArrayDeque;

/**
 * Hands the router one request per {@code read()} it asks for, on a channel that does not read on its
 * own: requests decoded from one socket read wait here, and the socket is read again only when none
 * waits and the router asked for one (reading on while a request is still partial). So a client that
 * pipelines and never reads its answers holds at most one socket read's requests and a water mark of
 * answers. (Netty's FlowControlHandler stalls when a request's head and body come in separate reads.)
 */
final class RequestPacer extends ChannelDuplexHandler
{
    private final ArrayDeque<Object> waiting = new ArrayDeque<>();
    private boolean wanted;

    public void read(final ChannelHandlerContext ctx)
    {
        final Object next = waiting.poll();
        if (next != null)
        {
            ctx.fireChannelRead(next);
            ctx.fireChannelReadComplete();
            return;
        }
        wanted = true;
        ctx.read();
    }

    public void channelRead(final ChannelHandlerContext ctx, final Object msg)
    {
        if (wanted)
        {
            wanted = false;
            ctx.fireChannelRead(msg);
        }
        else
        {
            waiting.add(msg);
        }
    }

    public void channelReadComplete(final ChannelHandlerContext ctx)
    {
        if (wanted && !ctx.channel().config().isAutoRead())
        {
            ctx.read(); // the request is not complete yet
        }
        ctx.fireChannelReadComplete();
    }

    public void channelInactive(final ChannelHandlerContext ctx) throws Exception
    {
        releaseWaiting();
        super.channelInactive(ctx);
    }

    public void handlerRemoved(final ChannelHandlerContext ctx)
    {
        releaseWaiting();
    }

    private void releaseWaiting()
    {
        Object msg;
        while ((msg = waiting.poll()) != null)
        {
            ReferenceCountUtil.release(msg);
        }
    }
}

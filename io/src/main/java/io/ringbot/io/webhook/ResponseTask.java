package io.ringbot.io.webhook;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.EventExecutor;
import io.ringbot.engine.ring.AnswerReleaser;
import io.ringbot.engine.ring.UpdateEvent;

/**
 * One per ring slot (and per parking-lot entry), created at start: carries an answered event from the
 * engine thread to the event loop of the connection it came from, writes the HTTP answer there, and
 * releases the event for reuse.
 */
final class ResponseTask implements Runnable
{
    private final UpdateEvent slot;
    private final AnswerReleaser releaser;
    private final WebhookMetrics metrics;
    long sequence;

    ResponseTask(final UpdateEvent slot, final AnswerReleaser releaser, final WebhookMetrics metrics)
    {
        this.slot = slot;
        this.releaser = releaser;
        this.metrics = metrics;
    }

    /**
     * Engine thread: hands over to the connection's event loop (no allocation: the task is the slot's),
     * or answers at once when the engine runs on that event loop (shared threading).
     */
    void dispatch(final long sequence)
    {
        this.sequence = sequence;
        final EventExecutor loop = ((ChannelHandlerContext)slot.connection()).executor();
        if (loop.inEventLoop())
        {
            run();
        }
        else
        {
            loop.execute(this);
        }
    }

    public void run()
    {
        final long sequence = this.sequence;
        try
        {
            final ChannelHandlerContext ctx = (ChannelHandlerContext)slot.connection();
            final int length = slot.replyLength();
            final ByteBuf content = length > 0 ?
                ctx.alloc().buffer(length).writeBytes(slot.reply(), 0, length) : ctx.alloc().buffer(0);
            final FullHttpResponse response = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(slot.status()), content);
            if (length > 0)
            {
                response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
            }
            if (slot.status() == HttpResponseStatus.SERVICE_UNAVAILABLE.code())
            {
                response.headers().set(HttpHeaderNames.RETRY_AFTER, WebhookHandler.RETRY_AFTER_SECONDS);
            }
            response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, length);
            metrics.onAnswered(slot.receivedNanos());
            if (slot.keepAlive() && ctx.channel().isActive())
            {
                ctx.writeAndFlush(response, ctx.voidPromise());
            }
            else
            {
                response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            }
        }
        finally
        {
            slot.clear();
            releaser.release(sequence);
        }
    }
}

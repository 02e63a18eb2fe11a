package io.ringbot.io.webhook;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
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
        final ChannelHandlerContext ctx = (ChannelHandlerContext)slot.connection();
        final boolean keepAlive = slot.keepAlive() && ctx.channel().isActive();
        try
        {
            final ByteBuf answer = ResponseEncoder.encode(
                ctx.alloc(), slot.status(), slot.reply(), slot.replyLength(), !keepAlive);
            metrics.onAnswered(slot.receivedNanos());
            if (keepAlive)
            {
                ctx.writeAndFlush(answer, ctx.voidPromise());
            }
            else
            {
                ctx.writeAndFlush(answer).addListener(ChannelFutureListener.CLOSE);
            }
        }
        finally
        {
            slot.clear();
            releaser.release(sequence);
        }
        if (keepAlive)
        {
            ((WebhookHandler)ctx.handler()).answered(ctx);
        }
    }
}

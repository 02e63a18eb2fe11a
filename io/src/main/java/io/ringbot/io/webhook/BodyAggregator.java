package io.ringbot.io.webhook;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import org.agrona.concurrent.status.AtomicCounter;

/**
 * Netty's aggregator (which answers 413 to a body over the limit), counting those answers.
 */
final class BodyAggregator extends HttpObjectAggregator
{
    private final AtomicCounter tooLarge;

    BodyAggregator(final int maxContentLength, final AtomicCounter tooLarge)
    {
        super(maxContentLength);
        this.tooLarge = tooLarge;
    }

    protected void handleOversizedMessage(final ChannelHandlerContext ctx, final HttpMessage oversized) throws Exception
    {
        tooLarge.increment();
        super.handleOversizedMessage(ctx, oversized);
    }
}

package io.ringbot.io.webhook;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.concurrent.ScheduledFuture;
import io.ringbot.engine.ring.UpdateEvent;

import java.util.concurrent.TimeUnit;

/**
 * Webhook ingress for one connection, on its Netty event loop: parses each request's head in place
 * ({@link RequestHead}), checks path, method, secret and content type, copies the body straight from the
 * connection's buffer into a claimed ring slot and publishes it; the engine's answer comes back through
 * the slot's {@link ResponseTask}. Never touches bot state and allocates nothing per request.
 * <p>
 * One request per connection is with the engine at a time (Telegram never pipelines; a client that does
 * gets its answers in order): bytes after it wait in the buffer until its answer is written. A full ring
 * answers 503 with Retry-After: Telegram honours it and redelivers, so nothing is lost.
 */
public final class WebhookHandler extends ChannelInboundHandlerAdapter
{
    /** A body over the limit is read and dropped up to this size (the client then sees the 413); beyond it, closed. */
    static final long DISCARD_LIMIT = 64L << 20;

    private final WebhookEndpoint endpoint;
    private final WebhookMetrics metrics;
    private final RequestHead head;
    private ByteBuf buffer;
    private int headLength;
    private long discarding;
    private boolean inFlight;
    private boolean continueSent;
    private boolean closing;
    private long headStartedNanos;
    private long bodyStartedNanos;
    private ScheduledFuture<?> deadlineCheck;

    WebhookHandler(final WebhookEndpoint endpoint)
    {
        this.endpoint = endpoint;
        this.metrics = endpoint.metrics;
        this.head = new RequestHead(endpoint.path, endpoint.secret);
    }

    public void channelActive(final ChannelHandlerContext ctx) throws Exception
    {
        metrics.connectionsAccepted.increment();
        metrics.connectionsOpen.increment();
        // one periodic check per connection (no timer per request): a head or body that misses its deadline is closed
        final long period = Math.max(TimeUnit.MILLISECONDS.toNanos(10),
            Math.min(endpoint.headTimeoutNanos, endpoint.bodyTimeoutNanos) / 4);
        deadlineCheck = ctx.executor().scheduleAtFixedRate(new DeadlineCheck(ctx), period, period, TimeUnit.NANOSECONDS);
        super.channelActive(ctx);
    }

    public void channelInactive(final ChannelHandlerContext ctx) throws Exception
    {
        metrics.connectionsOpen.decrement();
        if (deadlineCheck != null)
        {
            deadlineCheck.cancel(false);
        }
        releaseBuffer();
        super.channelInactive(ctx);
    }

    public void handlerRemoved(final ChannelHandlerContext ctx)
    {
        releaseBuffer();
    }

    public void userEventTriggered(final ChannelHandlerContext ctx, final Object evt) throws Exception
    {
        if (evt instanceof IdleStateEvent)
        {
            metrics.idleClosed.increment();
            ctx.close();
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
    {
        ctx.close();
    }

    public void channelRead(final ChannelHandlerContext ctx, final Object msg)
    {
        if (!(msg instanceof ByteBuf))
        {
            ctx.fireChannelRead(msg);
            return;
        }
        final ByteBuf in = (ByteBuf)msg;
        if (closing)
        {
            in.release();
            return;
        }
        buffer = buffer == null ? in : ByteToMessageDecoder.MERGE_CUMULATOR.cumulate(ctx.alloc(), buffer, in);
        decode(ctx);
    }

    /**
     * Event loop: the answer to the request with the engine was written; go on with what came after it.
     *
     * @param ctx this handler's context.
     */
    void answered(final ChannelHandlerContext ctx)
    {
        inFlight = false;
        resumeReading(ctx);
    }

    public void channelWritabilityChanged(final ChannelHandlerContext ctx) throws Exception
    {
        if (!inFlight)
        {
            resumeReading(ctx);
        }
        super.channelWritabilityChanged(ctx);
    }

    /** Reads on once the client took its answers (the channel is writable again) and nothing is with the engine. */
    private void resumeReading(final ChannelHandlerContext ctx)
    {
        if (ctx.channel().isWritable())
        {
            if (!ctx.channel().config().isAutoRead())
            {
                ctx.channel().config().setAutoRead(true);
            }
            decode(ctx);
        }
    }

    private void decode(final ChannelHandlerContext ctx)
    {
        // Not writable: the client does not read its answers; parse nothing more until it does (bounded memory).
        while (buffer != null && buffer.isReadable() && !inFlight && !closing && ctx.channel().isWritable())
        {
            if (discarding > 0)
            {
                final int dropped = (int)Math.min(discarding, buffer.readableBytes());
                buffer.skipBytes(dropped);
                discarding -= dropped;
                if (discarding == 0)
                {
                    headStartedNanos = 0;
                }
                continue;
            }
            final int from = buffer.readerIndex();
            final int available = buffer.writerIndex() - from;
            if (headLength == 0)
            {
                if (headStartedNanos == 0)
                {
                    headStartedNanos = System.nanoTime(); // the head's deadline runs from its first byte
                }
                final int result = head.parse(buffer, from, buffer.writerIndex());
                if (result == RequestHead.INCOMPLETE)
                {
                    break;
                }
                bodyStartedNanos = System.nanoTime();
                metrics.requests.increment();
                if (result < 0)
                {
                    rejectHead(ctx, result);
                    break;
                }
                headLength = result;
                if (head.transferEncoding)
                {
                    metrics.badRequest.increment();
                    answerAndClose(ctx, 411, WebhookEndpoint.LENGTH_REQUIRED);
                    break;
                }
                if (head.contentLength > endpoint.maxBodyBytes)
                {
                    metrics.tooLarge.increment();
                    if (rejectOnHead(ctx, 413, endpoint.tooLarge, DISCARD_LIMIT))
                    {
                        break;
                    }
                    continue;
                }
                final int status = checkHead();
                if (status != 0)
                {
                    if (rejectOnHead(ctx, status, bodyOf(status), endpoint.maxBodyBytes))
                    {
                        break;
                    }
                    continue;
                }
            }
            final int length = (int)head.contentLength;
            if (available < headLength + length)
            {
                if (head.expectContinue && !continueSent)
                {
                    continueSent = true;
                    ctx.writeAndFlush(Unpooled.wrappedBuffer(ResponseEncoder.CONTINUE), ctx.voidPromise());
                }
                break;
            }
            onRequest(ctx, from + headLength, length);
            if (closing)
            {
                break;
            }
            buffer.skipBytes(headLength + length);
            headLength = 0;
            headStartedNanos = 0;
            continueSent = false;
        }
        if (buffer != null)
        {
            if (!buffer.isReadable())
            {
                releaseBuffer();
            }
            else if (!ctx.channel().isWritable() ||
                (inFlight && buffer.readableBytes() > endpoint.maxBodyBytes + RequestHead.MAX_HEAD_BYTES))
            {
                ctx.channel().config().setAutoRead(false); // a pipelining client: read on once answered
            }
            else
            {
                buffer.discardSomeReadBytes();
            }
        }
    }

    /**
     * Path, method, secret and content type are decided on the head, before the body is read: a client
     * without the secret never gets a 100 Continue and never makes the server buffer its body.
     *
     * @return 0 when the request may go on, else the status to answer (counted).
     */
    private int checkHead()
    {
        if (!head.pathMatches)
        {
            metrics.notFound.increment();
            return 404;
        }
        if (!head.post)
        {
            metrics.badMethod.increment();
            return 405;
        }
        if (!head.secretMatches)
        {
            metrics.unauthorized.increment();
            return 401;
        }
        if (!head.jsonOrNoContentType)
        {
            metrics.badRequest.increment();
            return 415;
        }
        return 0;
    }

    private byte[] bodyOf(final int status)
    {
        switch (status)
        {
            case 404:
                return endpoint.notFound;
            case 405:
                return WebhookEndpoint.WRONG_METHOD;
            case 401:
                return WebhookEndpoint.UNAUTHORIZED;
            default:
                return WebhookEndpoint.WRONG_TYPE;
        }
    }

    /**
     * Answers a request refused on its head. Its body (if any) is then read and dropped without being
     * kept, so the connection stays usable; it is closed instead when the client waits for a 100 Continue
     * (the body would never come), did not ask for keep-alive, or announced a body over {@code dropLimit}.
     *
     * @return true when the connection is closing.
     */
    private boolean rejectOnHead(final ChannelHandlerContext ctx, final int status, final byte[] body, final long dropLimit)
    {
        if (!head.keepAlive || head.expectContinue || head.contentLength > dropLimit)
        {
            answerAndClose(ctx, status, body);
            return true;
        }
        answer(ctx, status, body);
        discarding = headLength + head.contentLength;
        headLength = 0;
        return false;
    }

    private void onRequest(final ChannelHandlerContext ctx, final int bodyIndex, final int length)
    {
        final long sequence = endpoint.engine.tryClaim();
        if (sequence < 0)
        {
            metrics.ringFull.increment();
            answer(ctx, 503, WebhookEndpoint.BUSY);
            return;
        }
        final UpdateEvent slot = endpoint.engine.slot(sequence);
        buffer.getBytes(bodyIndex, slot.bodyBufferFor(length), 0, length);
        slot.type(UpdateEvent.UPDATE).responder(Responders.WEBHOOK).connection(ctx).keepAlive(head.keepAlive)
            .receivedNanos(System.nanoTime());
        inFlight = true;
        endpoint.engine.publish(sequence);
    }

    private void rejectHead(final ChannelHandlerContext ctx, final int result)
    {
        metrics.badRequest.increment();
        switch (result)
        {
            case RequestHead.TOO_LARGE:
                answerAndClose(ctx, 431, WebhookEndpoint.HEAD_TOO_LARGE);
                break;
            case RequestHead.BAD_VERSION:
                answerAndClose(ctx, 505, WebhookEndpoint.BAD_VERSION);
                break;
            default:
                answerAndClose(ctx, 400, WebhookEndpoint.MALFORMED);
                break;
        }
    }

    private void answer(final ChannelHandlerContext ctx, final int status, final byte[] body)
    {
        if (head.keepAlive)
        {
            ctx.writeAndFlush(ResponseEncoder.encode(ctx.alloc(), status, body, body.length, false), ctx.voidPromise());
        }
        else
        {
            answerAndClose(ctx, status, body);
        }
    }

    /** After a malformed request the rest of the stream cannot be framed: answer, then close. */
    private void answerAndClose(final ChannelHandlerContext ctx, final int status, final byte[] body)
    {
        closing = true;
        releaseBuffer();
        ctx.writeAndFlush(ResponseEncoder.encode(ctx.alloc(), status, body, body.length, true))
            .addListener(ChannelFutureListener.CLOSE);
    }

    /**
     * Event loop, from the connection's periodic check: closes the connection (408, counted) when the request
     * being received missed its deadline. Waiting for the engine or for the client to take its answers is not
     * the request's time; a keep-alive connection with nothing sent is the idle timeout's business.
     */
    private void checkDeadlines(final ChannelHandlerContext ctx)
    {
        if (inFlight || closing || headStartedNanos == 0 || !ctx.channel().isWritable())
        {
            return;
        }
        final long now = System.nanoTime();
        final boolean inBody = headLength > 0 || discarding > 0;
        if (inBody ? now - bodyStartedNanos > endpoint.bodyTimeoutNanos : now - headStartedNanos > endpoint.headTimeoutNanos)
        {
            metrics.timedOut.increment();
            answerAndClose(ctx, 408, inBody ? WebhookEndpoint.BODY_TIMED_OUT : WebhookEndpoint.HEAD_TIMED_OUT);
        }
    }

    /** The connection's one deadline check, run every quarter of the shorter deadline. */
    private final class DeadlineCheck implements Runnable
    {
        private final ChannelHandlerContext ctx;

        DeadlineCheck(final ChannelHandlerContext ctx)
        {
            this.ctx = ctx;
        }

        public void run()
        {
            checkDeadlines(ctx);
        }
    }

    /**
     * @return bytes received and kept for requests not yet handled (bounded: the fuzzing suite checks it).
     */
    int bufferedBytes()
    {
        return buffer == null ? 0 : buffer.readableBytes();
    }

    private void releaseBuffer()
    {
        if (buffer != null)
        {
            buffer.release();
            buffer = null;
        }
    }
}

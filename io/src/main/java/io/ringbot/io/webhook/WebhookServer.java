package io.ringbot.io.webhook;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import io.ringbot.engine.Engine;
import io.ringbot.engine.ring.UpdateEvent;
import io.ringbot.io.transport.Connections;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The webhook's Netty server: HTTP/1.1 keep-alive, bodies up to a limit (413 beyond), connections
 * that send nothing for a while closed, at most {@code maxConnections} open (503 and closed beyond).
 * Construct it before the engine starts (every ring slot gets its {@link ResponseTask} once), and
 * {@link #start()} it last, when everything an update needs is wired: the port is bound only then.
 */
public final class WebhookServer implements AutoCloseable
{
    private final EventLoopGroup group;
    private final ServerBootstrap bootstrap;
    private final InetSocketAddress address;
    private final Connections connections;
    private Channel channel;

    /**
     * Prepares the server; {@link #start()} binds it.
     *
     * @param engine        the engine (not yet started).
     * @param group         the event loops to run on.
     * @param channelType   the server channel class for that group.
     * @param context       bind address, port, path, body limit, timeouts, connection cap.
     * @param secret        the expected X-Telegram-Bot-Api-Secret-Token.
     * @param metrics       the webhook's counters.
     */
    public WebhookServer(
        final Engine engine,
        final EventLoopGroup group,
        final Class<? extends io.netty.channel.ServerChannel> channelType,
        final WebhookContext context,
        final String secret,
        final WebhookMetrics metrics)
    {
        this.group = group;
        final int ringSize = engine.ring().getBufferSize();
        for (int i = 0; i < ringSize; i++)
        {
            final UpdateEvent slot = engine.ring().get(i);
            slot.attachment(new ResponseTask(slot, engine.releaser(), metrics));
        }
        if (engine.parking() != null)
        {
            for (final UpdateEvent parked : engine.parking().events())
            {
                parked.attachment(new ResponseTask(parked, engine.parking(), metrics));
            }
        }
        final WebhookEndpoint endpoint = new WebhookEndpoint(engine, context.path(), secret, context.maxBodyBytes(), metrics,
            TimeUnit.MILLISECONDS.toNanos(context.headTimeoutMillis()), TimeUnit.MILLISECONDS.toNanos(context.bodyTimeoutMillis()));
        final byte[] busy = WebhookEndpoint.TOO_MANY_CONNECTIONS;
        final ByteBuf rejection = ResponseEncoder.encode(UnpooledByteBufAllocator.DEFAULT, 503, busy, busy.length, true);
        final byte[] rejectionBytes = new byte[rejection.readableBytes()];
        rejection.readBytes(rejectionBytes).release();
        connections = new Connections(context.maxConnections(), metrics.connectionsRejected, rejectionBytes);
        final int idleSeconds = context.idleTimeoutSeconds();
        address = new InetSocketAddress(context.bind(), context.port());
        bootstrap = new ServerBootstrap()
            .group(group)
            .channel(channelType)
            .option(ChannelOption.SO_BACKLOG, 1024)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, Connections.WATER_MARK)
            // pooled, not 4.2's default adaptive allocator, which leaves a ByteBuffer slice per buffer as garbage
            .childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
            .childHandler(new ChannelInitializer<SocketChannel>()
            {
                protected void initChannel(final SocketChannel ch)
                {
                    if (connections.admit(ch))
                    {
                        // reader idle only: watching writes too would allocate a promise per answer
                        ch.pipeline()
                            .addLast(new IdleStateHandler(idleSeconds, 0, 0, TimeUnit.SECONDS))
                            .addLast(new WebhookHandler(endpoint));
                    }
                }
            });
    }

    /**
     * Binds the port: from now on updates arrive.
     *
     * @return this.
     * @throws InterruptedException when interrupted while binding.
     * @throws IllegalStateException when the address cannot be bound (e.g. the port is taken).
     */
    public WebhookServer start() throws InterruptedException
    {
        final ChannelFuture bound = bootstrap.bind(address).await();
        if (!bound.isSuccess())
        {
            throw new IllegalStateException("cannot listen on " + address.getHostString() + ':' + address.getPort() +
                " for the webhook (" + bound.cause() + "): choose another PORT, or 0 for any free one", bound.cause());
        }
        channel = bound.channel();
        return this;
    }

    /**
     * @return the bound port.
     */
    public int port()
    {
        return ((InetSocketAddress)channel.localAddress()).getPort();
    }

    /**
     * @return the bytes of answers queued for clients that have not read them yet, over every connection.
     */
    public long queuedBytes()
    {
        return connections.queuedBytes();
    }

    /**
     * Stops accepting connections; open ones finish what they have in flight.
     */
    public void stopAccepting()
    {
        if (channel != null)
        {
            channel.close().syncUninterruptibly();
        }
    }

    public void close()
    {
        stopAccepting();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}

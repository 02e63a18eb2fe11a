package io.ringbot.io.webhook;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import io.ringbot.engine.Engine;
import io.ringbot.engine.ring.UpdateEvent;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The webhook's Netty server: HTTP/1.1 keep-alive, bodies up to a limit (413 beyond), connections
 * that send nothing for a while closed. Attach it to the engine before the engine starts: every
 * ring slot gets its {@link ResponseTask} once.
 */
public final class WebhookServer implements AutoCloseable
{
    private final EventLoopGroup group;
    private final Channel channel;

    /**
     * Binds the server.
     *
     * @param engine        the engine (not yet started).
     * @param group         the event loops to run on.
     * @param channelType   the server channel class for that group.
     * @param bind          the address to bind.
     * @param port          the port (0 for any free one).
     * @param path          the webhook path, e.g. "/webhook".
     * @param secret        the expected X-Telegram-Bot-Api-Secret-Token.
     * @param maxBodyBytes  the largest body accepted.
     * @param idleSeconds   idle keep-alive connections are closed after this.
     * @param metrics       the webhook's counters.
     * @throws InterruptedException when interrupted while binding.
     */
    public WebhookServer(
        final Engine engine,
        final EventLoopGroup group,
        final Class<? extends io.netty.channel.ServerChannel> channelType,
        final String bind,
        final int port,
        final String path,
        final String secret,
        final int maxBodyBytes,
        final int idleSeconds,
        final WebhookMetrics metrics) throws InterruptedException
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
        final WebhookEndpoint endpoint = new WebhookEndpoint(engine, path, secret, maxBodyBytes, metrics);
        channel = new ServerBootstrap()
            .group(group)
            .channel(channelType)
            .option(ChannelOption.SO_BACKLOG, 1024)
            .childOption(ChannelOption.TCP_NODELAY, true)
            // pooled, not 4.2's default adaptive allocator, which leaves a ByteBuffer slice per buffer as garbage
            .childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
            .childHandler(new ChannelInitializer<SocketChannel>()
            {
                protected void initChannel(final SocketChannel ch)
                {
                    // reader idle only: watching writes too would allocate a promise per answer
                    ch.pipeline()
                        .addLast(new IdleStateHandler(idleSeconds, 0, 0, TimeUnit.SECONDS))
                        .addLast(new WebhookHandler(endpoint));
                }
            })
            .bind(new InetSocketAddress(bind, port)).sync().channel();
    }

    /**
     * @return the bound port.
     */
    public int port()
    {
        return ((InetSocketAddress)channel.localAddress()).getPort();
    }


    /**
     * Stops accepting connections; open ones finish what they have in flight.
     */
    public void stopAccepting()
    {
        channel.close().syncUninterruptibly();
    }

    public void close()
    {
        stopAccepting();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}

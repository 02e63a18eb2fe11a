package io.ringbot.io.ops;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ScheduledFuture;

import io.ringbot.io.transport.Connections;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The ops HTTP server, on its own port (loopback by default): {@code GET /healthz}, {@code GET /metrics}
 * (Prometheus text format 0.0.4), {@code GET /dashboard} (live charts) and {@code GET /stats.json} (the
 * dashboard's data).
 * <p>
 * One event loop thread of its own serves every connection and takes the dashboard's samples; it reads
 * the counters file and the {@link HealthSource}, and never touches the engine thread nor the webhook's
 * event loops, so a slow scrape cannot delay an update.
 * <pre>
 * OpsServer ops = new OpsServer(new OpsContext().counters(countersFile.reader()).health(health)).start();
 * ...
 * ops.close();
 * </pre>
 */
public final class OpsServer implements AutoCloseable
{
    static final int MAX_REQUEST_BYTES = 16 * 1024;
    static final int IDLE_SECONDS = 60;

    private final OpsContext ctx;
    private final StatsSampler sampler;
    private final OpsRouter router;
    private final Connections connections;
    private EventLoopGroup group;
    private Channel channel;
    private ScheduledFuture<?> sampling;

    /**
     * Prepares the server (concludes the context); {@link #start()} binds it.
     *
     * @param ctx the configuration.
     * @throws IllegalArgumentException when the context is incomplete or out of range.
     */
    public OpsServer(final OpsContext ctx)
    {
        this.ctx = ctx.conclude();
        final CountersView counters = new CountersView(ctx.counters());
        final HealthCheck check = new HealthCheck(ctx);
        final JvmMemory memory = new JvmMemory();
        sampler = new StatsSampler(ctx, counters, check, memory);
        router = new OpsRouter(Map.of(
            "/healthz", new HealthHandler(check),
            "/metrics", new MetricsHandler(ctx, counters, check, memory),
            "/dashboard", new DashboardHandler(),
            "/stats.json", new StatsHandler(ctx, sampler, counters)), ctx);
        final String busy = "too many ops connections (OPS_MAX_CONNECTIONS): retry\n";
        connections = new Connections(ctx.maxConnections(), ctx.connectionsRejected(),
            ("HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\nRetry-After: 1\r\n" +
                "Connection: close\r\nContent-Length: " + busy.length() + "\r\n\r\n" + busy).getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Binds the port and starts sampling for the dashboard.
     *
     * @return this.
     * @throws IllegalStateException when the address cannot be bound (e.g. the port is taken).
     */
    public synchronized OpsServer start()
    {
        if (channel != null)
        {
            throw new IllegalStateException("the ops server is already started");
        }
        // A daemon thread: the ops endpoints must never be what keeps a stopping server alive.
        group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("ringbot-ops", true), NioIoHandler.newFactory());
        try
        {
            channel = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                // the router reads one request at a time, the next once the answer is taken (bounded memory)
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, Connections.WATER_MARK)
                .childHandler(new ChannelInitializer<SocketChannel>()
                {
                    protected void initChannel(final SocketChannel ch)
                    {
                        if (connections.admit(ch))
                        {
                            ch.pipeline()
                                .addLast(new RequestDeadline(ctx.requestTimeoutMillis()))
                                .addLast(new IdleStateHandler(0, 0, IDLE_SECONDS, TimeUnit.SECONDS))
                                .addLast(new HttpServerCodec())
                                .addLast(new HttpObjectAggregator(MAX_REQUEST_BYTES))
                                .addLast(new RequestPacer())
                                .addLast(router);
                        }
                    }
                })
                .bind(new InetSocketAddress(ctx.bind(), ctx.port()))
                .syncUninterruptibly()
                .channel();
        }
        catch (final Exception ex)
        {
            // Netty rethrows the BindException unchecked-but-undeclared, hence Exception.
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            group = null;
            throw new IllegalStateException("cannot listen on " + ctx.bind() + ':' + ctx.port() +
                " for the ops endpoints (" + ex + "): choose another OPS_PORT, or 0 for any free one", ex);
        }
        sampling = channel.eventLoop().scheduleAtFixedRate(sampler, 0, ctx.samplePeriodMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /**
     * @return the bound port (useful when the context asked for port 0).
     * @throws IllegalStateException before {@link #start()}.
     */
    public synchronized int port()
    {
        if (channel == null)
        {
            throw new IllegalStateException("the ops server is not started");
        }
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
     * Stops sampling, closes the port and every connection, and ends the event loop thread.
     */
    public synchronized void close()
    {
        if (sampling != null)
        {
            sampling.cancel(false);
            sampling = null;
        }
        if (channel != null)
        {
            channel.close().syncUninterruptibly();
            channel = null;
        }
        if (group != null)
        {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
            group = null;
        }
    }
}

package io.ringbot.perf.baseline;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.ringbot.perf.load.NettyTransport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * The bare baseline: a minimal Netty webhook doing the reference bot's plain-text work with no ring and no
 * off-heap store, as the "what the hardware does" reference for {@code ringbot load --compare}.
 * <p>
 * Secret check in constant time, Jackson streaming parse, a {@code HashMap<Long, Long>} counter per user and
 * the {@code sendMessage} reply in the 200 answer. One event loop thread accepts and serves every
 * connection, so the map is only ever touched by that thread and needs no lock.
 */
@Command(name = "baseline", mixinStandardHelpOptions = true, version = "ringbot baseline 0.1",
    description = "Bare Netty webhook baseline: secret check, JSON parse, HashMap counter, JSON reply.")
public final class BaselineServer implements Callable<Integer>, AutoCloseable
{
    @Option(names = "--port", description = "Port, 0 for any free one (default: ${DEFAULT-VALUE}).")
    private int port = 8081;

    @Option(names = "--bind", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    private String bind = "127.0.0.1";

    @Option(names = "--secret",
        description = "Expected X-Telegram-Bot-Api-Secret-Token (default: env WEBHOOK_SECRET, else ./data/webhook-secret).")
    private String secret;

    @Option(names = "--path", description = "Webhook path (default: ${DEFAULT-VALUE}).")
    private String path = "/webhook";

    @Option(names = "--max-body", description = "Largest accepted body in bytes; larger gets 413 (default: ${DEFAULT-VALUE}).")
    private int maxBody = 1 << 20;

    /** Each user's count of plain-text messages; event loop thread only. */
    private final Map<Long, Long> counts = new HashMap<>();
    private EventLoopGroup group;
    private Channel serverChannel;

    /**
     * @param args the command line.
     */
    public static void main(final String[] args)
    {
        System.exit(new CommandLine(new BaselineServer()).execute(args));
    }

    /**
     * @param args options as on the command line.
     * @return a server configured by them, not yet started.
     */
    public static BaselineServer configure(final String... args)
    {
        return CommandLine.populateCommand(new BaselineServer(), args);
    }

    @Override
    public Integer call() throws InterruptedException, IOException
    {
        start();
        System.out.printf("baseline listening on http://%s:%d%s (%s, 1 event loop thread)%n",
            bind, port(), path, NettyTransport.name());
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "baseline-shutdown"));
        serverChannel.closeFuture().sync();
        return 0;
    }

    /**
     * Binds and starts serving.
     *
     * @return this.
     * @throws InterruptedException when interrupted while binding.
     * @throws IOException          when no secret is configured.
     */
    public BaselineServer start() throws InterruptedException, IOException
    {
        final String expected = secret != null ? secret : defaultSecret();
        if (expected == null || expected.isEmpty())
        {
            throw new IOException("no secret: give --secret, env WEBHOOK_SECRET or ./data/webhook-secret");
        }
        final byte[] secretBytes = expected.getBytes(StandardCharsets.UTF_8);
        group = NettyTransport.newGroup(1);
        serverChannel = new ServerBootstrap()
            .group(group)
            .channel(NettyTransport.serverSocketChannel())
            .option(ChannelOption.SO_BACKLOG, 1024)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(new ChannelInitializer<Channel>()
            {
                @Override
                protected void initChannel(final Channel ch)
                {
                    ch.pipeline().addLast(
                        new HttpServerCodec(),
                        new HttpObjectAggregator(maxBody),
                        new BaselineHandler(secretBytes, path, counts));
                }
            })
            .bind(new InetSocketAddress(bind, port)).sync().channel();
        return this;
    }

    /**
     * @return the port listened on (the one chosen when configured with 0).
     */
    public int port()
    {
        return ((InetSocketAddress)serverChannel.localAddress()).getPort();
    }

    @Override
    public void close()
    {
        if (group != null)
        {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private static String defaultSecret() throws IOException
    {
        final String fromEnv = System.getenv("WEBHOOK_SECRET");
        if (fromEnv != null && !fromEnv.isBlank())
        {
            return fromEnv.trim();
        }
        final Path file = Path.of("data", "webhook-secret");
        return Files.isReadable(file) ? Files.readString(file, StandardCharsets.UTF_8).trim() : null;
    }
}

package io.ringbot.perf.jmh;

import io.ringbot.engine.Engine;
import io.ringbot.engine.EngineContext;
import io.ringbot.bot.Bot;
import io.ringbot.engine.outbound.OutboundProxy;
import io.ringbot.engine.reference.ReferenceBot;
import io.ringbot.io.outbound.OutboundContext;
import io.ringbot.io.outbound.OutboundSender;
import io.ringbot.store.StateStore;
import io.ringbot.store.StoreContext;
import io.ringbot.store.status.CountersFile;
import io.ringbot.store.status.RingbotCounter;
import org.agrona.IoUtil;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * Calls per second of the outbound client: the persisted queue, the sender ({@code OutboundAgent} with its
 * flood control and the Netty {@code BotApiClient}) against a Bot API stand-in on loopback that answers
 * every call ok (a JDK HTTP server; the tests' strict stand-in is in io's test sources, which a build with
 * {@code -Dmaven.test.skip} does not package), with every limit set far above what is reached, and each
 * result back through the engine to the bot's {@code onSendResult}. One operation is one sendMessage, queued
 * and answered; an invocation queues {@link #BATCH} to {@value #CHATS} chats round robin and waits for all
 * their results. The stand-in shares the machine's cores, so the figure is a floor.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
public class OutboundClientBenchmark extends OffHeapBenchmark
{
    static final int BATCH = 512;
    static final int CHATS = 1_000;
    private static final String TOKEN = "1:bench";

    @Param({"8", "32"})
    int connections;

    private final AtomicLong results = new AtomicLong();
    private Path dir;
    private OkBotApi api;
    private StateStore store;
    private CountersFile counters;
    private Engine engine;
    private OutboundSender sender;
    private final OutboundProxy calls = new OutboundProxy();
    private long queued;

    @Setup(Level.Trial)
    public void setUp() throws IOException
    {
        dir = Files.createTempDirectory("ringbot-bench");
        api = new OkBotApi(TOKEN);
        store = StateStore.open(new StoreContext().dataDir(dir).usersCapacity(2_000)
            .userSchema(ReferenceBot.USERS).chatSchema(ReferenceBot.CHATS));
        counters = CountersFile.create(dir);
        final OutboundContext ctx = new OutboundContext().botApiUrl(api.url()).botToken(TOKEN).chatPerSecond(100_000)
            .chatBurst(10_000).groupPerMinute(100_000).totalPerSecond(100_000).connections(connections).conclude();
        sender = OutboundSender.open(ctx, dir, counters);
        final Bot bot = new Bot().onSendResult((c, result) -> results.incrementAndGet());
        engine = new Engine(new EngineContext().store(store).countersFile(counters).bot(bot).outbound(sender.queue())
            .ringSize(4096)).start();
        sender.start(engine, store.users());
        calls.ring(sender.queue()); // this thread is the queue's one writer: the bot itself sends nothing
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long sendAndAwaitResults()
    {
        for (int i = 0; i < BATCH; i++)
        {
            final long n = queued++;
            if (!calls.sendMessage(1 + n % CHATS).text("hello").send(n))
            {
                throw new IllegalStateException("the outbound queue refused a call");
            }
        }
        calls.commitUpdate();
        while (results.get() < queued)
        {
            LockSupport.parkNanos(20_000);
        }
        return queued;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException
    {
        final long failed = counters.counter(RingbotCounter.OUTBOUND_FAILED).get() +
            counters.counter(RingbotCounter.OUTBOUND_RETRIES).get() +
            counters.counter(RingbotCounter.OUTBOUND_TOO_MANY_REQUESTS).get();
        sender.close();
        engine.close();
        api.close();
        store.close();
        counters.close();
        IoUtil.delete(dir.toFile(), false);
        if (failed > 0)
        {
            throw new IllegalStateException(failed + " calls failed, were retried or hit a 429: the figure would be wrong");
        }
    }

    /** Answers every call with the token ok, with a message_id; 401 otherwise. No limits. */
    private static final class OkBotApi implements AutoCloseable
    {
        private final HttpServer server;
        private final ExecutorService executor = Executors.newFixedThreadPool(16);
        private final AtomicLong messageIds = new AtomicLong();
        private final String prefix;

        OkBotApi(final String token) throws IOException
        {
            // the JDK server writes an answer's head and body apart: with Nagle on, the body waits for the
            // client's delayed ACK (~40 ms a call); read when its first server starts, so set before
            System.setProperty("sun.net.httpserver.nodelay", "true");
            prefix = "/bot" + token + "/";
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
            server.setExecutor(executor);
            server.createContext("/", this::handle);
            server.start();
        }

        String url()
        {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        private void handle(final HttpExchange exchange) throws IOException
        {
            try (exchange)
            {
                exchange.getRequestBody().readAllBytes();
                final boolean authorized = exchange.getRequestURI().getPath().startsWith(prefix);
                final byte[] answer = (authorized ?
                    "{\"ok\":true,\"result\":{\"message_id\":" + messageIds.incrementAndGet() + ",\"date\":0}}" :
                    "{\"ok\":false,\"error_code\":401,\"description\":\"Unauthorized\"}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(authorized ? 200 : 401, answer.length);
                try (OutputStream out = exchange.getResponseBody())
                {
                    out.write(answer);
                }
            }
        }

        public void close()
        {
            server.stop(0);
            executor.shutdownNow();
        }
    }
}

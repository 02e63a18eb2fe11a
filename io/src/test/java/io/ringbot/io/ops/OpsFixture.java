package io.ringbot.io.ops;

import io.ringbot.store.status.CountersFile;
import io.ringbot.store.status.RingbotCounter;
import org.agrona.concurrent.status.AtomicCounter;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A started ops server over a fresh counters file, a fake health source and real latency recorders,
 * with an HTTP client to ask it. Kind counters are allocated the way the engine allocates them.
 */
final class OpsFixture implements AutoCloseable
{
    static final String[] KINDS = { "message", "edited_message", "callback_query", "inline_query", "unknown" };

    final CountersFile counters;
    final FakeHealthSource health = new FakeHealthSource();
    final LatencyRecorders latency = new LatencyRecorders();
    final Map<String, AtomicCounter> kinds = new HashMap<>();
    final OpsServer server;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    OpsFixture(final Path dataDir, final Consumer<OpsContext> configure)
    {
        counters = CountersFile.create(dataDir);
        for (final String kind : KINDS)
        {
            kinds.put(kind, counters.newCounter(CountersView.KIND_LABEL_PREFIX + kind, CountersFile.KIND_TYPE_ID));
        }
        final OpsContext ctx = new OpsContext()
            .port(0)
            .counters(counters.reader())
            .health(health)
            .latency(latency);
        configure.accept(ctx);
        server = new OpsServer(ctx).start();
    }

    OpsFixture(final Path dataDir)
    {
        this(dataDir, ctx -> { });
    }

    AtomicCounter counter(final RingbotCounter counter)
    {
        return counters.counter(counter);
    }

    String url(final String path)
    {
        return "http://127.0.0.1:" + server.port() + path;
    }

    HttpResponse<String> get(final String path) throws IOException, InterruptedException
    {
        return send(HttpRequest.newBuilder(URI.create(url(path))).GET());
    }

    HttpResponse<String> send(final HttpRequest.Builder request) throws IOException, InterruptedException
    {
        return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    public void close()
    {
        server.close();
        counters.close();
    }
}

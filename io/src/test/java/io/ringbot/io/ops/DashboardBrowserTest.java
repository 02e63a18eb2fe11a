package io.ringbot.io.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringbot.store.status.LatencyHistograms;
import io.ringbot.store.status.RingbotCounter;
import org.HdrHistogram.Recorder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboard in a real browser: headless Chromium loads it twice, with the counters changed in between,
 * and the values the page's charts last drew (which it writes into {@code <pre id="drawn">} and each
 * canvas's {@code data-last}) must follow; then a screenshot for people to look at.
 */
@Tag("browser")
class DashboardBrowserTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    static final Path SCREENSHOT = Path.of("target", "dashboard.png");

    @TempDir
    Path dataDir;

    private OpsFixture ops;
    private final Recorder webhook = LatencyHistograms.newRecorder();
    private final Recorder engine = LatencyHistograms.newRecorder();
    private final Recorder commits = LatencyHistograms.newRecorder();
    private final AtomicBoolean feeding = new AtomicBoolean();
    private Thread feeder;

    @BeforeAll
    static void chromium() throws Exception
    {
        HeadlessChromium.ensureInstalled();
    }

    @BeforeEach
    void start()
    {
        ops = new OpsFixture(dataDir, ctx -> ctx.samplePeriodMillis(200));
        ops.latency.add(LatencySource.Stage.WEBHOOK, webhook)
            .add(LatencySource.Stage.ENGINE, engine)
            .add(LatencySource.Stage.JOURNAL_COMMIT, commits);
    }

    @AfterEach
    void stop() throws InterruptedException
    {
        feeding.set(false);
        if (feeder != null)
        {
            feeder.join(5_000);
        }
        ops.close();
    }

    @Test
    void shouldDrawLiveValuesThatFollowTheCounters() throws Exception
    {
        // Moment one: an idle server.
        ops.counter(RingbotCounter.WEBHOOK_CONNECTIONS_OPEN).set(3);
        ops.health.journalPending = 12;
        ops.health.ringRemaining = 1024 - 256;
        Thread.sleep(700);

        final JsonNode first = drawn(HeadlessChromium.dumpDom(ops.url("/dashboard")));
        final JsonNode idle = first.get("charts");
        assertTrue(first.get("samples").asInt() >= 2, "samples drawn: " + first);
        assertEquals(3.0, idle.get("connections").get("open").asDouble());
        assertEquals(12.0, idle.get("journal").get("pending").asDouble());
        assertEquals(25.0, idle.get("fill").get("ring").asDouble(), 0.01);
        assertEquals(0.0, idle.get("updates").get("updates/s").asDouble());
        assertTrue(idle.get("latency").get("webhook p50").isNull(), "nothing measured yet: " + idle.get("latency"));
        assertTrue(idle.get("memory").get("heap used").asDouble() > 0);

        // Moment two: updates flowing, more connections, a fuller ring, a longer journal queue.
        ops.counter(RingbotCounter.WEBHOOK_CONNECTIONS_OPEN).set(7);
        ops.health.journalPending = 40;
        ops.health.ringRemaining = 1024 - 512;
        feed(false);
        Thread.sleep(1_000);

        final JsonNode second = drawn(HeadlessChromium.dumpDom(ops.url("/dashboard")));
        final JsonNode busy = second.get("charts");
        assertTrue(second.get("seq").asLong() > first.get("seq").asLong(), "newer samples drawn");
        assertEquals(7.0, busy.get("connections").get("open").asDouble());
        assertEquals(40.0, busy.get("journal").get("pending").asDouble());
        assertEquals(50.0, busy.get("fill").get("ring").asDouble(), 0.01);
        final double rate = busy.get("updates").get("updates/s").asDouble();
        assertTrue(rate > 100 && rate < 10_000, "about 1000 updates/s fed, drawn: " + rate);
        final double p50 = busy.get("latency").get("webhook p50").asDouble();
        assertTrue(p50 > 60 && p50 < 140, "webhook p50 about 100 µs, drawn: " + p50);
        final double hits = busy.get("hits").get("since start").asDouble();
        assertTrue(hits > 85 && hits < 95, "hit ratio about 90 %, drawn: " + hits);
    }

    @Test
    void shouldRenderTheDashboardForAScreenshot() throws Exception
    {
        ops.health.usersEntries = 412_000;
        ops.health.usersCapacity = 1_000_000;
        ops.health.chatsEntries = 388_000;
        ops.health.chatsCapacity = 1_000_000;
        feed(true);
        Thread.sleep(4_000);

        final String dom = HeadlessChromium.dumpDom(ops.url("/dashboard"));
        assertTrue(dom.contains("data-last=\"{"), "every canvas carries the values it drew");
        HeadlessChromium.screenshot(ops.url("/dashboard"), SCREENSHOT, 1280, 900);

        final BufferedImage image = ImageIO.read(SCREENSHOT.toFile());
        assertEquals(1280, image.getWidth());
        assertEquals(900, image.getHeight());
        final Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 3)
        {
            for (int x = 0; x < image.getWidth(); x += 3)
            {
                colours.add(image.getRGB(x, y));
            }
        }
        assertTrue(colours.size() > 200, "a drawn page, not a blank one: " + colours.size() + " colours");
        assertTrue(Files.size(SCREENSHOT) > 20_000);
    }

    /**
     * Starts a thread that plays a server under load: about 1000 updates a second, webhook latencies
     * around 100 µs, engine ones around 5 µs, a 90 % binding hit ratio; varying over time when asked.
     */
    private void feed(final boolean varying)
    {
        feeding.set(true);
        feeder = new Thread(() ->
        {
            final Random random = new Random(42);
            for (int i = 0; feeding.get(); i++)
            {
                final double phase = varying ? Math.sin(i / 25.0) : 0.0;
                final int n = (int)(20 + (varying ? 12 * phase : 0));
                ops.counter(RingbotCounter.ENGINE_UPDATES).getAndAdd(n);
                ops.counter(RingbotCounter.WEBHOOK_REQUESTS).getAndAdd(n);
                ops.kinds.get("message").getAndAdd(n - n / 4);
                ops.kinds.get("callback_query").getAndAdd(n / 4);
                ops.counter(RingbotCounter.STORE_BINDING_HITS).getAndAdd(9L * n);
                ops.counter(RingbotCounter.STORE_BINDING_MISSES).getAndAdd(n);
                ops.counter(RingbotCounter.JOURNAL_WRITES).getAndAdd(n / 2);
                for (int k = 0; k < n; k++)
                {
                    webhook.recordValue(Math.max(1_000, (long)(100_000 + 10_000 * random.nextGaussian() + 30_000 * phase)));
                    engine.recordValue(3_000 + random.nextInt(4_000) + (random.nextInt(500) == 0 ? 150_000 : 0));
                }
                if (i % 5 == 0)
                {
                    commits.recordValue(30_000_000 + random.nextInt(40_000_000));
                }
                if (varying)
                {
                    ops.counter(RingbotCounter.WEBHOOK_CONNECTIONS_OPEN).set(10 + Math.round(6 * phase));
                    ops.health.ringRemaining = 1024 - Math.round(90 + 70 * phase);
                    ops.health.journalPending = Math.round(300 + 200 * Math.sin(i / 17.0));
                    ops.health.journalOldestPendingMillis = Math.round(1_200 + 900 * Math.sin(i / 17.0));
                    ops.health.usersEntries += random.nextInt(3);
                }
                try
                {
                    Thread.sleep(20);
                }
                catch (final InterruptedException ex)
                {
                    return;
                }
            }
        }, "dashboard-feeder");
        feeder.setDaemon(true);
        feeder.start();
    }

    /**
     * @param dom the page's serialized DOM.
     * @return what the charts last drew, from {@code <pre id="drawn">} (plain JSON of numbers and names,
     * so the HTML serialization leaves it as it is).
     */
    private static JsonNode drawn(final String dom) throws Exception
    {
        final String open = "<pre id=\"drawn\">{";
        final int start = dom.indexOf(open);
        final int end = dom.indexOf("</pre>", start);
        assertTrue(start >= 0 && end > start, "no <pre id=\"drawn\"> in the page: " + dom);
        final JsonNode drawn = JSON.readTree(dom.substring(start + open.length() - 1, end));
        assertTrue(drawn.has("charts"), "the page never drew: " + drawn);
        return drawn;
    }
}

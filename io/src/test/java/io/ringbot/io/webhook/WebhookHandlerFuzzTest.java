package io.ringbot.io.webhook;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.FullHttpResponse;
import io.ringbot.engine.Engine;
import io.ringbot.engine.EngineContext;
import io.ringbot.engine.reference.ReferenceBot;
import io.ringbot.store.StateStore;
import io.ringbot.store.StoreContext;
import io.ringbot.store.status.CountersFile;
import io.ringbot.store.status.RingbotCounter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Coverage-guided fuzzing (Jazzer) of the hand-written HTTP/1.1 handling: any bytes, cut into any packets,
 * through {@link WebhookHandler} and {@link RequestHead} with the real engine behind them. Invariants: no
 * exception escapes the handler; every request is answered exactly once, with a well-formed HTTP answer, or
 * the connection is closed; nothing is answered after an answer that closes; what the handler keeps is
 * bounded; every received buffer is released.
 * <p>
 * {@code mvn verify} runs the committed corpus (src/test/resources/.../WebhookHandlerFuzzTestInputs/) as
 * regression tests; {@code JAZZER_FUZZ=1} fuzzes (README, "Fuzzing").
 */
class WebhookHandlerFuzzTest
{
    private static final String SECRET = "fuzz_secret";
    private static final int MAX_BODY = 2048;
    private static Fixture fixture;

    @FuzzTest(maxDuration = "10m")
    void shouldAnswerEveryRequestOnceOrCloseAndKeepMemoryBounded(final byte[] input)
    {
        final Fixture f = fixture();
        final WebhookHandler handler = new WebhookHandler(f.endpoint);
        final EmbeddedChannel channel = new EmbeddedChannel(handler);
        final ChannelHandlerContext ctx = channel.pipeline().context(handler);
        final long requestsBefore = f.counters.counter(RingbotCounter.WEBHOOK_REQUESTS).get();
        final List<ByteBuf> received = new ArrayList<>();
        final EmbeddedChannel responses = new EmbeddedChannel(new HttpResponseDecoder(), new HttpObjectAggregator(1 << 20));
        int answers = 0;
        boolean closedByAnswer = false;
        try
        {
            // the first byte of each packet says how long it is: the fuzzer cuts requests at every byte
            int pos = 0;
            while (pos < input.length && channel.isOpen())
            {
                final int length = Math.min(input.length - pos - 1, 1 + (input[pos] & 0xFF) * 4);
                pos++;
                if (length <= 0)
                {
                    break;
                }
                final ByteBuf packet = Unpooled.buffer(length).writeBytes(input, pos, length);
                pos += length;
                received.add(packet);
                handler.channelRead(ctx, packet); // directly: an exception here escapes to the fuzzer
                f.runEngine(channel);
                assertTrue(handler.bufferedBytes() <= MAX_BODY + RequestHead.MAX_HEAD_BYTES + length,
                    "kept " + handler.bufferedBytes() + " bytes");
                ByteBuf written;
                while ((written = channel.readOutbound()) != null)
                {
                    assertFalse(closedByAnswer, "nothing is written after an answer that closes");
                    responses.writeInbound(written);
                    Object decoded;
                    while ((decoded = responses.readInbound()) != null)
                    {
                        final FullHttpResponse response = (FullHttpResponse)decoded;
                        assertTrue(response.decoderResult().isSuccess(), "a well-formed answer: " + response);
                        if (response.status().code() != 100)
                        {
                            answers++;
                            closedByAnswer = !HttpUtil.isKeepAlive(response);
                        }
                        response.release();
                    }
                }
            }
            final long requests = f.counters.counter(RingbotCounter.WEBHOOK_REQUESTS).get() - requestsBefore;
            if (channel.isOpen())
            {
                assertTrue(answers == requests || answers == requests - 1,
                    "every request answered once (one may wait for its body): " + answers + " answers to " + requests);
            }
            else
            {
                assertEquals(requests, answers, "a closed connection answered every request it counted");
            }
        }
        finally
        {
            channel.finishAndReleaseAll();
            responses.finishAndReleaseAll();
        }
        for (final ByteBuf packet : received)
        {
            assertEquals(0, packet.refCnt(), "every received buffer is released");
        }
    }

    private static synchronized Fixture fixture()
    {
        if (fixture == null)
        {
            fixture = new Fixture();
        }
        return fixture;
    }

    /** One store and engine for every input (opening a store per input would be most of the time). */
    private static final class Fixture
    {
        final CountersFile counters;
        final Engine engine;
        final WebhookEndpoint endpoint;
        long nextSequence;

        Fixture()
        {
            final Path dir;
            try
            {
                dir = Files.createTempDirectory("webhook-fuzz");
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
            final StateStore store = StateStore.open(new StoreContext().dataDir(dir).usersCapacity(1000)
                .userSchema(ReferenceBot.USERS).chatSchema(ReferenceBot.CHATS));
            counters = CountersFile.create(dir);
            engine = new Engine(new EngineContext().store(store).countersFile(counters)
                .bot(ReferenceBot.create("")).ringSize(4));
            final WebhookMetrics metrics = new WebhookMetrics(counters);
            for (int i = 0; i < 4; i++)
            {
                engine.ring().get(i).attachment(new ResponseTask(engine.ring().get(i), engine.releaser(), metrics));
            }
            endpoint = new WebhookEndpoint(engine, "/webhook", SECRET, MAX_BODY, metrics);
        }

        /** Runs the engine over everything published, on this thread (the channel's loop). */
        void runEngine(final EmbeddedChannel channel)
        {
            while (engine.ring().getCursor() >= nextSequence)
            {
                final long sequence = nextSequence++;
                engine.handler().onBatchStart(1, 1);
                engine.handler().onEvent(engine.slot(sequence), sequence, true);
                channel.runPendingTasks();
            }
        }
    }
}

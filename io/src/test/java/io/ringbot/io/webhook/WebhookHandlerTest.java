package io.ringbot.io.webhook;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.ringbot.engine.Engine;
import io.ringbot.engine.EngineContext;
import io.ringbot.engine.reference.ReferenceBot;
import io.ringbot.store.StateStore;
import io.ringbot.store.StoreContext;
import io.ringbot.store.status.CountersFile;
import io.ringbot.store.status.RingbotCounter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebhookHandlerTest
{
    private static final String SECRET = "s3cret_token-1";
    private static final String UPDATE = "{\"update_id\":1,\"message\":{\"message_id\":1,\"date\":1," +
        "\"from\":{\"id\":42,\"is_bot\":false,\"first_name\":\"Ann\"},\"chat\":{\"id\":42,\"type\":\"private\"},\"text\":\"hi\"}}";

    @TempDir
    Path dir;
    private StateStore store;
    private CountersFile counters;
    private Engine engine;
    private EmbeddedChannel channel;

    @BeforeEach
    void open()
    {
        store = StateStore.open(new StoreContext().dataDir(dir).usersCapacity(1000));
        counters = CountersFile.create(dir);
        engine = new Engine(new EngineContext().store(store).countersFile(counters)
            .bot(ReferenceBot.create(null, "")).ringSize(4));
        final WebhookMetrics metrics = new WebhookMetrics(counters);
        for (int i = 0; i < 4; i++)
        {
            engine.ring().get(i).attachment(new ResponseTask(engine.ring().get(i), engine.releaser(), metrics));
        }
        channel = new EmbeddedChannel(new WebhookHandler(engine, "/webhook", SECRET, metrics));
    }

    @AfterEach
    void close()
    {
        channel.finishAndReleaseAll();
        store.close();
        counters.close();
    }

    @Test
    void shouldPublishAnAuthorisedUpdateAndAnswerWithTheEnginesReply()
    {
        channel.writeInbound(post("/webhook", SECRET, UPDATE));
        assertTrue(channel.outboundMessages().isEmpty(), "no answer before the engine ran");
        runEngine(0);
        final FullHttpResponse response = channel.readOutbound();
        assertEquals(200, response.status().code());
        assertEquals("{\"method\":\"sendMessage\",\"chat_id\":42,\"text\":\"count=1\"}",
            response.content().toString(StandardCharsets.UTF_8));
        response.release();
        assertEquals(0, engine.releaser().sequence().get(), "the slot was released after the answer");
    }

    @Test
    void shouldRejectAWrongOrMissingSecretWith401()
    {
        assertEquals(401, answer(post("/webhook", "wrong", UPDATE)));
        assertEquals(401, answer(post("/webhook", null, UPDATE)));
        assertEquals(2, counters.counter(RingbotCounter.WEBHOOK_UNAUTHORIZED).get());
    }

    @Test
    void shouldAnswer404ToAnotherPathAnd405ToAnotherMethod()
    {
        assertEquals(404, answer(post("/other", SECRET, UPDATE)));
        final FullHttpRequest get = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/webhook");
        assertEquals(405, answer(get));
    }

    @Test
    void shouldAnswer415ToAnotherContentType()
    {
        final FullHttpRequest request = post("/webhook", SECRET, UPDATE);
        request.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain");
        assertEquals(415, answer(request));
    }

    @Test
    void shouldAnswer503WithRetryAfterWhenTheRingIsFull()
    {
        for (int i = 0; i < 4; i++)
        {
            channel.writeInbound(post("/webhook", SECRET, UPDATE.replace("\"update_id\":1", "\"update_id\":" + (i + 1))));
        }
        channel.writeInbound(post("/webhook", SECRET, UPDATE));
        final FullHttpResponse busy = channel.readOutbound();
        assertEquals(503, busy.status().code());
        assertEquals("1", busy.headers().get(HttpHeaderNames.RETRY_AFTER));
        busy.release();
        assertEquals(1, counters.counter(RingbotCounter.WEBHOOK_RING_FULL).get());
        for (int i = 0; i < 4; i++)
        {
            runEngine(i);
            final FullHttpResponse ok = channel.readOutbound();
            assertEquals(200, ok.status().code(), "every accepted update is answered");
            ok.release();
        }
    }

    private void runEngine(final long sequence)
    {
        engine.handler().onBatchStart(1, 1);
        engine.handler().onEvent(engine.slot(sequence), sequence, true);
        channel.runPendingTasks();
    }

    private int answer(final FullHttpRequest request)
    {
        channel.writeInbound(request);
        final FullHttpResponse response = channel.readOutbound();
        final int status = response.status().code();
        response.release();
        return status;
    }

    private static FullHttpRequest post(final String uri, final String secret, final String body)
    {
        final FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, uri,
            Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        request.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
        if (secret != null)
        {
            request.headers().set(WebhookHandler.SECRET_HEADER, secret);
        }
        return request;
    }
}

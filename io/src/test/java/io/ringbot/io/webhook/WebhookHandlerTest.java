package io.ringbot.io.webhook;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequestEncoder;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.HttpUtil;
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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hand-written webhook HTTP handling, checked against Netty's own codec: requests are encoded by
 * Netty's {@link HttpRequestEncoder} (or written raw where a test needs bytes no encoder would send) and
 * every answer is parsed by Netty's {@link HttpResponseDecoder}.
 */
class WebhookHandlerTest
{
    private static final String SECRET = "s3cret_token-1";
    private static final int MAX_BODY = 4096;
    private static final String UPDATE = "{\"update_id\":1,\"message\":{\"message_id\":1,\"date\":1," +
        "\"from\":{\"id\":42,\"is_bot\":false,\"first_name\":\"Ann\"},\"chat\":{\"id\":42,\"type\":\"private\"},\"text\":\"hi\"}}";

    @TempDir
    Path dir;
    private StateStore store;
    private CountersFile counters;
    private Engine engine;
    private EmbeddedChannel channel;
    private final EmbeddedChannel responses = new EmbeddedChannel(new HttpResponseDecoder(), new HttpObjectAggregator(1 << 16));
    private long nextSequence;

    @BeforeEach
    void open()
    {
        store = StateStore.open(new StoreContext().dataDir(dir).usersCapacity(1000).userSchema(io.ringbot.engine.reference.ReferenceBot.USERS).chatSchema(io.ringbot.engine.reference.ReferenceBot.CHATS));
        counters = CountersFile.create(dir);
        engine = new Engine(new EngineContext().store(store).countersFile(counters)
            .bot(ReferenceBot.create("")).ringSize(4));
        final WebhookMetrics metrics = new WebhookMetrics(counters);
        for (int i = 0; i < 4; i++)
        {
            engine.ring().get(i).attachment(new ResponseTask(engine.ring().get(i), engine.releaser(), metrics));
        }
        channel = new EmbeddedChannel(new WebhookHandler(new WebhookEndpoint(engine, "/webhook", SECRET, MAX_BODY, metrics)));
    }

    @AfterEach
    void close()
    {
        channel.finishAndReleaseAll();
        responses.finishAndReleaseAll();
        store.close();
        counters.close();
    }

    @Test
    void shouldPublishAnAuthorisedUpdateAndAnswerWithTheEnginesReply()
    {
        channel.writeInbound(encode(post("/webhook", SECRET, UPDATE)));
        assertTrue(channel.outboundMessages().isEmpty(), "no answer before the engine ran");
        runEngine();
        final FullHttpResponse response = nextResponse();
        assertEquals(200, response.status().code());
        assertEquals("application/json", response.headers().get(HttpHeaderNames.CONTENT_TYPE));
        assertEquals("{\"method\":\"sendMessage\",\"chat_id\":42,\"text\":\"count=1\"}",
            response.content().toString(StandardCharsets.UTF_8));
        assertTrue(HttpUtil.isKeepAlive(response));
        response.release();
        assertEquals(0, engine.releaser().sequence().get(), "the slot was released after the answer");
        assertTrue(channel.isActive());
    }

    @Test
    void shouldAcceptAQueryAfterThePathAndNoContentType()
    {
        final FullHttpRequest request = post("/webhook?bot=1", SECRET, UPDATE);
        request.headers().remove(HttpHeaderNames.CONTENT_TYPE);
        channel.writeInbound(encode(request));
        runEngine();
        assertEquals(200, status(nextResponse()));
    }

    @Test
    void shouldRejectAWrongOrMissingSecretWith401()
    {
        assertEquals(401, answer(post("/webhook", "wrong", UPDATE)));
        assertEquals(401, answer(post("/webhook", SECRET + "x", UPDATE)));
        assertEquals(401, answer(post("/webhook", SECRET.substring(1), UPDATE)));
        assertEquals(401, answer(post("/webhook", null, UPDATE)));
        assertEquals(4, counters.counter(RingbotCounter.WEBHOOK_UNAUTHORIZED).get());
        assertTrue(channel.isActive(), "a rejected request on a keep-alive connection leaves it open");
    }

    @Test
    void shouldAnswer404ToAnotherPathAnd405ToAnotherMethod()
    {
        assertEquals(404, answer(post("/other", SECRET, UPDATE)));
        assertEquals(404, answer(post("/webhook/x", SECRET, UPDATE)));
        channel.writeInbound(encode(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/webhook")));
        final FullHttpResponse response = nextResponse();
        assertEquals(405, response.status().code());
        assertEquals("POST", response.headers().get(HttpHeaderNames.ALLOW));
        response.release();
        assertEquals(2, counters.counter(RingbotCounter.WEBHOOK_NOT_FOUND).get());
        assertEquals(1, counters.counter(RingbotCounter.WEBHOOK_BAD_METHOD).get());
    }

    @Test
    void shouldAnswer415ToAnotherContentType()
    {
        final FullHttpRequest request = post("/webhook", SECRET, UPDATE);
        request.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain");
        assertEquals(415, answer(request));
        final FullHttpRequest withCharset = post("/webhook", SECRET, UPDATE);
        withCharset.headers().set(HttpHeaderNames.CONTENT_TYPE, "Application/JSON; charset=utf-8");
        channel.writeInbound(encode(withCharset));
        runEngine();
        assertEquals(200, status(nextResponse()));
    }

    @Test
    void shouldAnswer503WithRetryAfterWhenTheRingIsFull()
    {
        final EmbeddedChannel[] connections = new EmbeddedChannel[4];
        final WebhookMetrics metrics = new WebhookMetrics(counters);
        for (int i = 0; i < 4; i++)
        {
            connections[i] = new EmbeddedChannel(new WebhookHandler(new WebhookEndpoint(engine, "/webhook", SECRET, MAX_BODY, metrics)));
            connections[i].writeInbound(encode(post("/webhook", SECRET, update(i + 1, 42))));
        }
        channel.writeInbound(encode(post("/webhook", SECRET, UPDATE)));
        final FullHttpResponse busy = nextResponse();
        assertEquals(503, busy.status().code());
        assertEquals("1", busy.headers().get(HttpHeaderNames.RETRY_AFTER));
        busy.release();
        assertEquals(1, counters.counter(RingbotCounter.WEBHOOK_RING_FULL).get());
        for (int i = 0; i < 4; i++)
        {
            runEngine();
            connections[i].runPendingTasks();
            responses.writeInbound((Object)connections[i].readOutbound());
            assertEquals(200, status(nextDecoded()), "every accepted update is answered");
            connections[i].finishAndReleaseAll();
        }
    }

    @Test
    void shouldParseARequestArrivingOneByteAtATime()
    {
        final ByteBuf bytes = encode(post("/webhook", SECRET, UPDATE));
        while (bytes.isReadable())
        {
            channel.writeInbound(bytes.readRetainedSlice(1));
        }
        bytes.release();
        runEngine();
        final FullHttpResponse response = nextResponse();
        assertEquals("{\"method\":\"sendMessage\",\"chat_id\":42,\"text\":\"count=1\"}",
            response.content().toString(StandardCharsets.UTF_8));
        response.release();
        assertEquals(1, counters.counter(RingbotCounter.WEBHOOK_REQUESTS).get());
    }

    @Test
    void shouldAnswerPipelinedRequestsInOrderOneAtATime()
    {
        final ByteBuf both = Unpooled.wrappedBuffer(
            encode(post("/webhook", SECRET, update(1, 42))), encode(post("/webhook", SECRET, update(2, 42))));
        channel.writeInbound(both);
        assertEquals(engine.ring().getCursor(), 0, "only the first request is with the engine");
        runEngine();
        assertEquals("{\"method\":\"sendMessage\",\"chat_id\":42,\"text\":\"count=1\"}", body(nextResponse()));
        assertEquals(1, engine.ring().getCursor(), "the second went to the engine once the first was answered");
        runEngine();
        assertEquals("{\"method\":\"sendMessage\",\"chat_id\":42,\"text\":\"count=2\"}", body(nextResponse()));
    }

    @Test
    void shouldAnswer413ToABodyOverTheLimitDropItAndServeTheNextRequest()
    {
        final String big = "{\"update_id\":1,\"x\":\"" + "a".repeat(MAX_BODY) + "\"}";
        final ByteBuf bytes = Unpooled.wrappedBuffer(encode(post("/webhook", SECRET, big)), encode(post("/webhook", SECRET, UPDATE)));
        while (bytes.isReadable())
        {
            channel.writeInbound(bytes.readRetainedSlice(Math.min(1000, bytes.readableBytes())));
        }
        bytes.release();
        final FullHttpResponse response = nextResponse();
        assertEquals(413, response.status().code());
        assertTrue(HttpUtil.isKeepAlive(response));
        response.release();
        assertEquals(1, counters.counter(RingbotCounter.WEBHOOK_TOO_LARGE).get());
        runEngine();
        assertEquals("{\"method\":\"sendMessage\",\"chat_id\":42,\"text\":\"count=1\"}", body(nextResponse()));
        assertEquals(0, engine.ring().getCursor(), "only the second request was published");
    }

    @Test
    void shouldAnswer413AndCloseWhenTheClientWaitsFor100Continue()
    {
        final String head = "POST /webhook HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: " + (MAX_BODY + 1) + "\r\n\r\n";
        assertEquals(413, rawAnswer(head));
        assertFalse(channel.isActive(), "closed: the body will not come");
        assertEquals(-1, engine.ring().getCursor(), "nothing published");
    }

    @Test
    void shouldAnswer431WhenTheHeadNeverEnds()
    {
        final String head = "POST /webhook HTTP/1.1\r\nX-Long: " + "b".repeat(RequestHead.MAX_HEAD_BYTES) + "\r\n\r\n";
        assertEquals(431, rawAnswer(head));
        assertFalse(channel.isActive());
    }

    @Test
    void shouldAnswer411ToAChunkedBody()
    {
        final String request = "POST /webhook HTTP/1.1\r\nTransfer-Encoding: chunked\r\n" +
            "X-Telegram-Bot-Api-Secret-Token: " + SECRET + "\r\n\r\n5\r\nhello\r\n0\r\n\r\n";
        assertEquals(411, rawAnswer(request));
        assertFalse(channel.isActive());
    }

    @Test
    void shouldAnswer400ToMalformedRequestsAndClose()
    {
        assertEquals(400, rawAnswer("POST\r\n\r\n"));
        assertFalse(channel.isActive());
        assertEquals(1, counters.counter(RingbotCounter.WEBHOOK_BAD_REQUEST).get());
    }

    @Test
    void shouldAnswer400ToConflictingContentLengths()
    {
        assertEquals(400, rawAnswer("POST /webhook HTTP/1.1\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}"));
    }

    @Test
    void shouldAnswer400ToFoldedHeaders()
    {
        assertEquals(400, rawAnswer("POST /webhook HTTP/1.1\r\nX-A: 1\r\n  folded\r\n\r\n"));
    }

    @Test
    void shouldAnswer505ToAnotherVersion()
    {
        assertEquals(505, rawAnswer("POST /webhook HTTP/2.0\r\n\r\n"));
    }

    @Test
    void shouldCloseAfterAnsweringConnectionClose()
    {
        final FullHttpRequest request = post("/webhook", SECRET, UPDATE);
        request.headers().set(HttpHeaderNames.CONNECTION, "close");
        channel.writeInbound(encode(request));
        runEngine();
        final FullHttpResponse response = nextResponse();
        assertEquals(200, response.status().code());
        assertEquals("close", response.headers().get(HttpHeaderNames.CONNECTION));
        response.release();
        assertFalse(channel.isActive());
    }

    @Test
    void shouldCloseAfterAnHttp10RequestWithoutKeepAlive()
    {
        final String request = "POST /webhook HTTP/1.0\r\nX-Telegram-Bot-Api-Secret-Token: " + SECRET +
            "\r\nContent-Length: " + UPDATE.length() + "\r\n\r\n" + UPDATE;
        channel.writeInbound(Unpooled.copiedBuffer(request, StandardCharsets.US_ASCII));
        runEngine();
        assertEquals(200, status(nextResponse()));
        assertFalse(channel.isActive());
    }

    @Test
    void shouldSend100ContinueWhenAskedAndTheBodyIsNotThereYet()
    {
        final String head = "POST /webhook HTTP/1.1\r\nExpect: 100-continue\r\nX-Telegram-Bot-Api-Secret-Token: " +
            SECRET + "\r\nContent-Length: " + UPDATE.length() + "\r\n\r\n";
        channel.writeInbound(Unpooled.copiedBuffer(head, StandardCharsets.US_ASCII));
        final ByteBuf interim = channel.readOutbound();
        assertEquals("HTTP/1.1 100 Continue\r\n\r\n", interim.toString(StandardCharsets.US_ASCII));
        interim.release();
        channel.writeInbound(Unpooled.copiedBuffer(UPDATE, StandardCharsets.UTF_8));
        runEngine();
        assertEquals(200, status(nextResponse()));
    }

    @Test
    void shouldHandHeaderNamesInAnyCaseAndBareLineFeeds()
    {
        final String request = "POST /webhook HTTP/1.1\nx-telegram-bot-api-secret-token:" + SECRET +
            "  \nCONTENT-LENGTH: " + UPDATE.length() + "\n\n" + UPDATE;
        channel.writeInbound(Unpooled.copiedBuffer(request, StandardCharsets.US_ASCII));
        runEngine();
        assertEquals(200, status(nextResponse()));
    }

    private void runEngine()
    {
        final long sequence = nextSequence++;
        engine.handler().onBatchStart(1, 1);
        engine.handler().onEvent(engine.slot(sequence), sequence, true);
        channel.runPendingTasks();
    }

    private int answer(final FullHttpRequest request)
    {
        channel.writeInbound(encode(request));
        return status(nextResponse());
    }

    private int rawAnswer(final String request)
    {
        channel.writeInbound(Unpooled.copiedBuffer(request, StandardCharsets.US_ASCII));
        return status(nextResponse());
    }

    /** The next answer the handler wrote, as Netty's client codec reads it. */
    private FullHttpResponse nextResponse()
    {
        ByteBuf written;
        while ((written = channel.readOutbound()) != null)
        {
            responses.writeInbound(written);
        }
        return nextDecoded();
    }

    private FullHttpResponse nextDecoded()
    {
        final FullHttpResponse response = responses.readInbound();
        assertTrue(response != null && response.decoderResult().isSuccess(), "a well-formed HTTP answer");
        return response;
    }

    private static int status(final FullHttpResponse response)
    {
        final int status = response.status().code();
        response.release();
        return status;
    }

    private static String body(final FullHttpResponse response)
    {
        final String body = response.content().toString(StandardCharsets.UTF_8);
        response.release();
        return body;
    }

    private static String update(final int updateId, final long userId)
    {
        return UPDATE.replace("\"update_id\":1", "\"update_id\":" + updateId).replace("\"id\":42", "\"id\":" + userId);
    }

    private static FullHttpRequest post(final String uri, final String secret, final String body)
    {
        final FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, uri,
            Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        request.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
        HttpUtil.setContentLength(request, request.content().readableBytes());
        if (secret != null)
        {
            request.headers().set("X-Telegram-Bot-Api-Secret-Token", secret);
        }
        return request;
    }

    /** The request's bytes as Netty's client encoder writes them. */
    private static ByteBuf encode(final FullHttpRequest request)
    {
        final EmbeddedChannel encoder = new EmbeddedChannel(new HttpRequestEncoder());
        encoder.writeOutbound(request);
        final ByteBuf bytes = Unpooled.buffer();
        ByteBuf part;
        while ((part = encoder.readOutbound()) != null)
        {
            bytes.writeBytes(part);
            part.release();
        }
        assertNull(encoder.readOutbound());
        encoder.finishAndReleaseAll();
        return bytes;
    }
}

package io.ringbot.io.outbound;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static io.ringbot.io.outbound.OutboundSystemTest.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real client against a Bot API that misbehaves on purpose ({@link HostileBotApi}): what it may send again,
 * what it holds in memory, and how it reads answers that are almost right.
 */
class HostileBotApiClientTest
{
    private static final String TOKEN = "123:hostile";
    private static final long NO_RACE = Long.MAX_VALUE;

    /** Counts the bytes the client's connections hold, and their peak, at every allocation. */
    private static final class MeasuredAllocator extends AbstractByteBufAllocator
    {
        final UnpooledByteBufAllocator delegate = new UnpooledByteBufAllocator(false, true);
        final AtomicLong peak = new AtomicLong();

        long used()
        {
            return delegate.metric().usedHeapMemory() + delegate.metric().usedDirectMemory();
        }

        protected ByteBuf newHeapBuffer(final int initialCapacity, final int maxCapacity)
        {
            return noted(delegate.heapBuffer(initialCapacity, maxCapacity));
        }

        protected ByteBuf newDirectBuffer(final int initialCapacity, final int maxCapacity)
        {
            return noted(delegate.directBuffer(initialCapacity, maxCapacity));
        }

        public boolean isDirectBufferPooled()
        {
            return false;
        }

        private ByteBuf noted(final ByteBuf buffer)
        {
            peak.accumulateAndGet(used(), Math::max);
            return buffer;
        }
    }

    private static String message(final long chat, final String text)
    {
        return "{\"chat_id\":" + chat + ",\"text\":\"" + text + "\"}";
    }

    @ParameterizedTest
    @EnumSource(value = HostileBotApi.Mode.class, names = {"ENDLESS_CHUNKED", "HUGE_NO_LENGTH", "HUGE_WITH_LENGTH"})
    void shouldHoldAtMostTheCapPerConnectionWhileAnEndlessOrHugeAnswerIsReadAndReleaseIt(final HostileBotApi.Mode mode)
        throws Exception
    {
        final int connections = 8;
        final MeasuredAllocator allocator = new MeasuredAllocator();
        try (HostileBotApi api = new HostileBotApi(TOKEN, mode);
            BotApiClient client = new BotApiClient(api.url(), TOKEN, connections, 20_000, allocator, NO_RACE))
        {
            final List<CompletableFuture<ApiAnswer>> answers = new ArrayList<>();
            for (int i = 0; i < 2 * connections; i++)
            {
                answers.add(client.call("sendMessage", message(i + 1, "big")));
            }
            for (final CompletableFuture<ApiAnswer> future : answers)
            {
                final ApiAnswer answer = future.get(30, TimeUnit.SECONDS);
                assertTrue(answer.unknownOutcome(), answer.toString());
                assertEquals(AnswerKind.TOO_LARGE, answer.kind(), answer.toString());
            }
            // a cap per connection, plus what the reads in flight and the codec hold
            final long bound = connections * (BotApiClient.ANSWER_MAX_BYTES + 512L * 1024);
            assertTrue(allocator.peak.get() <= bound, "held at most " + bound + " bytes, held " + allocator.peak.get());
            assertTrue(allocator.peak.get() >= (mode == HostileBotApi.Mode.HUGE_WITH_LENGTH ? 1 : BotApiClient.ANSWER_MAX_BYTES),
                "the measure sees the client's buffers (an answer is read up to the cap unless its length says more): " +
                allocator.peak.get());
            await(() -> allocator.used() == 0, "every buffer released, " + allocator.used() + " bytes held");
            for (int i = 0; i < 2 * connections; i++)
            {
                assertEquals(1, api.requests(i + 1), "sent once (it may have been acted on)");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = HostileBotApi.Mode.class, names = {"GARBAGE_STATUS", "ENDLESS_HEADERS", "ENDLESS_CONTINUE", "RESET_REUSED",
        "CLOSE_REUSED", "SILENT", "OK_WITH_500"})
    void shouldCallASentCallWithoutAWellFormedAnswerAnUnknownOutcomeAndNeverSendItAgain(final HostileBotApi.Mode mode)
        throws Exception
    {
        try (HostileBotApi api = new HostileBotApi(TOKEN, mode);
            BotApiClient client = new BotApiClient(api.url(), TOKEN, 1, 3_000))
        {
            // a first call opens the connection (answered normally where a mode only breaks reused connections)
            client.call("sendMessage", message(1, "first")).get(10, TimeUnit.SECONDS);
            final ApiAnswer answer = client.call("sendMessage", message(2, "second")).get(10, TimeUnit.SECONDS);
            assertTrue(answer.unknownOutcome(), answer.toString());
            assertEquals(ApiAnswer.UNKNOWN_OUTCOME, answer.errorCode());
            assertEquals(1, api.requests(2), "never sent again: the server may have acted on it");
        }
    }

    @Test
    void shouldSendOnceMoreOnANewConnectionAfterTheIdleCloseRaceOnly() throws Exception
    {
        try (HostileBotApi api = new HostileBotApi(TOKEN, HostileBotApi.Mode.IDLE_CLOSE_RACE);
            BotApiClient client = new BotApiClient(api.url(), TOKEN, 1, 5_000, new UnpooledByteBufAllocator(false),
                TimeUnit.MILLISECONDS.toNanos(200)))
        {
            assertTrue(client.call("sendMessage", message(1, "a")).get(10, TimeUnit.SECONDS).ok());
            Thread.sleep(300); // the connection sits idle past the server's (pretended) idle time-out
            final ApiAnswer second = client.call("sendMessage", message(2, "b")).get(10, TimeUnit.SECONDS);
            assertTrue(second.ok(), "closed unread, sent again on a new connection: " + second);
            assertEquals(1, api.acted("b").get(2L), "acted on once");
            assertEquals(2, api.connections());
        }
        // the same orderly close on a connection reused at once: the server had the request, no race
        try (HostileBotApi api = new HostileBotApi(TOKEN, HostileBotApi.Mode.CLOSE_REUSED);
            BotApiClient client = new BotApiClient(api.url(), TOKEN, 1, 5_000, new UnpooledByteBufAllocator(false),
                TimeUnit.MILLISECONDS.toNanos(200)))
        {
            final CompletableFuture<ApiAnswer> first = client.call("sendMessage", message(1, "a"));
            final CompletableFuture<ApiAnswer> second = client.call("sendMessage", message(2, "b")); // waits for it
            assertTrue(first.get(10, TimeUnit.SECONDS).ok());
            assertTrue(second.get(10, TimeUnit.SECONDS).unknownOutcome());
            assertEquals(1, api.requests(2));
        }
    }

    @Test
    void shouldNeverTakeAStrayAnswerForTheNextCallsAnswer() throws Exception
    {
        try (HostileBotApi api = new HostileBotApi(TOKEN, HostileBotApi.Mode.DOUBLE_ANSWER);
            BotApiClient client = new BotApiClient(api.url(), TOKEN, 1, 5_000))
        {
            for (int round = 0; round < 5; round++)
            {
                final CompletableFuture<ApiAnswer> a = client.call("sendMessage", message(10 + round, "a"));
                final CompletableFuture<ApiAnswer> b = client.call("sendMessage", message(20 + round, "b"));
                final ApiAnswer answerA = a.get(10, TimeUnit.SECONDS);
                final ApiAnswer answerB = b.get(10, TimeUnit.SECONDS);
                assertTrue(answerA.resultJson().contains("\"id\":" + (10 + round)), answerA.resultJson());
                assertTrue(answerB.resultJson().contains("\"id\":" + (20 + round)),
                    "b's answer is b's, not a's second one: " + answerB.resultJson());
                assertEquals(1, api.requests(20 + round));
            }
        }
    }

    @Test
    void shouldReadWhatMattersInAnswersThatAreAlmostRight() throws Exception
    {
        try (HostileBotApi api = new HostileBotApi(TOKEN, HostileBotApi.Mode.BAD_UTF8_OK);
            BotApiClient client = new BotApiClient(api.url(), TOKEN, 1, 5_000))
        {
            final ApiAnswer ok = client.call("sendMessage", message(1, "x")).get(10, TimeUnit.SECONDS);
            assertTrue(ok.ok(), "a stray byte in the description does not undo a sent message: " + ok);
            assertTrue(ok.messageId() > 0);
            assertTrue(ok.has(AnswerAnomaly.ILL_FORMED_UTF8));

            api.mode(HostileBotApi.Mode.HUGE_ERROR_CODE);
            final ApiAnswer chatNotFound = client.call("sendMessage", message(1, "x")).get(10, TimeUnit.SECONDS);
            assertEquals(400, chatNotFound.errorCode(), "the HTTP status stands for a 12-digit error_code");
            assertEquals("Bad Request: chat not found", chatNotFound.description());
            assertEquals(AnswerKind.API_ERROR, chatNotFound.kind());
            assertTrue(chatNotFound.has(AnswerAnomaly.ERROR_CODE_UNREADABLE));

            api.mode(HostileBotApi.Mode.REDIRECT);
            final ApiAnswer redirect = client.call("sendMessage", message(1, "x")).get(10, TimeUnit.SECONDS);
            assertEquals(AnswerKind.REDIRECT, redirect.kind());
            assertEquals(301, redirect.errorCode());
            assertTrue(redirect.description().contains("https://elsewhere.example/bot<BOT_TOKEN>/sendMessage"),
                redirect.description());
            assertFalse(redirect.description().contains(TOKEN), "the token is never in a description");

            api.mode(HostileBotApi.Mode.RETRY_AFTER_HUGE);
            final ApiAnswer huge = client.call("sendMessage", message(1, "x")).get(10, TimeUnit.SECONDS);
            assertEquals(Integer.MAX_VALUE, huge.retryAfterSeconds());

            api.mode(HostileBotApi.Mode.RETRY_AFTER_UNREADABLE);
            final ApiAnswer soon = client.call("sendMessage", message(1, "x")).get(10, TimeUnit.SECONDS);
            assertEquals(429, soon.errorCode());
            assertEquals(ApiAnswer.RETRY_AFTER_UNREADABLE, soon.retryAfterSeconds());
            assertTrue(soon.has(AnswerAnomaly.RETRY_AFTER_UNREADABLE));

            api.mode(HostileBotApi.Mode.PROXY_502_HTML);
            final ApiAnswer proxy = client.call("sendMessage", message(1, "x")).get(10, TimeUnit.SECONDS);
            assertEquals(AnswerKind.SERVER_ERROR, proxy.kind(), "a proxy's 5xx page is a 5xx: " + proxy);
            assertEquals(1, api.acted("x").get(1L), "only the first call was acted on");
        }
    }
}

package io.ringbot.engine.outbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringbot.engine.EngineHarness;
import io.ringbot.engine.Engine;
import io.ringbot.engine.EngineContext;
import io.ringbot.bot.Bot;
import io.ringbot.engine.reference.ReferenceBot;
import io.ringbot.store.StateStore;
import io.ringbot.store.StoreContext;
import io.ringbot.engine.ring.UpdateEvent;
import io.ringbot.store.status.CountersFile;
import io.ringbot.store.status.RingbotCounter;
import org.agrona.concurrent.status.AtomicCounter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutboundProxyTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private CountersFile counters;
    private AtomicCounter accepted;
    private AtomicCounter rejected;
    private OutboundRing ring;
    private final OutboundProxy calls = new OutboundProxy();
    private AtomicCounter dropped;
    private StateStore store;

    @BeforeEach
    void setUp()
    {
        counters = CountersFile.create(dir);
        accepted = counters.counter(RingbotCounter.OUTBOUND_ACCEPTED);
        rejected = counters.counter(RingbotCounter.OUTBOUND_REJECTED);
        dropped = counters.counter(RingbotCounter.OUTBOUND_DROPPED);
        ring = new OutboundRing(dir, 4096, accepted, rejected, dropped);
        calls.ring(ring);
    }

    @AfterEach
    void tearDown()
    {
        if (store != null)
        {
            store.close();
        }
        ring.close();
        counters.close();
    }

    /** An engine over a store of its own, with this test's counters and queue. */
    private Engine engine(final Bot bot)
    {
        store = StateStore.open(new StoreContext().dataDir(dir.resolve("store")).usersCapacity(100)
            .chatsCapacity(100).userSchema(ReferenceBot.USERS).chatSchema(ReferenceBot.CHATS));
        return new Engine(new EngineContext().store(store).countersFile(counters).bot(bot)
            .outbound(ring).ringSize(16).tickMillis(0));
    }

    @Test
    void shouldEncodeEachMethodAsTheBotApiExpectsIt() throws Exception
    {
        calls.sendMessage(-100).text("a \"quoted\" <b>line</b>\n✓").parseMode("HTML").replyTo(17).button("👍", "like")
            .row().button("no", "n").field("message_thread_id", 5).paidBroadcast(true);
        JsonNode body = encoded();
        assertEquals("sendMessage", body.get("method").asText());
        assertEquals(-100, body.get("chat_id").asLong());
        assertEquals("a \"quoted\" <b>line</b>\n✓", body.get("text").asText());
        assertEquals("HTML", body.get("parse_mode").asText());
        assertEquals(17, body.get("reply_parameters").get("message_id").asLong());
        assertEquals("like", body.get("reply_markup").get("inline_keyboard").get(0).get(0).get("callback_data").asText());
        assertEquals("n", body.get("reply_markup").get("inline_keyboard").get(1).get(0).get("callback_data").asText());
        assertEquals(5, body.get("message_thread_id").asLong());
        assertTrue(body.get("allow_paid_broadcast").asBoolean());

        calls.editMessageText(42, 7).text("edited");
        body = encoded();
        assertEquals("editMessageText", body.get("method").asText());
        assertEquals(7, body.get("message_id").asLong());

        calls.answerCallbackQuery("q1").text("done").showAlert(true);
        body = encoded();
        assertEquals("q1", body.get("callback_query_id").asText());
        assertTrue(body.get("show_alert").asBoolean());

        calls.deleteMessage(42, 9);
        body = encoded();
        assertEquals("deleteMessage", body.get("method").asText());
        assertEquals(9, body.get("message_id").asLong());

        calls.sendPhoto(42, "https://example.com/a.png").text("caption");
        body = encoded();
        assertEquals("https://example.com/a.png", body.get("photo").asText());
        assertEquals("caption", body.get("caption").asText());

        calls.sendDocument(42, "BQACAgIAAxkBAAI");
        body = encoded();
        assertEquals("BQACAgIAAxkBAAI", body.get("document").asText());
        assertFalse(body.has("caption"));

        calls.sendChatAction(42, "typing");
        body = encoded();
        assertEquals("typing", body.get("action").asText());

        calls.call("setMessageReaction", 42).field("chat_id", 42).field("message_id", 3)
            .jsonField("reaction", "[{\"type\":\"emoji\",\"emoji\":\"\\ud83d\\udc4d\"}]").field("is_big", false);
        body = encoded();
        assertEquals("setMessageReaction", body.get("method").asText());
        assertEquals("👍", body.get("reaction").get(0).get("emoji").asText());
        assertFalse(body.get("is_big").asBoolean());
    }

    @Test
    void shouldCarryAnyTextAsTheWebhookReplyWouldAndCutItToTelegramsLimit() throws Exception
    {
        calls.sendMessage(7).text("a\uD800b é 👍 \"q\"").button("ключ", "d".repeat(100));
        JsonNode body = encoded();
        assertEquals("a\uFFFDb é 👍 \"q\"", body.get("text").asText(), "a lone surrogate becomes U+FFFD");
        assertEquals("ключ", body.get("reply_markup").get("inline_keyboard").get(0).get(0).get("text").asText());
        assertEquals(64, body.get("reply_markup").get("inline_keyboard").get(0).get(0).get("callback_data").asText().length());

        ring.close();
        ring = new OutboundRing(java.nio.file.Files.createDirectories(dir.resolve("large")), 1 << 17, accepted, rejected,
            dropped);
        calls.ring(ring);
        calls.sendMessage(7).text("x".repeat(4095) + "👍" + "y".repeat(100));
        body = encoded();
        assertEquals("x".repeat(4095), body.get("text").asText(), "cut at 4096 UTF-16 units, never inside a pair");

        calls.sendPhoto(7, "AgAD").text("c".repeat(1023) + "👍" + "d");
        body = encoded();
        assertEquals("c".repeat(1023), body.get("caption").asText(), "a caption is cut at 1024, never inside a pair");

        calls.answerCallbackQuery("q").text("z".repeat(300));
        body = encoded();
        assertEquals(200, body.get("text").asText().length());
    }

    @Test
    void shouldWriteAnyTextInAFieldOrABroadcastAsValidJson() throws Exception
    {
        // DSL-JSON throws on a lone surrogate: the handler would fail on a text it had every right to build
        calls.call("sendPoll", 7).field("question", "a\uDC00b \uD83D\uDC4D").field("chat_id", 7)
            .jsonField("options", "[{\"text\":\"ключ \uD83D\uDC4D\"},{\"text\":\"\uD800\"}]");
        final JsonNode body = encoded();
        assertEquals("a\uFFFDb \uD83D\uDC4D", body.get("question").asText());
        assertEquals("ключ \uD83D\uDC4D", body.get("options").get(0).get("text").asText(), "non-ASCII JSON, escaped");
        assertEquals("\uFFFD", body.get("options").get(1).get("text").asText());

        assertTrue(calls.broadcast(1, "x\uD800"));
        calls.commitUpdate();
        final List<String> texts = new ArrayList<>();
        ring.ring().read((type, buffer, index, length) ->
        {
            assertEquals(OutboundDescriptor.BROADCAST_TYPE, type);
            final int methodLength = buffer.getInt(index + OutboundDescriptor.METHOD_LENGTH_OFFSET);
            final int at = index + OutboundDescriptor.METHOD_OFFSET + methodLength;
            texts.add(buffer.getStringWithoutLengthUtf8(at, length - OutboundDescriptor.METHOD_OFFSET - methodLength));
        });
        assertEquals(List.of("\"x\uFFFD\""), texts, "the broadcast's text, a JSON string");
    }

    @Test
    void shouldSendAMessageWithoutTextAsItIsForTelegramToRefuse() throws Exception
    {
        calls.sendMessage(7).parseMode("HTML");
        final JsonNode body = encoded();
        assertEquals("sendMessage", body.get("method").asText());
        assertEquals(7, body.get("chat_id").asLong());
        assertEquals("", body.get("text").asText());
        assertEquals("HTML", body.get("parse_mode").asText());
    }

    @Test
    void shouldRefuseAGenericMethodNameOverItsLimit()
    {
        assertFalse(calls.call("m".repeat(OutboundDescriptor.MAX_METHOD_LENGTH + 1), 1).send(1));
        assertEquals(1, rejected.get());
        assertTrue(calls.call("m".repeat(OutboundDescriptor.MAX_METHOD_LENGTH), 1).send(2));
    }

    @Test
    void shouldRefuseAtOnceWhenTheQueueIsFullAndCountIt()
    {
        int sent = 0;
        while (calls.sendMessage(1).text("x".repeat(200)).send(sent))
        {
            calls.commitUpdate();
            sent++;
        }
        assertTrue(sent > 5 && sent < 4096 / 200, "sent " + sent);
        assertEquals(sent, accepted.get());
        assertEquals(1, rejected.get());
        assertFalse(calls.sendMessage(1).text("x".repeat(5000)).send(0), "larger than the queue allows");
        assertEquals(2, rejected.get());
    }

    @Test
    void shouldKeepAcceptedCallsInTheFileAcrossAReopen()
    {
        assertTrue(calls.sendMessage(1).text("kept").send(11));
        calls.commitUpdate();
        final long tail = ring.ring().producerPosition();
        ring.close();
        ring = new OutboundRing(dir, 4096, accepted, rejected, null);
        assertEquals(tail, ring.ring().producerPosition());
        final List<String> read = new ArrayList<>();
        ring.ring().read((type, buffer, index, length) ->
        {
            assertEquals(OutboundDescriptor.FIELDS_TYPE, type);
            assertEquals(11, buffer.getLong(index + OutboundDescriptor.CORRELATION_OFFSET));
            read.add(new OutboundCallEncoder().methodName(buffer, index));
        });
        assertEquals(List.of("sendMessage"), read);
    }

    @Test
    void shouldDropTheUncommittedCallsOfAnUpdateACrashInterruptedAndLetLaterCallsFlow()
    {
        assertTrue(calls.sendMessage(1).text("before").send(10));
        calls.commitUpdate();
        // the "crash": an update queued two calls and died before the engine committed it
        assertTrue(calls.sendMessage(1).text("lost").send(11));
        assertTrue(calls.sendMessage(2).text("lost too").button("b", "b").send(12));
        ring.close();
        ring = new OutboundRing(dir, 4096, accepted, rejected, dropped);
        calls.ring(ring);
        assertEquals(2, ring.droppedAtOpen());
        assertEquals(2, dropped.get());
        assertTrue(calls.sendMessage(1).text("after").send(13));
        calls.commitUpdate();
        assertEquals(List.of(10L, 13L), correlations(), "the interrupted update's calls are skipped, later ones read");
        assertEquals(2, accepted.get());
    }

    @Test
    void shouldKeepAnUpdatesCallsInvisibleUntilItIsCommitted()
    {
        assertTrue(calls.sendMessage(1).text("one").send(1));
        assertTrue(calls.deleteMessage(1, 5).send(2));
        assertEquals(List.of(), correlations(), "claimed, not yet published");
        assertEquals(0, accepted.get());
        calls.commitUpdate();
        assertEquals(List.of(1L, 2L), correlations());
        assertEquals(2, accepted.get());
    }

    @Test
    void shouldDropTheCallsOfAnAbortedUpdate()
    {
        assertTrue(calls.sendMessage(1).text("one").send(1));
        assertTrue(calls.broadcast(1, "to all"));
        calls.abortUpdate();
        calls.commitUpdate();
        assertEquals(List.of(), correlations());
        assertEquals(2, dropped.get());
        assertTrue(calls.sendMessage(1).text("next").send(3));
        calls.commitUpdate();
        assertEquals(List.of(3L), correlations());
    }

    @Test
    void shouldPublishTheCallsOfManyUpdatesAcrossTheRingsWrap()
    {
        final List<Long> read = new ArrayList<>();
        for (int update = 0; update < 200; update++)
        {
            assertTrue(calls.sendMessage(1).text("a".repeat(update % 50)).send(2L * update));
            assertTrue(calls.sendMessage(2).text("b").send(2L * update + 1));
            calls.commitUpdate();
            read.addAll(correlations());
        }
        assertEquals(400, read.size());
        for (int i = 0; i < read.size(); i++)
        {
            assertEquals(i, read.get(i));
        }
    }

    @Test
    void shouldSendNothingOfAHandlerThatThrowsAfterQueuingACall()
    {
        final Bot bot = new Bot()
            .command("fail", ctx ->
            {
                ctx.outbound().sendMessage(ctx.update().chatId()).text("never").send(1);
                throw new IllegalStateException("after the call");
            })
            .command("ok", ctx -> ctx.outbound().sendMessage(ctx.update().chatId()).text("sent").send(2));
        final Engine engine = engine(bot);
        final UpdateEvent event = new UpdateEvent();
        deliver(engine, event, EngineHarness.text(1, 5, "/fail"), 0);
        assertEquals(List.of(), correlations(), "the failed handler's call is dropped");
        assertEquals(1, dropped.get());
        assertEquals(1, counters.counter(RingbotCounter.ENGINE_HANDLER_ERRORS).get());
        deliver(engine, event, EngineHarness.text(2, 5, "/ok"), 1);
        assertEquals(List.of(2L), correlations());
    }

    @Test
    void shouldPublishTheCallsOfAResultHandlerWhenItReturnsAndDropThemWhenItThrows()
    {
        final Bot bot = new Bot().onSendResult((ctx, result) ->
        {
            ctx.outbound().sendMessage(result.chatId()).text("follow-up").send(result.correlation() + 100);
            if (result.correlation() == 2)
            {
                throw new IllegalStateException("after the call");
            }
        });
        final Engine engine = engine(bot);
        final UpdateEvent event = new UpdateEvent();
        for (long correlation = 1; correlation <= 3; correlation++)
        {
            event.clear();
            final byte[] slot = event.bodyBufferFor(SendResultDecoder.MAX_LENGTH);
            event.bodyBufferFor(new SendResultEncoder().wrap(slot).correlation(correlation).chatId(5).originUserId(5)
                .messageId(77).errorCode(0).flags(0).method("sendMessage").description(null).encodedLength());
            event.type(UpdateEvent.SEND_RESULT);
            engine.handler().onEvent(event, correlation, true);
        }
        assertEquals(List.of(101L, 103L), correlations(), "the failed handler's call is dropped, the others sent");
        assertEquals(1, dropped.get());
    }

    private static void deliver(final Engine engine, final UpdateEvent event, final String json, final long sequence)
    {
        final byte[] body = json.getBytes(StandardCharsets.UTF_8);
        event.clear();
        System.arraycopy(body, 0, event.bodyBufferFor(body.length), 0, body.length);
        event.type(UpdateEvent.UPDATE);
        engine.handler().onEvent(event, sequence, true);
    }

    private List<Long> correlations()
    {
        final List<Long> read = new ArrayList<>();
        ring.ring().read((type, buffer, index, length) ->
            read.add(buffer.getLong(index + OutboundDescriptor.CORRELATION_OFFSET)));
        return read;
    }

    @Test
    void shouldRoundTripASendResultWithoutCuttingACharacter()
    {
        final byte[] body = new byte[SendResultDecoder.MAX_LENGTH];
        final String description = "Bad Request: " + "é".repeat(400);
        final int length = new SendResultEncoder().wrap(body).correlation(9).chatId(-100).originUserId(42)
            .messageId(77).errorCode(400).flags(SendResultDecoder.FLAG_BLOCKED).method("sendMessage")
            .description(description).encodedLength();
        final SendResultDecoder result = new SendResultDecoder().wrap(body, length);
        assertEquals(9, result.correlation());
        assertEquals(-100, result.chatId());
        assertEquals(42, result.originUserId());
        assertEquals(77, result.messageId());
        assertEquals(400, result.errorCode());
        assertFalse(result.ok());
        assertTrue(result.blocked());
        assertEquals("sendMessage", result.method().toString());
        assertTrue(description.startsWith(result.description().toString()));
        // 13 ASCII bytes, then two-byte characters: 512 would cut one in two, so 511
        assertEquals(SendResultDecoder.MAX_DESCRIPTION_BYTES - 1, result.description().toString().getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void shouldMarkABlockedUserAndClearTheMarkWhenTheyWriteAgain()
    {
        final List<String> seen = new ArrayList<>();
        final Bot bot = new Bot().text(ctx -> ctx.sendMessage().text("ok"))
            .onSendResult((ctx, result) -> seen.add(result.correlation() + " " + result.errorCode()));
        try (EngineHarness harness = new EngineHarness(dir.resolve("engine"), 1000, bot))
        {
            harness.send(EngineHarness.text(1, 5, "hi"));
            assertEquals(0, flags(harness, 5));
            deliverBlocked(harness);
            assertTrue(BlockedFlag.isSet(flags(harness, 5)));
            assertEquals(List.of("3 403"), seen);
            harness.send(EngineHarness.text(2, 5, "back"));
            assertFalse(BlockedFlag.isSet(flags(harness, 5)));
        }
    }

    /** As RingSendResults publishes a result: written into the slot's body by a SendResultEncoder. */
    private static void deliverBlocked(final EngineHarness harness)
    {
        final UpdateEvent event = new UpdateEvent();
        final byte[] slot = event.bodyBufferFor(SendResultDecoder.MAX_LENGTH);
        event.bodyBufferFor(new SendResultEncoder().wrap(slot).correlation(3).chatId(5).originUserId(5).messageId(0)
            .errorCode(403).flags(SendResultDecoder.FLAG_BLOCKED).method("sendMessage")
            .description("Forbidden: bot was blocked by the user").encodedLength());
        event.type(UpdateEvent.SEND_RESULT);
        harness.engine().handler().onEvent(event, 1_000, true);
    }

    private static long flags(final EngineHarness harness, final long userId)
    {
        return harness.store().users().find(userId).flags();
    }

    /** Queues the call being built, commits it, and encodes it as the sender does. */
    private JsonNode encoded() throws Exception
    {
        assertTrue(calls.call().send(0));
        calls.commitUpdate();
        final OutboundCallEncoder encoder = new OutboundCallEncoder();
        final byte[][] body = new byte[1][];
        assertEquals(1, ring.ring().read((type, buffer, index, length) ->
        {
            final int size = encoder.encode(buffer, index);
            body[0] = java.util.Arrays.copyOf(encoder.buffer(), size);
        }));
        return JSON.readTree(body[0]);
    }
}

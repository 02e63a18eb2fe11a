package io.ringbot.engine.outbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringbot.engine.EngineHarness;
import io.ringbot.bot.Bot;
import io.ringbot.engine.ring.UpdateEvent;
import io.ringbot.store.status.CountersFile;
import io.ringbot.store.status.RingbotCounter;
import org.agrona.concurrent.UnsafeBuffer;
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

class OutboundCallsTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private CountersFile counters;
    private AtomicCounter accepted;
    private AtomicCounter rejected;
    private OutboundRing ring;
    private final OutboundCalls calls = new OutboundCalls();

    @BeforeEach
    void setUp()
    {
        counters = CountersFile.create(dir);
        accepted = counters.counter(RingbotCounter.OUTBOUND_ACCEPTED);
        rejected = counters.counter(RingbotCounter.OUTBOUND_REJECTED);
        ring = new OutboundRing(dir, 4096, accepted, rejected);
        calls.ring(ring);
    }

    @AfterEach
    void tearDown()
    {
        ring.close();
        counters.close();
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
    void shouldRefuseAtOnceWhenTheQueueIsFullAndCountIt()
    {
        int sent = 0;
        while (calls.sendMessage(1).text("x".repeat(200)).send(sent))
        {
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
        final long tail = ring.ring().producerPosition();
        ring.close();
        ring = new OutboundRing(dir, 4096, accepted, rejected);
        assertEquals(tail, ring.ring().producerPosition());
        final List<String> read = new ArrayList<>();
        ring.ring().read((type, buffer, index, length) ->
        {
            assertEquals(OutboundDescriptor.CALL_TYPE, type);
            assertEquals(11, buffer.getLong(index + OutboundDescriptor.CORRELATION_OFFSET));
            read.add(buffer.getStringWithoutLengthAscii(index + OutboundDescriptor.METHOD_OFFSET,
                buffer.getInt(index + OutboundDescriptor.METHOD_LENGTH_OFFSET)));
        });
        assertEquals(List.of("sendMessage"), read);
    }

    @Test
    void shouldSkipACallWhoseWriteACrashInterrupted()
    {
        final int claimed = ring.ring().tryClaim(OutboundDescriptor.CALL_TYPE, 64); // never committed: the "crash"
        assertTrue(claimed > 0);
        ring.close();
        ring = new OutboundRing(dir, 4096, accepted, rejected);
        calls.ring(ring);
        assertTrue(calls.sendMessage(1).text("after").send(12));
        final List<Long> read = new ArrayList<>();
        ring.ring().read((type, buffer, index, length) ->
            read.add(buffer.getLong(index + OutboundDescriptor.CORRELATION_OFFSET)));
        assertEquals(List.of(12L), read, "the interrupted write is skipped, the next call read");
    }

    @Test
    void shouldRoundTripASendResultWithoutCuttingACharacter()
    {
        final byte[] body = new byte[SendResult.MAX_LENGTH];
        final String description = "Bad Request: " + "é".repeat(400);
        final int length = SendResult.encode(body, 9, -100, 42, 77, 400, SendResult.FLAG_BLOCKED, "sendMessage", description);
        final SendResult result = new SendResult().wrap(body, length);
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
        assertEquals(SendResult.MAX_DESCRIPTION_BYTES - 1, result.description().toString().getBytes(StandardCharsets.UTF_8).length);
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

    /** As RingSendResults publishes a result: encoded into the slot's body. */
    private static void deliverBlocked(final EngineHarness harness)
    {
        final UpdateEvent event = new UpdateEvent();
        final byte[] slot = event.bodyBufferFor(SendResult.MAX_LENGTH);
        event.bodyBufferFor(SendResult.encode(slot, 3, 5, 5, 0, 403, SendResult.FLAG_BLOCKED, "sendMessage",
            "Forbidden: bot was blocked by the user"));
        event.type(UpdateEvent.SEND_RESULT);
        harness.engine().handler().onEvent(event, 1_000, true);
    }

    private static long flags(final EngineHarness harness, final long userId)
    {
        return harness.store().users().find(userId).flags();
    }

    private JsonNode encoded() throws Exception
    {
        final int length = calls.encode(calls.call());
        return JSON.readTree(new UnsafeBuffer(calls.buffer(), 0, length).byteArray(), 0, length);
    }
}

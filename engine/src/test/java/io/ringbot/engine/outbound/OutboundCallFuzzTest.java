package io.ringbot.engine.outbound;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringbot.bot.OutboundCall;
import io.ringbot.bot.OutboundMethod;
import io.ringbot.bot.Reply;
import io.ringbot.bot.Update;
import io.ringbot.store.status.CountersFile;
import io.ringbot.store.status.RingbotCounter;
import org.agrona.IoUtil;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.status.AtomicCounter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.ringbot.engine.FuzzChars.chars;
import static io.ringbot.engine.FuzzChars.sent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzzes the queue's FIELDS layout both ways, as hand-written protocol code: any call a handler could build
 * through {@code ctx.outbound()} (any method, texts of any UTF-16 with lone surrogates, long texts, up to 100
 * buttons, extra fields) is written into the queue on the engine's side ({@link OutboundCallBuilder}) and
 * read back on the sender's ({@link OutboundCallEncoder}). For every input: writing never throws and either
 * accepts the call or refuses it (counted); reading never throws; the body is one well-formed UTF-8 JSON
 * object naming the method and the chat; texts arrive as written, cut to their limits, a lone surrogate as
 * U+FFFD. Regression inputs in {@code OutboundCallFuzzTestInputs/<method>/}; {@code JAZZER_FUZZ=1} fuzzes.
 */
class OutboundCallFuzzTest
{
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final OutboundMethod[] METHODS = OutboundMethod.values();
    private static Path dir;
    private static CountersFile counters;
    private static AtomicCounter rejected;
    private static OutboundRing ring;

    private final OutboundProxy calls = new OutboundProxy();
    private final OutboundCallEncoder encoder = new OutboundCallEncoder();
    private final StringBuilder subject = new StringBuilder();
    private final StringBuilder text = new StringBuilder();
    private final StringBuilder name = new StringBuilder();
    private final StringBuilder value = new StringBuilder();

    @BeforeAll
    static void open() throws IOException
    {
        dir = Files.createTempDirectory("ringbot-outbound-fuzz");
        counters = CountersFile.create(dir);
        rejected = counters.counter(RingbotCounter.OUTBOUND_REJECTED);
        ring = OutboundRing.open(dir, 1 << 20, counters);
    }

    @AfterAll
    static void close()
    {
        ring.close();
        counters.close();
        IoUtil.delete(dir.toFile(), false);
    }

    @FuzzTest(maxDuration = "5m")
    void shouldCarryAnyCallThroughTheQueueAsValidJson(final FuzzedDataProvider data) throws Exception
    {
        calls.ring(ring);
        final OutboundMethod method = METHODS[data.consumeInt(0, METHODS.length - 1)];
        final long chatId = data.consumeLong();
        final long messageId = data.consumeLong();
        final long correlation = data.consumeLong();
        chars(data, subject, 3_000);
        final OutboundCall call = begin(method, chatId, messageId, chars(data, name, 80));
        call.text(chars(data, text, data.consumeBoolean() ? 5_000 : 50));
        if (data.consumeBoolean())
        {
            call.parseMode(chars(data, new StringBuilder(), 20));
        }
        if (data.consumeBoolean())
        {
            call.replyTo(data.consumeLong());
        }
        final int buttons = data.consumeInt(0, Reply.MAX_BUTTONS);
        for (int i = 0; i < buttons && data.remainingBytes() > 0; i++)
        {
            call.button(chars(data, new StringBuilder(), 300), chars(data, new StringBuilder(), 80));
            if (data.consumeBoolean())
            {
                call.row();
            }
        }
        final boolean withField = data.consumeBoolean();
        if (withField)
        {
            call.field("f", chars(data, value, 100));
            call.jsonField("j", "[" + JSON.writeValueAsString(value.toString()) + "]");
        }
        final long refusedBefore = rejected.get();
        final boolean accepted = call.send(correlation);
        calls.commitUpdate();
        if (method == OutboundMethod.GENERIC && name.length() > OutboundDescriptor.MAX_METHOD_LENGTH)
        {
            assertFalse(accepted, "a method name over its limit is refused");
        }
        if (!accepted)
        {
            assertEquals(refusedBefore + 1, rejected.get(), "a refused call is counted");
            return;
        }
        final JsonNode body = readBack(correlation, method == OutboundMethod.ANSWER_CALLBACK_QUERY ? 0 : chatId);
        final String expectedName = method == OutboundMethod.GENERIC ? sent(name, name.length()) : method.apiName();
        assertEquals(expectedName, body.get("method").asText());
        switch (method)
        {
            case SEND_MESSAGE:
            case EDIT_MESSAGE_TEXT:
                assertEquals(chatId, body.get("chat_id").asLong());
                // with a text, a chat (and the message to edit) it is the webhook reply's encoding; else sent as it
                // is, without the text, for Telegram to refuse
                if (!sent(text, Reply.MAX_TEXT_CHARS).isEmpty() && chatId != 0 && chatId != Update.NONE &&
                    (method == OutboundMethod.SEND_MESSAGE || messageId != Update.NONE))
                {
                    assertEquals(sent(text, Reply.MAX_TEXT_CHARS), body.get("text").asText());
                }
                break;
            case SEND_PHOTO:
            case SEND_DOCUMENT:
                assertEquals(chatId, body.get("chat_id").asLong());
                assertEquals(sent(subject, OutboundCallBuilder.MAX_SUBJECT_CHARS),
                    body.get(method == OutboundMethod.SEND_PHOTO ? "photo" : "document").asText());
                assertEquals(sent(text, OutboundCall.MAX_CAPTION_CHARS), body.path("caption").asText());
                break;
            case SEND_CHAT_ACTION:
                assertEquals(sent(subject, OutboundCallBuilder.MAX_SUBJECT_CHARS), body.get("action").asText());
                break;
            case DELETE_MESSAGE:
                assertEquals(messageId, body.get("message_id").asLong());
                break;
            default:
                break;
        }
        if (withField)
        {
            assertEquals(sent(value, value.length()), body.get("f").asText());
            assertEquals(sent(value, value.length()), body.get("j").get(0).asText());
        }
    }

    private OutboundCall begin(final OutboundMethod method, final long chatId, final long messageId,
        final CharSequence genericName)
    {
        switch (method)
        {
            case SEND_MESSAGE:
                return calls.sendMessage(chatId);
            case EDIT_MESSAGE_TEXT:
                return calls.editMessageText(chatId, messageId);
            case ANSWER_CALLBACK_QUERY:
                return calls.answerCallbackQuery(subject);
            case DELETE_MESSAGE:
                return calls.deleteMessage(chatId, messageId);
            case SEND_PHOTO:
                return calls.sendPhoto(chatId, subject);
            case SEND_DOCUMENT:
                return calls.sendDocument(chatId, subject);
            case SEND_CHAT_ACTION:
                return calls.sendChatAction(chatId, subject);
            default:
                return calls.call(genericName, chatId);
        }
    }

    /** Reads the one call in the queue as the sender does: its header, then its JSON body. */
    private JsonNode readBack(final long correlation, final long targetChat) throws Exception
    {
        final byte[][] body = new byte[1][];
        final MessageHandler reader = (type, buffer, index, length) ->
        {
            assertEquals(OutboundDescriptor.FIELDS_TYPE, type);
            assertEquals(correlation, buffer.getLong(index + OutboundDescriptor.CORRELATION_OFFSET));
            assertEquals(targetChat, buffer.getLong(index + OutboundDescriptor.CHAT_ID_OFFSET), "the target chat");
            encoder.methodName(buffer, index);
            final int size = encoder.encode(buffer, index);
            body[0] = java.util.Arrays.copyOf(encoder.buffer(), size);
        };
        // where the ring wraps, a first read takes only the padding before the end
        assertEquals(1, ring.ring().read(reader) + (body[0] == null ? ring.ring().read(reader) : 0));
        StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(body[0])); // throws on ill-formed UTF-8
        final JsonNode json = JSON.readTree(body[0]);
        assertTrue(json.isObject(), "one JSON object");
        return json;
    }
}

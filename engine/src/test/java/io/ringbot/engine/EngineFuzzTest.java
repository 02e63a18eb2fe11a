package io.ringbot.engine;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringbot.bot.Reply;
import io.ringbot.engine.decode.DecodedUpdate;
import io.ringbot.engine.decode.UpdateDecoder;
import io.ringbot.engine.ring.UpdateEvent;
import io.ringbot.store.record.Record;
import io.ringbot.store.status.RingbotCounter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Coverage-guided fuzzing of the whole engine path (decode, de-dup, route, the reference bot with its
 * admin commands, record changes in a real store, reply encoding) with Jazzer. Invariants for any body:
 * nothing escapes the handler (no error recorded), each body is answered exactly once with 200, 400 or
 * 503, every reply is valid JSON within Telegram's limits, and a redelivery of the same bytes changes
 * nothing (so no state changed without the update being marked applied). Regression mode (every
 * {@code mvn verify}) runs the committed inputs in {@code EngineFuzzTestInputs/<method>/};
 * {@code JAZZER_FUZZ=1} fuzzes (README, "Fuzzing").
 */
class EngineFuzzTest
{
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static Path dir;
    private static EngineHarness engine;
    private final UpdateDecoder decoder = new UpdateDecoder();
    private final DecodedUpdate update = new DecodedUpdate();

    @BeforeAll
    static void open() throws IOException
    {
        dir = Files.createTempDirectory("ringbot-engine-fuzz");
        engine = new EngineHarness(dir);
    }

    @AfterAll
    static void close() throws IOException
    {
        engine.close();
        try (var files = Files.walk(dir))
        {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @FuzzTest(maxDuration = "5m")
    void shouldHoldTheEngineInvariantsForAnyBody(final byte[] body) throws Exception
    {
        final long errors = engine.counter(RingbotCounter.ERRORS);
        final long handlerErrors = engine.counter(RingbotCounter.ENGINE_HANDLER_ERRORS);
        final int answered = engine.answered();
        final UpdateEvent first = engine.send(body);
        assertEquals(answered + 1, engine.answered(), "answered exactly once");
        checkAnswer(first);
        assertEquals(errors, engine.counter(RingbotCounter.ERRORS), "nothing escaped the handler");
        assertEquals(handlerErrors, engine.counter(RingbotCounter.ENGINE_HANDLER_ERRORS), "the reference bot never throws");
        if (first.status() != 200 || decoder.decode(body, body.length, update) != UpdateDecoder.OK)
        {
            return;
        }
        final long userVersion = userVersion();
        final long chatVersion = chatVersion();
        final long applied = engine.counter(RingbotCounter.ENGINE_UPDATES);
        final UpdateEvent again = engine.send(body);
        assertEquals(200, again.status());
        assertEquals(0, again.replyLength(), "a redelivery is not answered again");
        assertEquals(applied, engine.counter(RingbotCounter.ENGINE_UPDATES), "a redelivery is not applied again");
        assertEquals(userVersion, userVersion(), "a redelivery changes no user");
        assertEquals(chatVersion, chatVersion(), "a redelivery changes no chat");
    }

    private static void checkAnswer(final UpdateEvent event) throws IOException
    {
        final int status = event.status();
        assertTrue(status == 200 || status == 400 || status == 503, "status " + status);
        if (event.replyLength() == 0)
        {
            assertTrue(status == 200, "an error answer has a body");
            return;
        }
        final byte[] bytes = new byte[event.replyLength()];
        System.arraycopy(event.reply(), 0, bytes, 0, bytes.length);
        final JsonNode reply = JSON.readTree(bytes);
        assertTrue(reply.isObject(), "one JSON object");
        assertTrue(strictUtf8(bytes), "the reply is well-formed UTF-8");
        if (status != 200)
        {
            assertEquals(status, reply.get("error_code").asInt());
            assertTrue(reply.get("description").asText().length() > 10);
            return;
        }
        final String method = reply.path("method").asText();
        switch (method)
        {
            case "sendMessage":
            case "editMessageText":
                final int length = reply.get("text").asText().length();
                assertTrue(length >= 1 && length <= Reply.MAX_TEXT_CHARS, method + " text of " + length);
                assertTrue(reply.get("chat_id").canConvertToLong());
                break;
            case "answerCallbackQuery":
                assertTrue(reply.path("text").asText().length() <= Reply.MAX_CALLBACK_TEXT_CHARS);
                break;
            default:
                fail("unknown method " + method);
        }
        final Iterator<JsonNode> rows = reply.path("reply_markup").path("inline_keyboard").elements();
        while (rows.hasNext())
        {
            for (final JsonNode button : rows.next())
            {
                final int data = button.get("callback_data").asText().getBytes(StandardCharsets.UTF_8).length;
                assertTrue(data >= 1 && data <= Reply.MAX_CALLBACK_DATA_BYTES, "callback_data of " + data + " bytes");
            }
        }
    }

    private static boolean strictUtf8(final byte[] bytes)
    {
        try
        {
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes));
            return true;
        }
        catch (final java.nio.charset.CharacterCodingException ex)
        {
            return false;
        }
    }

    private long userVersion()
    {
        if (!update.hasFrom())
        {
            return -1;
        }
        final Record user = engine.store().users().find(update.fromId());
        return user == null ? -1 : user.version();
    }

    private long chatVersion()
    {
        if (!update.hasChat())
        {
            return -1;
        }
        final Record chat = engine.store().chats().find(update.chatId());
        return chat == null ? -1 : chat.version();
    }
}

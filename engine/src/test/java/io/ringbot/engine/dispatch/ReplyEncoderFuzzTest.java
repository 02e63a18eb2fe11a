package io.ringbot.engine.dispatch;

import io.ringbot.bot.Reply;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;

import static io.ringbot.engine.FuzzChars.chars;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzzes {@link ReplyEncoder} with replies a handler could build from any UTF-16 (lone surrogates,
 * control characters, very long texts, 100 buttons): encoding never throws, and the bytes are
 * well-formed UTF-8 JSON within Telegram's limits. Regression inputs in
 * {@code ReplyEncoderFuzzTestInputs/<method>/}; {@code JAZZER_FUZZ=1} fuzzes.
 */
class ReplyEncoderFuzzTest
{
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private final ReplyEncoder encoder = new ReplyEncoder();
    private final ReplyDraft reply = new ReplyDraft();

    @FuzzTest(maxDuration = "5m")
    void shouldEncodeAnyReplyAsValidJsonWithinTelegramsLimits(final FuzzedDataProvider data) throws Exception
    {
        final Reply.Method method = Reply.Method.values()[data.consumeInt(0, Reply.Method.values().length - 1)];
        reply.reset(method);
        reply.chatId = data.consumeLong();
        reply.messageId = data.consumeLong();
        reply.showAlert = data.consumeBoolean();
        chars(data, reply.callbackQueryId, 300);
        chars(data, reply.text, data.consumeBoolean() ? 5_000 : 50);
        final int buttons = data.consumeInt(0, Reply.MAX_BUTTONS);
        for (int i = 0; i < buttons && data.remainingBytes() > 0; i++)
        {
            reply.button(chars(data, new StringBuilder(), 300), chars(data, new StringBuilder(), 80));
            if (data.consumeBoolean())
            {
                reply.row();
            }
        }
        final int length = encoder.encode(reply);
        if (length == 0)
        {
            return;
        }
        final byte[] bytes = new byte[length];
        System.arraycopy(encoder.buffer(), 0, bytes, 0, length);
        StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)); // throws on ill-formed UTF-8
        final JsonNode json = JSON.readTree(bytes);
        assertEquals(method.apiName(), json.get("method").asText());
        final int limit = method == Reply.Method.ANSWER_CALLBACK_QUERY ? Reply.MAX_CALLBACK_TEXT_CHARS : Reply.MAX_TEXT_CHARS;
        assertTrue(json.path("text").asText().length() <= limit);
        if (method != Reply.Method.ANSWER_CALLBACK_QUERY)
        {
            assertTrue(json.get("text").asText().length() >= 1, "a message text is never empty");
        }
        final Iterator<JsonNode> rows = json.path("reply_markup").path("inline_keyboard").elements();
        while (rows.hasNext())
        {
            for (final JsonNode button : rows.next())
            {
                assertTrue(button.get("text").asText().length() <= Reply.MAX_BUTTON_LABEL_CHARS);
                assertTrue(button.get("callback_data").asText().getBytes(StandardCharsets.UTF_8).length <= Reply.MAX_CALLBACK_DATA_BYTES);
            }
        }
        assertTrue(length < 256 * 1024, "bounded: " + length);
    }
}

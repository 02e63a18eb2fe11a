package io.ringbot.engine.decode;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Coverage-guided fuzzing of {@link UpdateDecoder} with Jazzer. By default (regression mode, in every
 * {@code mvn verify}) it runs the committed inputs in {@code UpdateDecoderFuzzTestInputs/<method>/};
 * {@code JAZZER_FUZZ=1} fuzzes for {@code maxDuration} (README, "Fuzzing").
 */
class UpdateDecoderFuzzTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private final UpdateDecoder decoder = new UpdateDecoder();
    private final DecodedUpdate update = new DecodedUpdate();

    @FuzzTest(maxDuration = "5m")
    void shouldHoldTheDecoderInvariantsForAnyBody(final byte[] body)
    {
        final int result = decoder.decode(body, body.length, update);
        assertTrue(result >= UpdateDecoder.OK && result <= UpdateDecoder.BAD_NUMBER, "result " + result);
        if (result != UpdateDecoder.OK)
        {
            return;
        }
        assertTrue(IntegerField.UPDATE_ID.accepts(update.updateId()), "update_id " + update.updateId());
        assertTrue(!update.hasFrom() || IntegerField.USER_ID.accepts(update.fromId()), "from " + update.fromId());
        assertTrue(!update.hasChat() || IntegerField.CHAT_ID.accepts(update.chatId()), "chat " + update.chatId());
        for (final CharSequence text : new CharSequence[]{update.firstName(), update.lastName(), update.username(),
            update.languageCode(), update.chatType(), update.chatTitle(), update.text(), update.queryId(), update.data(),
            update.query()})
        {
            assertFalse(hasLoneSurrogate(text), "a lone surrogate in " + text);
        }
        // Jackson is the oracle for well-formed UTF-8 only: it reads a name with a 0xFF byte in it
        // ("update_i\xFFd") as "update_id" (found by this fuzz test; the decoder rightly does not)
        final JsonNode tree = strictUtf8(body) ? jackson(body) : null;
        if (tree != null && tree.isObject() && tree.path("update_id").canConvertToExactIntegral())
        {
            assertEquals(tree.get("update_id").longValue(), update.updateId(), "Jackson reads the same update_id");
        }
    }

    static boolean hasLoneSurrogate(final CharSequence text)
    {
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1)))
            {
                i++;
            }
            else if (Character.isSurrogate(c))
            {
                return true;
            }
        }
        return false;
    }

    private static boolean strictUtf8(final byte[] bytes)
    {
        try
        {
            java.nio.charset.StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes));
            return true;
        }
        catch (final java.nio.charset.CharacterCodingException ex)
        {
            return false;
        }
    }

    private static JsonNode jackson(final byte[] body)
    {
        try
        {
            return JSON.readTree(body);
        }
        catch (final Exception ex)
        {
            return null;
        }
    }
}

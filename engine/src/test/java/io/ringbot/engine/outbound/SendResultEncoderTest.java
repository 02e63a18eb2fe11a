package io.ringbot.engine.outbound;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sender's encoder is reused for every result: nothing of one result may leak into the next. */
class SendResultEncoderTest
{
    @Test
    void aReusedEncoderWritesOnlyTheNextResult()
    {
        final byte[] body = new byte[SendResultDecoder.MAX_LENGTH];
        final SendResultEncoder encoder = new SendResultEncoder();
        encoder.wrap(body).correlation(1).chatId(2).originUserId(3).messageId(4).errorCode(400)
            .flags(SendResultDecoder.FLAG_BLOCKED).method("sendMessage").description("Bad Request: chat not found");

        final int length = encoder.wrap(body).correlation(7).chatId(-100).originUserId(0).messageId(99).errorCode(0)
            .flags(0).method("editMessageText").description(null).encodedLength();

        assertEquals(SendResultDecoder.METHOD_OFFSET + "editMessageText".length(), length);
        final SendResultDecoder result = new SendResultDecoder().wrap(body, length);
        assertEquals(7, result.correlation());
        assertEquals(-100, result.chatId());
        assertEquals(0, result.originUserId());
        assertEquals(99, result.messageId());
        assertTrue(result.ok());
        assertFalse(result.blocked());
        assertEquals("editMessageText", result.method().toString());
        assertEquals("", result.description().toString());
    }

    @Test
    void aResultWithoutMethodOrDescriptionIsItsFixedFields()
    {
        final byte[] body = new byte[SendResultDecoder.MAX_LENGTH];
        final SendResultEncoder encoder = new SendResultEncoder();
        encoder.wrap(body).method("sendMessage").description("x");
        final int length = encoder.wrap(body).correlation(5).encodedLength();

        assertEquals(SendResultDecoder.METHOD_OFFSET, length);
        final SendResultDecoder result = new SendResultDecoder().wrap(body, length);
        assertEquals(5, result.correlation());
        assertEquals("", result.method().toString());
        assertEquals("", result.description().toString());
    }
}

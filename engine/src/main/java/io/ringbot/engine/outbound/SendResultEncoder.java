package io.ringbot.engine.outbound;

import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;

import static io.ringbot.engine.outbound.SendResultDecoder.CHAT_ID_OFFSET;
import static io.ringbot.engine.outbound.SendResultDecoder.CORRELATION_OFFSET;
import static io.ringbot.engine.outbound.SendResultDecoder.DESCRIPTION_LENGTH_OFFSET;
import static io.ringbot.engine.outbound.SendResultDecoder.ERROR_CODE_OFFSET;
import static io.ringbot.engine.outbound.SendResultDecoder.FLAGS_OFFSET;
import static io.ringbot.engine.outbound.SendResultDecoder.MAX_DESCRIPTION_BYTES;
import static io.ringbot.engine.outbound.SendResultDecoder.MESSAGE_ID_OFFSET;
import static io.ringbot.engine.outbound.SendResultDecoder.METHOD_LENGTH_OFFSET;
import static io.ringbot.engine.outbound.SendResultDecoder.METHOD_OFFSET;
import static io.ringbot.engine.outbound.SendResultDecoder.ORIGIN_USER_OFFSET;

/**
 * Writes a send result into an engine ring slot's body on the sender's thread, in the layout
 * {@link SendResultDecoder} draws and reads. A reused flyweight: {@link #wrap(byte[])}, the fixed fields in any
 * order, then {@link #method(CharSequence)} before {@link #description(String)} (the description follows the
 * method), then {@link #encodedLength()}.
 */
public final class SendResultEncoder
{
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[0]);
    private int methodLength;
    private int descriptionLength;

    /**
     * @param dst a slot's body of at least {@link SendResultDecoder#MAX_LENGTH} bytes.
     * @return this, with an empty method and description.
     */
    public SendResultEncoder wrap(final byte[] dst)
    {
        buffer.wrap(dst);
        methodLength = 0;
        descriptionLength = 0;
        buffer.putInt(METHOD_LENGTH_OFFSET, 0);
        buffer.putInt(DESCRIPTION_LENGTH_OFFSET, 0);
        return this;
    }

    public SendResultEncoder correlation(final long correlation)
    {
        buffer.putLong(CORRELATION_OFFSET, correlation);
        return this;
    }

    public SendResultEncoder chatId(final long chatId)
    {
        buffer.putLong(CHAT_ID_OFFSET, chatId);
        return this;
    }

    public SendResultEncoder originUserId(final long originUserId)
    {
        buffer.putLong(ORIGIN_USER_OFFSET, originUserId);
        return this;
    }

    /**
     * @param messageId the id of the message sent or edited, 0 when none.
     */
    public SendResultEncoder messageId(final long messageId)
    {
        buffer.putLong(MESSAGE_ID_OFFSET, messageId);
        return this;
    }

    /**
     * @param errorCode 0 when ok; else Telegram's error_code or one of {@link SendResultDecoder#errorCode()}'s
     *                  negative codes.
     */
    public SendResultEncoder errorCode(final int errorCode)
    {
        buffer.putInt(ERROR_CODE_OFFSET, errorCode);
        return this;
    }

    /**
     * @param flags {@link SendResultDecoder#FLAG_BLOCKED}, {@link SendResultDecoder#FLAG_BROADCAST}.
     */
    public SendResultEncoder flags(final int flags)
    {
        buffer.putInt(FLAGS_OFFSET, flags);
        return this;
    }

    /**
     * @param method the Bot API method (ASCII), cut to {@link OutboundDescriptor#MAX_METHOD_LENGTH}.
     */
    public SendResultEncoder method(final CharSequence method)
    {
        methodLength = Math.min(method.length(), OutboundDescriptor.MAX_METHOD_LENGTH);
        for (int i = 0; i < methodLength; i++)
        {
            buffer.putByte(METHOD_OFFSET + i, (byte)method.charAt(i));
        }
        buffer.putInt(METHOD_LENGTH_OFFSET, methodLength);
        return this;
    }

    /**
     * @param description Telegram's description, or null for none; cut to
     *                    {@link SendResultDecoder#MAX_DESCRIPTION_BYTES} of UTF-8 without cutting a character in
     *                    two. Call after {@link #method(CharSequence)}.
     */
    public SendResultEncoder description(final String description)
    {
        final byte[] text = description == null ? new byte[0] : description.getBytes(StandardCharsets.UTF_8);
        int length = Math.min(text.length, MAX_DESCRIPTION_BYTES);
        while (length > 0 && length < text.length && (text[length] & 0xC0) == 0x80)
        {
            length--; // never cut a character in two
        }
        buffer.putBytes(METHOD_OFFSET + methodLength, text, 0, length);
        buffer.putInt(DESCRIPTION_LENGTH_OFFSET, length);
        descriptionLength = length;
        return this;
    }

    /**
     * @return the bytes written: the slot body's length.
     */
    public int encodedLength()
    {
        return METHOD_OFFSET + methodLength + descriptionLength;
    }
}

package io.ringbot.engine.outbound;

import io.ringbot.bot.SendResult;
import io.ringbot.engine.decode.JsonStringDecoder;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The {@link SendResult} a bot's {@link io.ringbot.bot.SendResultHandler} sees: written by the sender into
 * an engine ring slot's body ({@link SendResultEncoder}), decoded in place on the engine thread (a reused
 * flyweight). The layout, which both sides share:
 * <pre>
 *   0 correlation (long) | 8 chat id | 16 origin user id | 24 message_id (0 when none)
 *  32 error_code (int, 0 when ok) | 36 flags (int) | 40 method length | 44 description length
 *  48 method (ASCII) | description (UTF-8)
 * </pre>
 */
public final class SendResultDecoder implements SendResult
{
    /** The target user has blocked the bot or is deactivated: the engine marks the user's record. */
    public static final int FLAG_BLOCKED = 1;
    /** A call of a broadcast, not of a handler: no handler runs for it. */
    public static final int FLAG_BROADCAST = 2;

    static final int CORRELATION_OFFSET = 0;
    static final int CHAT_ID_OFFSET = 8;
    static final int ORIGIN_USER_OFFSET = 16;
    static final int MESSAGE_ID_OFFSET = 24;
    static final int ERROR_CODE_OFFSET = 32;
    static final int FLAGS_OFFSET = 36;
    static final int METHOD_LENGTH_OFFSET = 40;
    static final int DESCRIPTION_LENGTH_OFFSET = 44;
    static final int METHOD_OFFSET = 48;
    /** Descriptions are cut to this many bytes. */
    public static final int MAX_DESCRIPTION_BYTES = 512;
    public static final int MAX_LENGTH = METHOD_OFFSET + OutboundDescriptor.MAX_METHOD_LENGTH + MAX_DESCRIPTION_BYTES;

    private final UnsafeBuffer view = new UnsafeBuffer(new byte[0]);
    private final StringBuilder method = new StringBuilder(OutboundDescriptor.MAX_METHOD_LENGTH);
    private final StringBuilder description = new StringBuilder(MAX_DESCRIPTION_BYTES);
    private long correlation;
    private long chatId;
    private long originUserId;
    private long messageId;
    private int errorCode;
    private int flags;

    /**
     * Decodes a result in place (engine thread; no allocation).
     *
     * @param src    the slot's body.
     * @param length its length.
     * @return this.
     */
    public SendResultDecoder wrap(final byte[] src, final int length)
    {
        view.wrap(src, 0, length);
        correlation = view.getLong(CORRELATION_OFFSET);
        chatId = view.getLong(CHAT_ID_OFFSET);
        originUserId = view.getLong(ORIGIN_USER_OFFSET);
        messageId = view.getLong(MESSAGE_ID_OFFSET);
        errorCode = view.getInt(ERROR_CODE_OFFSET);
        flags = view.getInt(FLAGS_OFFSET);
        final int methodLength = view.getInt(METHOD_LENGTH_OFFSET);
        final int descriptionLength = view.getInt(DESCRIPTION_LENGTH_OFFSET);
        method.setLength(0);
        for (int i = 0; i < methodLength; i++)
        {
            method.append((char)view.getByte(METHOD_OFFSET + i));
        }
        description.setLength(0);
        final int descriptionAt = METHOD_OFFSET + methodLength;
        JsonStringDecoder.decodeUtf8(src, descriptionAt, Math.min(length, descriptionAt + descriptionLength), description);
        return this;
    }

    public long correlation()
    {
        return correlation;
    }

    public long chatId()
    {
        return chatId;
    }

    /**
     * @return the sender of the update whose handler made the call (its record is bound as ctx.user()).
     */
    public long originUserId()
    {
        return originUserId;
    }

    public boolean ok()
    {
        return errorCode == 0;
    }

    /**
     * @return the id of the message sent or edited, 0 when the method returns none.
     */
    public long messageId()
    {
        return messageId;
    }

    /**
     * @return Telegram's error_code (400, 403, ...), or 0 when ok; -1 when it never answered (network, after
     * every attempt), -2 when the outcome is unknown (in flight at a crash), -3 when the answer was unreadable.
     */
    public int errorCode()
    {
        return errorCode;
    }

    public CharSequence description()
    {
        return description;
    }

    public CharSequence method()
    {
        return method;
    }

    public int flags()
    {
        return flags;
    }

    public boolean blocked()
    {
        return (flags & FLAG_BLOCKED) != 0;
    }

    public boolean broadcast()
    {
        return (flags & FLAG_BROADCAST) != 0;
    }
}

package io.ringbot.engine.outbound;

import org.agrona.DirectBuffer;

/**
 * Layout of one accepted call in the outbound queue's memory-mapped ring (an Agrona
 * {@code OneToOneRingBuffer}; its own 8-byte record header, length and type, comes first). Every
 * record starts with the same 32 bytes; what follows depends on the record's type.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |  state (ACCEPTED, SENDING, DONE: the sender writes it in place)|
 *  |  CALL/BROADCAST: method name length; FIELDS: method id        |
 *  |  correlation (the handler's long)                             |
 *  |                                                               |
 *  |  chat id (the target chat: flood control's key)               |
 *  |                                                               |
 *  |  origin user id (the sender of the update that made the call) |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  CALL_TYPE, BROADCAST_TYPE:
 *  |  method name (ASCII) ...  |  body (JSON, UTF-8) ...           |
 *  FIELDS_TYPE (a handler's call, its JSON written by the sender):
 *  |  message id (long) | reply-to message id (long)               |
 *  |  flags (int) | button count (int)                             |
 *  |  then, each an int length and its UTF-8 bytes: generic method |
 *  |  name, subject (callback query id, file or action), text,     |
 *  |  parse mode, extra fields (JSON: ,"name":value...), keyboard  |
 *  |  (per button: row int, label, callback data, each length+bytes)|
 *  +---------------------------------------------------------------+
 * </pre>
 * The ring's head moves only past calls that are DONE, so after a kill -9 the sender finds every
 * accepted call again: ACCEPTED ones are sent, SENDING ones had an unknown outcome (counted, not resent).
 */
public final class OutboundDescriptor
{
    /** A Bot API call encoded already (JSON body), e.g. a polled update's reply. */
    public static final int CALL_TYPE = 1;
    /** A broadcast request: the body is the text (UTF-8), the chat id the admin's chat to answer. */
    public static final int BROADCAST_TYPE = 2;
    /** A handler's Bot API call as fields (FIELDS layout): the sender encodes its JSON. */
    public static final int FIELDS_TYPE = 3;

    public static final int ACCEPTED = 0;
    public static final int SENDING = 1;
    public static final int DONE = 2;

    public static final int STATE_OFFSET = 0;
    public static final int METHOD_LENGTH_OFFSET = 4;
    public static final int METHOD_ID_OFFSET = 4;
    public static final int CORRELATION_OFFSET = 8;
    public static final int CHAT_ID_OFFSET = 16;
    public static final int ORIGIN_USER_OFFSET = 24;
    public static final int METHOD_OFFSET = 32;

    public static final int MESSAGE_ID_OFFSET = 32;
    public static final int REPLY_TO_OFFSET = 40;
    public static final int FLAGS_OFFSET = 48;
    public static final int BUTTONS_OFFSET = 52;
    public static final int FIELDS_OFFSET = 56;

    public static final int FLAG_SHOW_ALERT = 1;
    public static final int FLAG_PAID_BROADCAST = 2;

    /** Bot API method names are short; a longer name is refused. */
    public static final int MAX_METHOD_LENGTH = 64;

    private static final int REPLACEMENT_LENGTH = 3;

    private OutboundDescriptor()
    {
    }

    /**
     * Copies the first {@code count} chars of a text into a scratch array (bulk for the usual builders and strings).
     */
    static void getChars(final CharSequence text, final int count, final char[] dst)
    {
        if (text instanceof StringBuilder)
        {
            ((StringBuilder)text).getChars(0, count, dst, 0);
        }
        else if (text instanceof String)
        {
            ((String)text).getChars(0, count, dst, 0);
        }
        else
        {
            for (int i = 0; i < count; i++)
            {
                dst[i] = text.charAt(i);
            }
        }
    }

    /**
     * Encodes chars as UTF-8 (a lone surrogate as U+FFFD); {@code dst} has room for 3 bytes a char.
     *
     * @return the number of bytes written.
     */
    static int encodeUtf8(final char[] src, final int count, final byte[] dst, final int offset)
    {
        int at = offset;
        int i = 0;
        while (i < count && src[i] < 0x80)
        {
            dst[at++] = (byte)src[i++]; // ASCII, the usual case
        }
        for (; i < count; i++)
        {
            final char c = src[i];
            if (c < 0x80)
            {
                dst[at++] = (byte)c;
            }
            else if (c < 0x800)
            {
                dst[at++] = (byte)(0xC0 | (c >> 6));
                dst[at++] = (byte)(0x80 | (c & 0x3F));
            }
            else if (Character.isHighSurrogate(c) && i + 1 < count && Character.isLowSurrogate(src[i + 1]))
            {
                final int cp = Character.toCodePoint(c, src[++i]);
                dst[at++] = (byte)(0xF0 | (cp >> 18));
                dst[at++] = (byte)(0x80 | ((cp >> 12) & 0x3F));
                dst[at++] = (byte)(0x80 | ((cp >> 6) & 0x3F));
                dst[at++] = (byte)(0x80 | (cp & 0x3F));
            }
            else
            {
                final char d = Character.isSurrogate(c) ? '\uFFFD' : c;
                dst[at++] = (byte)(0xE0 | (d >> 12));
                dst[at++] = (byte)(0x80 | ((d >> 6) & 0x3F));
                dst[at++] = (byte)(0x80 | (d & 0x3F));
            }
        }
        return at - offset;
    }

    /**
     * Decodes UTF-8 into a builder (malformed input becomes U+FFFD; never reads past the end).
     */
    static void getUtf8(final DirectBuffer b, final int offset, final int length, final StringBuilder into)
    {
        int i = offset;
        final int end = offset + length;
        while (i < end)
        {
            final int c = b.getByte(i++) & 0xFF;
            if (c < 0x80)
            {
                into.append((char)c);
            }
            else if (c < 0xE0 && i < end)
            {
                into.append((char)(((c & 0x1F) << 6) | (b.getByte(i++) & 0x3F)));
            }
            else if (c < 0xF0 && i + 1 < end)
            {
                into.append((char)(((c & 0x0F) << 12) | ((b.getByte(i++) & 0x3F) << 6) | (b.getByte(i++) & 0x3F)));
            }
            else if (i + 2 < end)
            {
                final int cp = ((c & 0x07) << 18) | ((b.getByte(i++) & 0x3F) << 12) | ((b.getByte(i++) & 0x3F) << 6) |
                    (b.getByte(i++) & 0x3F);
                if (Character.isValidCodePoint(cp))
                {
                    into.appendCodePoint(cp);
                }
                else
                {
                    into.append('\uFFFD');
                }
            }
            else
            {
                into.append('\uFFFD');
                i = end;
            }
        }
    }
}

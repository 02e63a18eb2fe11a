package io.ringbot.engine.outbound;

import org.agrona.DirectBuffer;
import org.agrona.UnsafeApi;

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
 *  |  then, each an int length in bytes and its bytes: generic     |
 *  |  method name, subject (callback query id, file or action),    |
 *  |  text, parse mode (these four as UTF-16 chars), extra fields  |
 *  |  (JSON, UTF-8: ,"name":value...), keyboard (per button: row   |
 *  |  int, label and callback data as length + UTF-16 chars)       |
 *  +---------------------------------------------------------------+
 * </pre>
 * Texts are UTF-16 in the platform's byte order (the file is read where it was written): the engine copies
 * a handler's chars in bulk, with no per-char encoding, and the sender, off the engine thread, turns them
 * into JSON.
 * <p>
 * The ring's head moves only past calls that are DONE, so after a kill -9 the sender finds every
 * accepted call again: ACCEPTED ones are sent, SENDING ones had an unknown outcome (counted, not resent).
 */
public final class OutboundDescriptor
{
    /** A Bot API call encoded already (JSON body), e.g. a polled update's reply. */
    public static final int CALL_TYPE = 1;
    /** A broadcast request: the body is the text (UTF-8), the chat id the admin's chat to answer. */
    public static final int BROADCAST_TYPE = 2;
    /**
     * A handler's Bot API call as fields (FIELDS layout): the sender encodes its JSON. (3 was an earlier
     * build's layout with UTF-8 texts: a queue file holding such records has them skipped and counted as
     * unreadable, not sent garbled.)
     */
    public static final int FIELDS_TYPE = 4;

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

    /** Up to so many chars are copied one by one, longer texts in bulk. */
    private static final int SHORT_TEXT_CHARS = 8;
    private static final long CHAR_ARRAY_BASE = UnsafeApi.arrayBaseOffset(char[].class);

    private OutboundDescriptor()
    {
    }

    /**
     * Copies the first {@code count} chars of a text into a scratch array (bulk for the usual builders and strings).
     */
    private static void getChars(final CharSequence text, final int count, final char[] dst)
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
     * Copies the first {@code count} chars of a text into a buffer as UTF-16 in the platform's byte order,
     * with no encoding on the engine thread: a short text char by char, a longer one in two bulk copies (into
     * the scratch array, then out of it).
     *
     * @param text    the text.
     * @param count   how many of its chars.
     * @param scratch room for {@code count} chars.
     * @param dst     the buffer.
     * @param index   where in it.
     */
    static void putChars(final CharSequence text, final int count, final char[] scratch, final DirectBuffer dst,
        final int index)
    {
        final int bytes = Character.BYTES * count;
        dst.boundsCheck(index, bytes);
        final byte[] array = dst.byteArray();
        final long address = dst.addressOffset() + index;
        if (count <= SHORT_TEXT_CHARS)
        {
            // a label, a word: a plain loop beats two calls of the copy stubs
            for (int i = 0; i < count; i++)
            {
                UnsafeApi.putChar(array, address + Character.BYTES * i, text.charAt(i));
            }
            return;
        }
        getChars(text, count, scratch);
        UnsafeApi.copyMemory(scratch, CHAR_ARRAY_BASE, array, address, bytes);
    }

    /**
     * Reads UTF-16 chars written by {@link #putChars} into a builder, as they are (a lone surrogate is
     * replaced where the text is written as JSON).
     *
     * @param b      the buffer.
     * @param offset where the chars start.
     * @param bytes  their length in bytes.
     * @param into   the builder they are appended to.
     */
    static void getChars(final DirectBuffer b, final int offset, final int bytes, final StringBuilder into)
    {
        final int end = offset + (bytes & ~1);
        for (int i = offset; i < end; i += Character.BYTES)
        {
            into.append(b.getChar(i));
        }
    }
}

package io.ringbot.engine.outbound;

/**
 * Layout of one accepted call in the outbound queue's memory-mapped ring (an Agrona
 * {@code OneToOneRingBuffer}; its own 8-byte record header, length and type, comes first).
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |  state (ACCEPTED, SENDING, DONE: the sender writes it in place)|
 *  |  method name length                                           |
 *  |  correlation (the handler's long)                             |
 *  |                                                               |
 *  |  chat id (the target chat: flood control's key)               |
 *  |                                                               |
 *  |  origin user id (the sender of the update that made the call) |
 *  |                                                               |
 *  |  method name (ASCII) ...                                      |
 *  |  body (JSON, UTF-8) ...                                       |
 *  +---------------------------------------------------------------+
 * </pre>
 * The ring's head moves only past calls that are DONE, so after a kill -9 the sender finds every
 * accepted call again: ACCEPTED ones are sent, SENDING ones had an unknown outcome (counted, not resent).
 */
public final class OutboundDescriptor
{
    /** A Bot API call from a handler (a reply to a live update: ahead of broadcasts). */
    public static final int CALL_TYPE = 1;
    /** A broadcast request: the body is the text (UTF-8), the chat id the admin's chat to answer. */
    public static final int BROADCAST_TYPE = 2;

    public static final int ACCEPTED = 0;
    public static final int SENDING = 1;
    public static final int DONE = 2;

    public static final int STATE_OFFSET = 0;
    public static final int METHOD_LENGTH_OFFSET = 4;
    public static final int CORRELATION_OFFSET = 8;
    public static final int CHAT_ID_OFFSET = 16;
    public static final int ORIGIN_USER_OFFSET = 24;
    public static final int METHOD_OFFSET = 32;

    /** Bot API method names are short; a longer name is refused. */
    public static final int MAX_METHOD_LENGTH = 64;

    private OutboundDescriptor()
    {
    }
}

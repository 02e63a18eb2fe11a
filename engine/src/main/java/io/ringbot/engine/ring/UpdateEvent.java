package io.ringbot.engine.ring;

/**
 * One ring slot, pre-allocated by the ring's event factory and reused for every event that lands in
 * it. A webhook update is copied into {@link #body()}; the engine writes the answer into
 * {@link #reply()} and {@link #status()}, then hands the slot to its {@link Responder}. The slot is
 * reused only after the responder {@link SlotReleaser#release released} it.
 */
public final class UpdateEvent
{
    /** A Telegram update from the webhook. */
    public static final int UPDATE = 1;
    /** A journal acknowledgement: the body carries (type, id, version) triples. */
    public static final int JOURNAL_ACK = 2;
    /** A record read from Firestore after a cache miss. */
    public static final int RECORD_LOADED = 3;
    /** The result of an outbound Bot API call: the body carries it ({@code engine.outbound.SendResultDecoder}). */
    public static final int SEND_RESULT = 4;
    /** Nothing to do (a published slot whose producer gave up). */
    public static final int NOOP = 0;

    /** Most updates are under 2 KiB; a larger body gets a one-off array from its producer. */
    public static final int DEFAULT_BODY_CAPACITY = 8 * 1024;
    /**
     * Most replies are under 1 KiB; a larger one (up to the encoder's bound, Telegram's limits) gets a
     * one-off array that is dropped with the answer, so no slot stays grown.
     */
    public static final int DEFAULT_REPLY_CAPACITY = 8 * 1024;

    private int type;
    private final byte[] body;
    private byte[] largeBody;
    private int bodyLength;

    private final byte[] reply;
    private byte[] largeReply;
    private int replyLength;
    private int status;

    private Responder responder;
    private Object connection;
    private boolean keepAlive;
    private Object attachment;
    private Object payload;
    private long receivedNanos;

    /**
     * A ring slot with the default capacities.
     */
    public UpdateEvent()
    {
        this(DEFAULT_BODY_CAPACITY, DEFAULT_REPLY_CAPACITY);
    }

    /**
     * @param bodyCapacity  bodies up to this size are copied without allocating.
     * @param replyCapacity replies up to this size are copied without allocating.
     */
    public UpdateEvent(final int bodyCapacity, final int replyCapacity)
    {
        body = new byte[bodyCapacity];
        reply = new byte[replyCapacity];
    }

    public int type()
    {
        return type;
    }

    public UpdateEvent type(final int type)
    {
        this.type = type;
        return this;
    }

    /**
     * The buffer to copy a body of a given length into: the slot's own, or for the rare body over its
     * capacity, a one-off array (allocated by the producer; for a parked update, that is the engine).
     *
     * @param length the body's length.
     * @return the array to fill from index 0.
     */
    public byte[] bodyBufferFor(final int length)
    {
        bodyLength = length;
        if (length <= body.length)
        {
            largeBody = null;
            return body;
        }
        largeBody = new byte[length];
        return largeBody;
    }

    public byte[] body()
    {
        return largeBody != null ? largeBody : body;
    }

    public int bodyLength()
    {
        return bodyLength;
    }

    /**
     * @return the reply bytes (a Bot API call as JSON), valid for {@link #replyLength()} bytes.
     */
    public byte[] reply()
    {
        return largeReply != null ? largeReply : reply;
    }

    public int replyLength()
    {
        return replyLength;
    }

    /**
     * Sets the reply, copying it into the slot's buffer (or, for an unusually large reply, a one-off array
     * that {@link #clearReply()} and {@link #clear()} drop).
     *
     * @param src    the bytes.
     * @param length how many.
     */
    public void reply(final byte[] src, final int length)
    {
        largeReply = length > reply.length ? new byte[length] : null;
        System.arraycopy(src, 0, reply(), 0, length);
        replyLength = length;
    }

    public void clearReply()
    {
        largeReply = null;
        replyLength = 0;
    }

    /**
     * @return the capacity this slot keeps for replies between answers (for tests: it never grows).
     */
    public int replyCapacity()
    {
        return reply.length;
    }

    /**
     * @return the HTTP status the engine chose for this update.
     */
    public int status()
    {
        return status;
    }

    public UpdateEvent status(final int status)
    {
        this.status = status;
        return this;
    }

    public Responder responder()
    {
        return responder;
    }

    public UpdateEvent responder(final Responder responder)
    {
        this.responder = responder;
        return this;
    }

    /**
     * @return the producer's handle for the answer, e.g. the channel to respond on; opaque to the engine.
     */
    public Object connection()
    {
        return connection;
    }

    public UpdateEvent connection(final Object connection)
    {
        this.connection = connection;
        return this;
    }

    /**
     * @return whether the connection stays open after the answer.
     */
    public boolean keepAlive()
    {
        return keepAlive;
    }

    public UpdateEvent keepAlive(final boolean keepAlive)
    {
        this.keepAlive = keepAlive;
        return this;
    }

    /**
     * @return an object another thread hands to the engine (journal acknowledgements, a loaded record);
     * allocated by that thread, dropped by the engine.
     */
    public Object payload()
    {
        return payload;
    }

    public UpdateEvent payload(final Object payload)
    {
        this.payload = payload;
        return this;
    }

    /**
     * @return a per-slot object the io layer attaches once at start (its response task).
     */
    public Object attachment()
    {
        return attachment;
    }

    public void attachment(final Object attachment)
    {
        this.attachment = attachment;
    }

    public long receivedNanos()
    {
        return receivedNanos;
    }

    public UpdateEvent receivedNanos(final long receivedNanos)
    {
        this.receivedNanos = receivedNanos;
        return this;
    }

    /**
     * Forgets the previous occupant's references so that they can be collected.
     */
    public void clear()
    {
        type = NOOP;
        largeBody = null;
        bodyLength = 0;
        largeReply = null;
        replyLength = 0;
        status = 0;
        responder = null;
        connection = null;
        keepAlive = false;
        payload = null;
    }
}

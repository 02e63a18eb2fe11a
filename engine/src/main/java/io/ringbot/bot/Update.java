package io.ringbot.bot;

/**
 * One update, as a handler sees it: the fields routing and most bots need, decoded once, and the update's
 * JSON for any other field ({@link BotContext#json()}, {@link #json(JsonCursor)}). The engine reuses one
 * instance for every update: text fields are reused builders, copy them if they must outlive the handler.
 * Ids that are absent read {@link #NONE}.
 */
public abstract class Update
{
    /** An absent id (no sender, no chat, no message). */
    public static final long NONE = Long.MIN_VALUE;

    /**
     * The engine's decoder fills the one implementation; a test may subclass it.
     */
    protected Update()
    {
    }

    /**
     * @return Telegram's {@code update_id}.
     */
    public abstract long updateId();

    /**
     * @return the kind: which field of the Update carries the payload.
     */
    public abstract UpdateKind kind();

    /**
     * @return true when the update carried more than one payload field (not a valid Update: the first won).
     */
    public abstract boolean hasExtraPayloads();

    /**
     * @return true when the update has a sender.
     */
    public abstract boolean hasFrom();

    /**
     * @return the sender's user id ({@code from}, or {@code user} for reactions, poll answers, ...), or {@link #NONE}.
     */
    public abstract long fromId();

    public abstract boolean fromIsBot();

    public abstract CharSequence firstName();

    public abstract CharSequence lastName();

    public abstract CharSequence username();

    public abstract CharSequence languageCode();

    /**
     * @return true when the update belongs to a chat.
     */
    public abstract boolean hasChat();

    /**
     * @return the chat id (for a callback query, the chat of the message it came from), or {@link #NONE}.
     */
    public abstract long chatId();

    public abstract CharSequence chatType();

    public abstract CharSequence chatTitle();

    /**
     * @return the author's user id of the message this message replies to ({@code reply_to_message.from.id}),
     * or {@link #NONE}.
     */
    public abstract long replyToFromId();

    /**
     * @return the message id (for a callback query, of the message with the button), or {@link #NONE}.
     */
    public abstract long messageId();

    /**
     * @return the message's date, epoch seconds, or 0.
     */
    public abstract long date();

    /**
     * @return true when the message has a text or a caption.
     */
    public abstract boolean hasText();

    /**
     * @return true when {@link #text()} is a media caption rather than a message text.
     */
    public abstract boolean textIsCaption();

    /**
     * @return the message's text or caption (empty when none).
     */
    public abstract CharSequence text();

    /**
     * @return the id of a callback query, inline query or chosen inline result (empty when none).
     */
    public abstract CharSequence queryId();

    /**
     * @return a callback query's data (empty when none).
     */
    public abstract CharSequence data();

    /**
     * @return an inline query's text (empty when none).
     */
    public abstract CharSequence query();

    /**
     * @return the update's JSON bytes (the ring slot's: valid while the update is handled); read any field
     * of them with a {@link JsonCursor}.
     */
    public abstract byte[] body();

    /**
     * @return how many bytes of {@link #body()} are the update.
     */
    public abstract int bodyLength();

    /**
     * Points a cursor at this update's root object.
     *
     * @param cursor a reused cursor.
     * @return the cursor.
     */
    public final JsonCursor json(final JsonCursor cursor)
    {
        return cursor.wrap(body(), bodyLength());
    }
}

package io.ringbot.bot;

/**
 * One decoded update: a reusable flyweight that {@link UpdateDecoder} fills and the engine reads.
 * Only what routing and the store need is kept; everything else is skipped while parsing. Text fields
 * are reused builders: copy them if they must outlive the update.
 */
public final class Update
{
    public static final long NONE = Long.MIN_VALUE;

    public long updateId;
    public UpdateKind kind;
    public boolean extraPayloads;

    public long fromId;
    public boolean fromIsBot;
    public final StringBuilder firstName = new StringBuilder(64);
    public final StringBuilder lastName = new StringBuilder(64);
    public final StringBuilder username = new StringBuilder(32);
    public final StringBuilder languageCode = new StringBuilder(8);

    public long chatId;
    public final StringBuilder chatType = new StringBuilder(16);
    public final StringBuilder chatTitle = new StringBuilder(64);

    public long messageId;
    public long date;
    public boolean hasText;
    public boolean textIsCaption;
    public final StringBuilder text = new StringBuilder(256);
    public long replyToFromId;

    public final StringBuilder queryId = new StringBuilder(32);
    public final StringBuilder data = new StringBuilder(64);
    public final StringBuilder query = new StringBuilder(64);

    public byte[] body = EMPTY_BODY;
    public int bodyLength;

    private static final byte[] EMPTY_BODY = new byte[0];

    public void reset()
    {
        body = EMPTY_BODY;
        bodyLength = 0;
        updateId = NONE;
        kind = UpdateKind.UNKNOWN;
        extraPayloads = false;
        fromId = NONE;
        fromIsBot = false;
        firstName.setLength(0);
        lastName.setLength(0);
        username.setLength(0);
        languageCode.setLength(0);
        chatId = NONE;
        chatType.setLength(0);
        chatTitle.setLength(0);
        messageId = NONE;
        date = 0;
        hasText = false;
        textIsCaption = false;
        text.setLength(0);
        replyToFromId = NONE;
        queryId.setLength(0);
        data.setLength(0);
        query.setLength(0);
    }

    public long updateId()
    {
        return updateId;
    }

    public UpdateKind kind()
    {
        return kind;
    }

    /**
     * @return true when the update carried more than one payload field (not a valid Update: the first won).
     */
    public boolean hasExtraPayloads()
    {
        return extraPayloads;
    }

    public boolean hasFrom()
    {
        return fromId != NONE;
    }

    /**
     * @return the sender's user id ({@code from}, or {@code user} for reactions, poll answers, ...), or {@link #NONE}.
     */
    public long fromId()
    {
        return fromId;
    }

    public boolean fromIsBot()
    {
        return fromIsBot;
    }

    public CharSequence firstName()
    {
        return firstName;
    }

    public CharSequence lastName()
    {
        return lastName;
    }

    public CharSequence username()
    {
        return username;
    }

    public CharSequence languageCode()
    {
        return languageCode;
    }

    public boolean hasChat()
    {
        return chatId != NONE;
    }

    /**
     * @return the chat id (for a callback query, the chat of the message it came from), or {@link #NONE}.
     */
    public long chatId()
    {
        return chatId;
    }

    public CharSequence chatType()
    {
        return chatType;
    }

    public CharSequence chatTitle()
    {
        return chatTitle;
    }

    /**
     * @return the author's user id of the message this message replies to ({@code reply_to_message.from.id}),
     * or {@link #NONE}.
     */
    public long replyToFromId()
    {
        return replyToFromId;
    }

    /**
     * @return the message id (for a callback query, of the message with the button), or {@link #NONE}.
     */
    public long messageId()
    {
        return messageId;
    }

    /**
     * @return the message's date, epoch seconds, or 0.
     */
    public long date()
    {
        return date;
    }

    /**
     * @return true when the message has a text or a caption.
     */
    public boolean hasText()
    {
        return hasText;
    }

    public boolean textIsCaption()
    {
        return textIsCaption;
    }

    /**
     * @return the message's text or caption (empty when none).
     */
    public CharSequence text()
    {
        return text;
    }

    /**
     * @return the id of a callback query, inline query or chosen inline result (empty when none).
     */
    public CharSequence queryId()
    {
        return queryId;
    }

    /**
     * @return a callback query's data (empty when none).
     */
    public CharSequence data()
    {
        return data;
    }

    /**
     * @return an inline query's text (empty when none).
     */
    public CharSequence query()
    {
        return query;
    }

    /**
     * @return the update's JSON bytes (the ring slot's: valid while the update is handled); read any field
     * of them with a {@link JsonCursor}.
     */
    public byte[] body()
    {
        return body;
    }

    /**
     * @return how many bytes of {@link #body()} are the update.
     */
    public int bodyLength()
    {
        return bodyLength;
    }

    /**
     * Points a cursor at this update's root object.
     *
     * @param cursor a reused cursor.
     * @return the cursor.
     */
    public JsonCursor json(final JsonCursor cursor)
    {
        return cursor.wrap(body, bodyLength);
    }
}

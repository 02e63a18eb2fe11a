package io.ringbot.engine.decode;

import io.ringbot.bot.Update;
import io.ringbot.bot.UpdateKind;

/**
 * The engine's {@link Update}: a reusable flyweight that {@link UpdateDecoder} fills, one per engine.
 * Only what routing and the store need is kept; everything else is skipped while parsing and read through
 * the update's JSON.
 */
public final class DecodedUpdate extends Update
{
    long updateId;
    UpdateKind kind;
    boolean extraPayloads;

    long fromId;
    boolean fromIsBot;
    final StringBuilder firstName = new StringBuilder(64);
    final StringBuilder lastName = new StringBuilder(64);
    final StringBuilder username = new StringBuilder(32);
    final StringBuilder languageCode = new StringBuilder(8);

    long chatId;
    final StringBuilder chatType = new StringBuilder(16);
    final StringBuilder chatTitle = new StringBuilder(64);

    long messageId;
    long date;
    boolean hasText;
    boolean textIsCaption;
    final StringBuilder text = new StringBuilder(256);
    long replyToFromId;

    final StringBuilder queryId = new StringBuilder(32);
    final StringBuilder data = new StringBuilder(64);
    final StringBuilder query = new StringBuilder(64);

    byte[] body = EMPTY_BODY;
    int bodyLength;

    private static final byte[] EMPTY_BODY = new byte[0];

    /**
     * An update with nothing in it (no sender, no chat, kind {@link UpdateKind#UNKNOWN}) until decoded into.
     */
    public DecodedUpdate()
    {
        reset();
    }

    void reset()
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

    @Override
    public long updateId()
    {
        return updateId;
    }

    @Override
    public UpdateKind kind()
    {
        return kind;
    }

    @Override
    public boolean hasExtraPayloads()
    {
        return extraPayloads;
    }

    @Override
    public boolean hasFrom()
    {
        return fromId != NONE;
    }

    @Override
    public long fromId()
    {
        return fromId;
    }

    @Override
    public boolean fromIsBot()
    {
        return fromIsBot;
    }

    @Override
    public CharSequence firstName()
    {
        return firstName;
    }

    @Override
    public CharSequence lastName()
    {
        return lastName;
    }

    @Override
    public CharSequence username()
    {
        return username;
    }

    @Override
    public CharSequence languageCode()
    {
        return languageCode;
    }

    @Override
    public boolean hasChat()
    {
        return chatId != NONE;
    }

    @Override
    public long chatId()
    {
        return chatId;
    }

    @Override
    public CharSequence chatType()
    {
        return chatType;
    }

    @Override
    public CharSequence chatTitle()
    {
        return chatTitle;
    }

    @Override
    public long replyToFromId()
    {
        return replyToFromId;
    }

    @Override
    public long messageId()
    {
        return messageId;
    }

    @Override
    public long date()
    {
        return date;
    }

    @Override
    public boolean hasText()
    {
        return hasText;
    }

    @Override
    public boolean textIsCaption()
    {
        return textIsCaption;
    }

    @Override
    public CharSequence text()
    {
        return text;
    }

    @Override
    public CharSequence queryId()
    {
        return queryId;
    }

    @Override
    public CharSequence data()
    {
        return data;
    }

    @Override
    public CharSequence query()
    {
        return query;
    }

    @Override
    public byte[] body()
    {
        return body;
    }

    @Override
    public int bodyLength()
    {
        return bodyLength;
    }

}

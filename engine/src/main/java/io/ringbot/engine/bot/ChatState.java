package io.ringbot.engine.bot;

import io.ringbot.store.record.ChatRecord;

/**
 * The current update's chat, read and changed in place in the off-heap store (see {@link UserState}).
 */
public final class ChatState extends RecordState
{
    private ChatRecord record;

    void bind(final ChatRecord record)
    {
        this.record = record;
        bound(record != null);
    }

    public long id()
    {
        return record.getId();
    }

    public long messageCount()
    {
        return record.getMessageCount();
    }

    public long incrementMessageCount()
    {
        beginWrite();
        final long count = record.getMessageCount() + 1;
        record.setMessageCount(count);
        return count;
    }

    public long likeCount()
    {
        return record.getLikeCount();
    }

    public long incrementLikeCount()
    {
        beginWrite();
        final long count = record.getLikeCount() + 1;
        record.setLikeCount(count);
        return count;
    }

    public long lastMessageMillis()
    {
        return record.getLastMessageMillis();
    }

    public ChatState lastMessageMillis(final long millis)
    {
        beginWrite();
        record.setLastMessageMillis(millis);
        return this;
    }

    public StringBuilder type(final StringBuilder into)
    {
        return record.getUsingType(into);
    }

    public ChatState type(final CharSequence type)
    {
        beginWrite();
        record.setType(fit(type, ChatRecord.MAX_TYPE_BYTES));
        return this;
    }

    public StringBuilder title(final StringBuilder into)
    {
        return record.getUsingTitle(into);
    }

    public ChatState title(final CharSequence title)
    {
        beginWrite();
        record.setTitle(fit(title, ChatRecord.MAX_TITLE_BYTES));
        return this;
    }

    public long version()
    {
        return record.getVersion();
    }

    boolean wasClean()
    {
        return record.getVersion() == record.getSyncedVersion();
    }

    long seq()
    {
        return record.getSeq();
    }

    void setSeq(final long seq)
    {
        record.setOrderedSeq(seq);
    }

    void setVersion(final long version)
    {
        record.setOrderedVersion(version);
    }
}

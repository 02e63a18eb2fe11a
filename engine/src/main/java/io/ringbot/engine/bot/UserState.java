package io.ringbot.engine.bot;

import io.ringbot.store.record.UserRecord;

/**
 * The current update's user, read and changed in place in the off-heap store. Every setter opens a
 * change; the engine closes it after the handler, so the record's version rises once per update.
 */
public final class UserState extends RecordState
{
    private UserRecord record;

    void bind(final UserRecord record)
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

    /**
     * @return the new count.
     */
    public long incrementMessageCount()
    {
        beginWrite();
        final long count = record.getMessageCount() + 1;
        record.setMessageCount(count);
        return count;
    }

    public long firstSeenMillis()
    {
        return record.getFirstSeenMillis();
    }

    public UserState firstSeenMillis(final long millis)
    {
        beginWrite();
        record.setFirstSeenMillis(millis);
        return this;
    }

    public long lastSeenMillis()
    {
        return record.getLastSeenMillis();
    }

    public UserState lastSeenMillis(final long millis)
    {
        beginWrite();
        record.setLastSeenMillis(millis);
        return this;
    }

    /**
     * @param into a builder to append to (cleared first).
     * @return the builder.
     */
    public StringBuilder firstName(final StringBuilder into)
    {
        return record.getUsingFirstName(into);
    }

    public UserState firstName(final CharSequence name)
    {
        beginWrite();
        record.setFirstName(fit(name, UserRecord.MAX_NAME_BYTES));
        return this;
    }

    public StringBuilder lastName(final StringBuilder into)
    {
        return record.getUsingLastName(into);
    }

    public UserState lastName(final CharSequence name)
    {
        beginWrite();
        record.setLastName(fit(name, UserRecord.MAX_NAME_BYTES));
        return this;
    }

    public StringBuilder username(final StringBuilder into)
    {
        return record.getUsingUsername(into);
    }

    public UserState username(final CharSequence username)
    {
        beginWrite();
        record.setUsername(fit(username, UserRecord.MAX_USERNAME_BYTES));
        return this;
    }

    public StringBuilder languageCode(final StringBuilder into)
    {
        return record.getUsingLanguageCode(into);
    }

    public UserState languageCode(final CharSequence code)
    {
        beginWrite();
        record.setLanguageCode(fit(code, UserRecord.MAX_LANGUAGE_BYTES));
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

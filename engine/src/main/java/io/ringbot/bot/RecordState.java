package io.ringbot.bot;

import io.ringbot.store.record.BooleanField;
import io.ringbot.store.record.DoubleField;
import io.ringbot.store.record.EnumField;
import io.ringbot.store.record.IntField;
import io.ringbot.store.record.LongField;
import io.ringbot.store.record.RecordSchema;
import io.ringbot.store.record.StringField;
import io.ringbot.store.record.TimestampField;

/**
 * A record the current update uses (its user, its chat, another user), read and changed in place in the
 * off-heap store through the schema's typed fields:
 * <pre>
 *   long balance = ctx.user().get(BALANCE);
 *   ctx.user().set(BALANCE, balance + 10).set(NICKNAME, text);
 * </pre>
 * The first change opens the record's seqlock; the engine closes it after the handler, so the record's
 * version rises once per update and the journal writes it. A field of another record type throws
 * {@link IllegalArgumentException}.
 */
public abstract class RecordState
{
    /**
     * The engine provides the one implementation; a test may subclass it.
     */
    protected RecordState()
    {
    }

    /**
     * @return the record type ({@code users} or {@code chats}, as the bot declared it).
     */
    public abstract RecordSchema schema();

    /**
     * @return the user's or chat's id.
     */
    public abstract long id();

    /**
     * @return the record's version: +1 per update that changed it.
     */
    public abstract long version();

    /**
     * @return when the engine first saw this id (epoch ms).
     */
    public abstract long firstSeenMillis();

    /**
     * @return when the engine last saw this id in an update (epoch ms); it keeps this for every bot.
     */
    public abstract long lastSeenMillis();

    /**
     * @return the engine's flags ({@link io.ringbot.store.record.Record#FLAG_BLOCKED}).
     */
    public abstract long flags();

    /**
     * Sets engine flags. The engine keeps {@link io.ringbot.store.record.Record#FLAG_BLOCKED} itself (from a
     * Bot API call's 403 and from {@code my_chat_member} in the user's private chat: kicked sets it, member
     * and any other update from the user clear it): a bot need not set it.
     *
     * @param flags the bits to set.
     * @return this.
     */
    public abstract RecordState addFlags(long flags);

    /**
     * @param flags the bits to clear.
     * @return this.
     */
    public abstract RecordState clearFlags(long flags);

    public abstract long get(LongField field);

    public abstract RecordState set(LongField field, long value);

    /**
     * @param field a long field.
     * @param delta what to add (the sum wraps as Java's long addition does).
     * @return the new value.
     */
    public abstract long add(LongField field, long delta);

    public abstract int get(IntField field);

    public abstract RecordState set(IntField field, int value);

    public abstract boolean get(BooleanField field);

    public abstract RecordState set(BooleanField field, boolean value);

    public abstract double get(DoubleField field);

    public abstract RecordState set(DoubleField field, double value);

    /**
     * @param field an int field.
     * @param delta what to add (the sum wraps as Java's int addition does).
     * @return the new value.
     */
    public int add(final IntField field, final int delta)
    {
        final int value = get(field) + delta;
        set(field, value);
        return value;
    }

    /**
     * @param field a double field.
     * @param delta what to add.
     * @return the new value.
     */
    public double add(final DoubleField field, final double delta)
    {
        final double value = get(field) + delta;
        set(field, value);
        return value;
    }

    /**
     * @param field a timestamp field.
     * @return epoch ms, 0 for unset.
     */
    public abstract long get(TimestampField field);

    public abstract RecordState set(TimestampField field, long millis);

    public abstract <E extends Enum<E>> E get(EnumField<E> field);

    public abstract <E extends Enum<E>> RecordState set(EnumField<E> field, E value);

    /**
     * @param field a string field.
     * @param into  cleared, then filled with the text.
     * @return {@code into}.
     */
    public abstract StringBuilder get(StringField field, StringBuilder into);

    /**
     * Stores text, cut at the last whole character that fits the field's bytes.
     *
     * @param field a string field.
     * @param text  the text.
     * @return this.
     */
    public abstract RecordState set(StringField field, CharSequence text);
}

package io.ringbot.engine.load;

import io.ringbot.bot.Bot;
import io.ringbot.bot.OtherUser;
import io.ringbot.bot.RecordIdOf;
import io.ringbot.bot.Update;
import io.ringbot.store.journal.RecordType;
import io.ringbot.store.record.RecordSchema;
import io.ringbot.store.record.RecordTable;

import java.util.List;

/**
 * The records an update needs before it runs, besides its sender's and its chat's: the bot's
 * {@link Bot#needs} declarations (and its {@link Bot#otherUser}), resolved to the store's record types.
 * {@link #collect} lists an update's (type, id) pairs into reused arrays, duplicates dropped.
 */
public final class RecordNeeds
{
    /** The sender and the chat, besides the declared needs. */
    static final int FIXED = 2;

    private final int[] typeIndexes;
    private final RecordIdOf[] ids;
    private final int[] collectedTypes;
    private final long[] collectedIds;
    private int collected;

    private RecordNeeds(final int[] typeIndexes, final RecordIdOf[] ids)
    {
        this.typeIndexes = typeIndexes;
        this.ids = ids;
        collectedTypes = new int[FIXED + ids.length];
        collectedIds = new long[FIXED + ids.length];
    }

    /**
     * @param bot    the bot.
     * @param tables the store's tables, indexed by record type.
     * @return the bot's needs.
     * @throws IllegalArgumentException when a need names a record type the store does not hold.
     */
    public static RecordNeeds of(final Bot bot, final RecordTable[] tables)
    {
        final List<RecordSchema> types = bot.neededTypes();
        final List<RecordIdOf> finders = bot.neededIds();
        final OtherUser otherUser = bot.otherUser();
        final int count = types.size() + (otherUser != null ? 1 : 0);
        final int[] typeIndexes = new int[count];
        final RecordIdOf[] ids = new RecordIdOf[count];
        int n = 0;
        if (otherUser != null)
        {
            typeIndexes[n] = RecordType.USER.index();
            ids[n++] = otherUser::otherUserId;
        }
        for (int i = 0; i < types.size(); i++)
        {
            typeIndexes[n] = RecordTypes.indexOf(types.get(i), tables, "the same schema to Bot.records(...) and the store");
            ids[n++] = finders.get(i);
        }
        return new RecordNeeds(typeIndexes, ids);
    }

    /**
     * @return the most (type, id) pairs one update can need, sender and chat included.
     */
    int capacity()
    {
        return collectedIds.length;
    }

    /**
     * Lists what an update needs: its sender, each declared need that names a record, its chat.
     *
     * @param update the decoded update.
     * @return how many pairs {@link #type(int)} and {@link #id(int)} hold.
     */
    int collect(final Update update)
    {
        collected = 0;
        if (update.hasFrom())
        {
            add(RecordType.USER.index(), update.fromId());
        }
        for (int i = 0; i < ids.length; i++)
        {
            long id;
            try
            {
                id = ids[i].recordId(update);
            }
            catch (final RuntimeException ex)
            {
                id = Update.NONE; // the handler meets the same input and answers it
            }
            if (id != Update.NONE)
            {
                add(typeIndexes[i], id);
            }
        }
        if (update.hasChat())
        {
            add(RecordType.CHAT.index(), update.chatId());
        }
        return collected;
    }

    int type(final int index)
    {
        return collectedTypes[index];
    }

    long id(final int index)
    {
        return collectedIds[index];
    }

    private void add(final int type, final long id)
    {
        for (int i = 0; i < collected; i++)
        {
            if (collectedTypes[i] == type && collectedIds[i] == id)
            {
                return;
            }
        }
        collectedTypes[collected] = type;
        collectedIds[collected] = id;
        collected++;
    }
}

package io.ringbot.engine.load;

import io.ringbot.bot.Bot;
import io.ringbot.store.journal.RecordType;
import io.ringbot.store.record.RecordSchema;
import io.ringbot.store.record.RecordTable;

import java.util.List;

/**
 * The record types of a store's tables as the engine routes them, checked against what the bot declares.
 */
public final class RecordTypes
{
    private RecordTypes()
    {
    }

    /**
     * @param bot    the bot.
     * @param tables the store's tables, indexed by record type.
     * @return the descriptors, indexed as the tables.
     * @throws IllegalArgumentException when the bot declares a record type the store was not opened with.
     */
    public static RecordType[] of(final Bot bot, final RecordTable[] tables)
    {
        final List<RecordSchema> further = bot.furtherSchemas();
        for (int i = 0; i < further.size(); i++)
        {
            indexOf(further.get(i), tables, "it in StoreContext.furtherSchemas(...)");
        }
        final RecordType[] types = new RecordType[tables.length];
        for (int t = 0; t < tables.length; t++)
        {
            types[t] = RecordType.of(t, tables[t].schema().name());
        }
        return types;
    }

    /**
     * @param schema a record type's schema.
     * @param tables the store's tables.
     * @param fix    what to pass the schema to, for the message.
     * @return its index.
     * @throws IllegalArgumentException when no table holds that schema.
     */
    static int indexOf(final RecordSchema schema, final RecordTable[] tables, final String fix)
    {
        for (int t = 0; t < tables.length; t++)
        {
            if (tables[t].schema() == schema)
            {
                return t;
            }
        }
        throw new IllegalArgumentException("the bot declares the record type '" + schema.name() + "' but the store " +
            "was opened without it: pass " + fix);
    }
}

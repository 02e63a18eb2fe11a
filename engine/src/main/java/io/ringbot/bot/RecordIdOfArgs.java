package io.ringbot.bot;

/**
 * Names the id of a record an update will use from the command's arguments, parsed by the same
 * {@link CommandArgs} a handler reads with {@link BotContext#args()}: {@code bot.needs(TODOS, (update, args)
 * -> args.nextLong(Update.NONE))} declares the todo of {@code "/done@mybot 3"} ({@link Bot#needs(
 * io.ringbot.store.record.RecordSchema, RecordIdOfArgs)}). Runs on the engine thread for every update: no
 * allocation, no blocking; an exception counts as "no record".
 */
@FunctionalInterface
public interface RecordIdOfArgs
{
    /**
     * @param update the decoded update.
     * @param args   its command's arguments, at the first (none when the update is no command).
     * @return the record's id, or {@link Update#NONE} when this update needs none.
     */
    long recordId(Update update, CommandArgs args);
}

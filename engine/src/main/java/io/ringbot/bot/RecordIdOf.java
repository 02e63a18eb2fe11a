package io.ringbot.bot;

/**
 * Names the id of a record an update will use ({@link BotContext#record}), before it runs, so that an
 * update whose record is known only to Firestore waits for that record's read exactly as it does for its
 * sender's ({@link Bot#needs}). Runs on the engine thread for every update: no allocation, no blocking;
 * an exception counts as "no record".
 */
@FunctionalInterface
public interface RecordIdOf
{
    /**
     * @param update the decoded update.
     * @return the record's id, or {@link Update#NONE} when this update needs none.
     */
    long recordId(Update update);
}

package io.ringbot.bot;


/**
 * Names the other user an update will use ({@link BotContext#user(long)}), before it runs, so that an
 * update whose other user is known only to Firestore waits for that record's read exactly as it does
 * for its sender's. Runs on the engine thread for every update: no allocation, no blocking.
 */
@FunctionalInterface
public interface OtherUser
{
    /**
     * @param update the decoded update.
     * @return the other user's id, or {@link Update#NONE}.
     */
    long otherUserId(Update update);
}

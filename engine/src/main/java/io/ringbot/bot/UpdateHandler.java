package io.ringbot.bot;

/**
 * A bot's reaction to one update, run on the engine thread. It reads and changes the current user's
 * and chat's records and writes at most one reply through the context. It must not block, and should
 * not allocate: the context's builders are reused for every update.
 */
@FunctionalInterface
public interface UpdateHandler
{
    void onUpdate(BotContext ctx);
}

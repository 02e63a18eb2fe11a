package io.ringbot.bot;

/**
 * Chooses updates for a predicate route ({@link Bot#on(UpdatePredicate, UpdateHandler)}), e.g. messages
 * with a photo or messages in groups. Runs on the engine thread for every update that reaches it: it must
 * not block, allocate or change records.
 */
@FunctionalInterface
public interface UpdatePredicate
{
    boolean test(BotContext ctx);
}

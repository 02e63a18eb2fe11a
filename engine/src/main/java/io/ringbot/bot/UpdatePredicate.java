package io.ringbot.bot;

/**
 * Chooses updates for a predicate route ({@link Bot#on(UpdatePredicate, UpdateHandler)}), e.g. messages
 * with a photo or messages in groups; the generated {@link io.ringbot.bot.types.Filters} hold one per
 * update kind, payload field and entity type ({@code Filters.MESSAGE_PHOTO}). Runs on the engine thread for every update that reaches it: it must
 * not block, allocate or change records.
 */
@FunctionalInterface
public interface UpdatePredicate
{
    boolean test(BotContext ctx);

    /**
     * @param other another predicate.
     * @return a predicate that accepts what both accept (this one first); built once, at registration.
     */
    default UpdatePredicate and(final UpdatePredicate other)
    {
        return ctx -> test(ctx) && other.test(ctx);
    }

    /**
     * @param other another predicate.
     * @return a predicate that accepts what either accepts (this one first).
     */
    default UpdatePredicate or(final UpdatePredicate other)
    {
        return ctx -> test(ctx) || other.test(ctx);
    }

    /**
     * @return a predicate that accepts what this one refuses.
     */
    default UpdatePredicate negate()
    {
        return ctx -> !test(ctx);
    }
}

package io.ringbot.bot.types;

import io.ringbot.bot.BotContext;
import io.ringbot.bot.UpdateKind;
import io.ringbot.bot.UpdatePredicate;

/**
 * A typed route filter, like a grammY filter query ({@code message:photo}, {@code message:entities:url}):
 * the generated {@link Filters} holds one per update kind, payload field and entity type. Checked in place
 * on the update's bytes, without allocating: the update kind first (decoded already), then the field's
 * presence through the context's views.
 */
public final class UpdateFilter implements UpdatePredicate
{
    private final String query;
    private final long kinds;
    private final int field;
    private final boolean caption;
    private final MessageEntityType entityType;

    private UpdateFilter(final String query, final long kinds, final int field, final boolean caption,
        final MessageEntityType entityType)
    {
        this.query = query;
        this.kinds = kinds;
        this.field = field;
        this.caption = caption;
        this.entityType = entityType;
    }

    static UpdateFilter kind(final String query, final UpdateKind... kinds)
    {
        long mask = 0;
        for (final UpdateKind kind : kinds)
        {
            mask |= 1L << kind.ordinal();
        }
        return new UpdateFilter(query, mask, -1, false, null);
    }

    /** @return a filter for this one's kinds whose payload has the field. */
    UpdateFilter field(final String query, final int field)
    {
        return new UpdateFilter(query, kinds, field, false, null);
    }

    /** @return a filter for this one's (message) kinds with an entity of the type in the text or caption. */
    UpdateFilter entity(final String query, final boolean caption, final MessageEntityType type)
    {
        return new UpdateFilter(query, kinds, -1, caption, type);
    }

    @Override
    public boolean test(final BotContext ctx)
    {
        final UpdateKind kind = ctx.update().kind();
        return matchesKind(kind) && (field < 0 && entityType == null || test(kind, ctx.updateView()));
    }

    /**
     * @param kind   the update's kind.
     * @param update the update's views.
     * @return true when the update passes this filter.
     */
    public boolean test(final UpdateKind kind, final Update update)
    {
        if (!matchesKind(kind))
        {
            return false;
        }
        if (entityType != null)
        {
            final Message message = (Message)update.payload(kind);
            final ObjectArray<MessageEntity> entities = caption ? message.captionEntities() : message.entities();
            for (int i = 0, n = entities.length(); i < n; i++)
            {
                if (entities.get(i).type() == entityType)
                {
                    return true;
                }
            }
            return false;
        }
        return field < 0 || update.payload(kind).hasField(field);
    }

    /**
     * @param kind an update kind.
     * @return true when updates of that kind can pass (for the kinds a bot asks Telegram for).
     */
    public boolean matchesKind(final UpdateKind kind)
    {
        return (kinds & (1L << kind.ordinal())) != 0;
    }

    /**
     * @return the filter query, e.g. {@code message:entities:url}.
     */
    @Override
    public String toString()
    {
        return query;
    }
}

package io.ringbot.engine.bot;

import io.ringbot.engine.decode.UpdateKind;
import io.ringbot.bot.SendResultHandler;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A bot: its handlers by command, plain text, callback data, update kind and predicate, handlers that
 * run before all others, a fallback, and its routing ({@link #route(BotContext)} gives the order). Build
 * it once at start; routing then runs on the engine thread without allocating.
 * <pre>
 *   Bot bot = new Bot()
 *       .command("start", ctx -&gt; ctx.sendMessage().text("Hello"))
 *       .text(ctx -&gt; ctx.sendMessage().text().append("count=").append(ctx.user().incrementMessageCount()))
 *       .callback("like", ctx -&gt; ctx.answerCallbackQuery().text("Liked"));
 * </pre>
 */
public final class Bot
{
    private final List<String> commandNames = new ArrayList<>();
    private final List<UpdateHandler> commandHandlers = new ArrayList<>();
    private final List<Boolean> commandAdminOnly = new ArrayList<>();
    private final List<String> callbackData = new ArrayList<>();
    private final List<UpdateHandler> callbackHandlers = new ArrayList<>();
    private UpdateHandler textHandler;
    private UpdateHandler anyCallbackHandler;
    private UpdateHandler unknownCommandHandler;
    private String username = "";
    private OtherUser otherUser;
    private io.ringbot.store.record.RecordSchema userSchema;
    private io.ringbot.store.record.RecordSchema chatSchema;
    private SendResultHandler sendResultHandler;

    private String[] commands = new String[0];
    private UpdateHandler[] commandArray = new UpdateHandler[0];
    private boolean[] adminOnly = new boolean[0];
    private String[] callbacks = new String[0];
    private UpdateHandler[] callbackArray = new UpdateHandler[0];
    private final UpdateHandler[] kindHandlers = new UpdateHandler[UpdateKind.count()];
    private UpdatePredicate[] predicates = new UpdatePredicate[0];
    private UpdateHandler[] predicateHandlers = new UpdateHandler[0];
    private UpdateHandler[] beforeHandlers = new UpdateHandler[0];
    private UpdateHandler otherwiseHandler;

    /**
     * @param name    the command without slash, e.g. "start".
     * @param handler what to do.
     * @return this.
     */
    public Bot command(final String name, final UpdateHandler handler)
    {
        return addCommand(name, handler, false);
    }

    /**
     * A command only ADMIN_IDS may use, and only in their private chat with the bot (its answer may hold
     * what a group must not see); anywhere else, and for anyone else, it behaves like an unknown command.
     *
     * @param name    the command without slash.
     * @param handler what to do.
     * @return this.
     */
    public Bot adminCommand(final String name, final UpdateHandler handler)
    {
        return addCommand(name, handler, true);
    }

    /**
     * @param handler for text messages that are not commands (a media caption is not a text message).
     * @return this.
     */
    public Bot text(final UpdateHandler handler)
    {
        this.textHandler = handler;
        return this;
    }

    /**
     * @param data    the exact callback data of a button.
     * @param handler what to do when it is pressed.
     * @return this.
     */
    public Bot callback(final String data, final UpdateHandler handler)
    {
        callbackData.add(data);
        callbackHandlers.add(handler);
        callbacks = callbackData.toArray(new String[0]);
        callbackArray = callbackHandlers.toArray(new UpdateHandler[0]);
        return this;
    }

    /**
     * @param handler for callback queries no {@link #callback(String, UpdateHandler)} matched.
     * @return this.
     */
    public Bot anyCallback(final UpdateHandler handler)
    {
        this.anyCallbackHandler = handler;
        return this;
    }

    /**
     * @param handler for commands the bot does not know (and admin commands from non-admins).
     * @return this.
     */
    public Bot unknownCommand(final UpdateHandler handler)
    {
        this.unknownCommandHandler = handler;
        return this;
    }

    /**
     * @param username the bot's username: commands addressed to another bot ("/start@other") are ignored.
     *                 Empty accepts any address.
     * @return this.
     */
    public Bot username(final String username)
    {
        this.username = username == null ? "" : username;
        return this;
    }

    /**
     * @param handler runs on the engine thread with the result of each call made through
     *                {@code ctx.outbound()} (ok with the message_id, or the error).
     * @return this.
     */
    public Bot onSendResult(final SendResultHandler handler)
    {
        this.sendResultHandler = handler;
        return this;
    }

    /**
     * @return the handler of outbound results, or null.
     */
    public SendResultHandler sendResultHandler()
    {
        return sendResultHandler;
    }

    /**
     * @return the registered command names, in order (for /help).
     */
    /**
     * Declares the bot's record types; the engine refuses to start on a store opened with others
     * ({@code StoreContext.userSchema(...)} / {@code chatSchema(...)} must name the same ones).
     *
     * @param userSchema the user record type.
     * @param chatSchema the chat record type.
     * @return this.
     */
    public Bot records(final io.ringbot.store.record.RecordSchema userSchema, final io.ringbot.store.record.RecordSchema chatSchema)
    {
        this.userSchema = userSchema;
        this.chatSchema = chatSchema;
        return this;
    }

    /**
     * @return the declared user record type, or null when the bot uses whatever the store holds.
     */
    public io.ringbot.store.record.RecordSchema userSchema()
    {
        return userSchema;
    }

    public io.ringbot.store.record.RecordSchema chatSchema()
    {
        return chatSchema;
    }

    /**
     * Declares how to find the other user an update will change (a transfer's recipient), so that the
     * update waits for that user's record to load from Firestore when the store does not hold it.
     *
     * @param otherUser finds the id in an update, or {@link io.ringbot.engine.decode.Update#NONE}.
     * @return this.
     */
    public Bot otherUser(final OtherUser otherUser)
    {
        this.otherUser = otherUser;
        return this;
    }

    /**
     * @return the declared {@link OtherUser}, or null.
     */
    public OtherUser otherUser()
    {
        return otherUser;
    }

    public List<String> commandNames()
    {
        return List.copyOf(commandNames);
    }

    /**
     * Handles every update of one kind that no more specific route took (see {@link #route(BotContext)}):
     * {@code bot.on(UpdateKind.EDITED_MESSAGE, ctx -> ...)}. A later call for the same kind replaces it.
     *
     * @param kind    the update kind, e.g. {@link UpdateKind#CHAT_MEMBER}; not {@link UpdateKind#UNKNOWN}
     *                (use {@link #otherwise(UpdateHandler)}).
     * @param handler what to do.
     * @return this.
     */
    public Bot on(final UpdateKind kind, final UpdateHandler handler)
    {
        if (kind == UpdateKind.UNKNOWN)
        {
            throw new IllegalArgumentException("UNKNOWN is not a kind of update: use otherwise(handler) for the rest");
        }
        kindHandlers[kind.ordinal()] = handler;
        return this;
    }

    /**
     * A predicate route: the first registered predicate that accepts an update picks its handler, after
     * known commands and callback data and before the text, kind and fallback handlers.
     * <pre>
     *   bot.on(ctx -&gt; ctx.payload().field("photo").arrayLength() &gt; 0, ctx -&gt; ...);
     * </pre>
     *
     * @param predicate chooses updates; runs on the engine thread, must not allocate or block.
     * @param handler   what to do with them.
     * @return this.
     */
    public Bot on(final UpdatePredicate predicate, final UpdateHandler handler)
    {
        predicates = append(predicates, predicate);
        predicateHandlers = append(predicateHandlers, handler);
        return this;
    }

    /**
     * A handler that runs before all others for every update (with the records bound), in registration
     * order; it may end routing with {@link BotContext#stopRouting()} (an update so stopped counts as handled).
     *
     * @param handler e.g. to ignore banned users or keep a profile fresh.
     * @return this.
     */
    public Bot before(final UpdateHandler handler)
    {
        beforeHandlers = append(beforeHandlers, handler);
        return this;
    }

    /**
     * @param handler for every update no other route took (counted as handled); without it such updates
     *                count in {@code unhandled_updates_total}.
     * @return this.
     */
    public Bot otherwise(final UpdateHandler handler)
    {
        this.otherwiseHandler = handler;
        return this;
    }

    /**
     * Runs the before-handlers, then the routed handler. Engine thread; allocates nothing.
     *
     * @param ctx the current update, records bound.
     * @return true when a handler ran (or a before-handler stopped routing), false when none took it.
     */
    public boolean handle(final BotContext ctx)
    {
        final UpdateHandler[] before = beforeHandlers;
        for (int i = 0; i < before.length; i++)
        {
            ctx.releaseCursors();
            before[i].onUpdate(ctx);
            if (ctx.isRoutingStopped())
            {
                return true;
            }
        }
        final UpdateHandler handler = route(ctx);
        if (handler == null)
        {
            return false;
        }
        ctx.releaseCursors();
        handler.onUpdate(ctx);
        return true;
    }

    /**
     * Picks the handler for the context's update, first match wins:
     * <ol>
     *   <li>a known command (in a message, business or guest message; an admin command only for admins)
     *       or the exact data of a callback query; a command addressed to another bot is ignored;</li>
     *   <li>the predicate routes, in registration order;</li>
     *   <li>{@link #text(UpdateHandler)} for plain text, {@link #unknownCommand(UpdateHandler)} for other
     *       commands, {@link #anyCallback(UpdateHandler)} for other callback queries;</li>
     *   <li>the handler of the update's kind ({@link #on(UpdateKind, UpdateHandler)});</li>
     *   <li>{@link #otherwise(UpdateHandler)}.</li>
     * </ol>
     *
     * @param ctx the current update.
     * @return the handler, or null when the bot does not handle this update.
     */
    public UpdateHandler route(final BotContext ctx)
    {
        final UpdateKind kind = ctx.update().kind();
        final boolean callback = kind == UpdateKind.CALLBACK_QUERY;
        final boolean textual = kind == UpdateKind.MESSAGE || kind == UpdateKind.BUSINESS_MESSAGE ||
            kind == UpdateKind.GUEST_MESSAGE;
        final boolean command = textual && ctx.isCommand();
        if (command)
        {
            final CharSequence target = ctx.commandTarget();
            if (target.length() > 0 && !username.isEmpty() && !username.contentEquals(target))
            {
                return null;
            }
            final UpdateHandler known = routeCommand(ctx);
            if (known != null)
            {
                return known;
            }
        }
        else if (callback)
        {
            final UpdateHandler known = routeCallback(ctx);
            if (known != null)
            {
                return known;
            }
        }
        final UpdatePredicate[] predicates = this.predicates;
        for (int i = 0; i < predicates.length; i++)
        {
            ctx.releaseCursors();
            if (predicates[i].test(ctx))
            {
                return predicateHandlers[i];
            }
        }
        UpdateHandler general = null;
        if (command)
        {
            general = unknownCommandHandler;
        }
        else if (callback)
        {
            general = anyCallbackHandler;
        }
        else if (textual && ctx.update().hasText() && !ctx.update().textIsCaption())
        {
            general = textHandler;
        }
        if (general != null)
        {
            return general;
        }
        final UpdateHandler byKind = kindHandlers[kind.ordinal()];
        return byKind != null ? byKind : otherwiseHandler;
    }

    /** @return the handler of a known command the sender may use, or null. */
    private UpdateHandler routeCommand(final BotContext ctx)
    {
        final CharSequence name = ctx.command();
        final String[] commands = this.commands;
        for (int i = 0; i < commands.length; i++)
        {
            if (commands[i].contentEquals(name))
            {
                if (adminOnly[i] && !(ctx.isAdmin() && ctx.isPrivateChat()))
                {
                    break;
                }
                return commandArray[i];
            }
        }
        return null;
    }

    /** @return the handler of the exact callback data, or null. */
    private UpdateHandler routeCallback(final BotContext ctx)
    {
        final CharSequence data = ctx.update().data();
        final String[] callbacks = this.callbacks;
        for (int i = 0; i < callbacks.length; i++)
        {
            if (callbacks[i].contentEquals(data))
            {
                return callbackArray[i];
            }
        }
        return null;
    }

    private static <T> T[] append(final T[] array, final T element)
    {
        if (element == null)
        {
            throw new NullPointerException("a route needs a handler and, for a predicate route, a predicate");
        }
        final T[] longer = Arrays.copyOf(array, array.length + 1);
        longer[array.length] = element;
        return longer;
    }

    private Bot addCommand(final String name, final UpdateHandler handler, final boolean admin)
    {
        if (name.isEmpty() || name.startsWith("/"))
        {
            throw new IllegalArgumentException("command names have no slash: \"" + name + "\"");
        }
        commandNames.add(name);
        commandHandlers.add(handler);
        commandAdminOnly.add(admin);
        commands = commandNames.toArray(new String[0]);
        commandArray = commandHandlers.toArray(new UpdateHandler[0]);
        adminOnly = new boolean[commandAdminOnly.size()];
        for (int i = 0; i < adminOnly.length; i++)
        {
            adminOnly[i] = commandAdminOnly.get(i);
        }
        return this;
    }

    /**
     * The update kinds this bot handles, for setWebhook's and getUpdates' {@code allowed_updates}: Telegram
     * then sends nothing else.
     *
     * @return e.g. ["message", "callback_query"]; never empty (a bot with no handler still gets messages).
     */
    public java.util.List<String> allowedUpdates()
    {
        final java.util.List<String> kinds = new ArrayList<>();
        // a predicate, a before-handler or a fallback may take any kind: ask Telegram for every kind
        final boolean any = predicates.length > 0 || beforeHandlers.length > 0 || otherwiseHandler != null;
        final boolean callbacksHandled = !callbackHandlers.isEmpty() || anyCallbackHandler != null;
        final boolean messagesHandled = !commandHandlers.isEmpty() || textHandler != null ||
            unknownCommandHandler != null || !callbacksHandled;
        for (final UpdateKind kind : UpdateKind.values())
        {
            if (kind == UpdateKind.UNKNOWN)
            {
                continue;
            }
            if (any || kindHandlers[kind.ordinal()] != null ||
                (kind == UpdateKind.MESSAGE && messagesHandled) ||
                (kind == UpdateKind.CALLBACK_QUERY && callbacksHandled))
            {
                kinds.add(kind.fieldName());
            }
        }
        return kinds;
    }
}

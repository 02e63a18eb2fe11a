package io.ringbot.engine.dispatch;

import io.ringbot.bot.Bot;
import io.ringbot.bot.UpdateHandler;
import io.ringbot.bot.UpdateKind;
import io.ringbot.bot.UpdatePredicate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * A {@link Bot}'s routes, compiled into arrays as they are registered, and the routing that runs them on
 * the engine thread without allocating. The bot holds it privately; the engine reads it with
 * {@link #of(Bot)}, so routing is no method a handler can call.
 */
public final class RouteTable
{
    private static volatile Function<Bot, RouteTable> botRoutes;

    private final List<String> commandNames = new ArrayList<>();
    private final List<UpdateHandler> commandHandlers = new ArrayList<>();
    private final List<Boolean> commandAdminOnly = new ArrayList<>();
    private final List<String> callbackData = new ArrayList<>();
    private final List<UpdateHandler> callbackHandlers = new ArrayList<>();
    private UpdateHandler textHandler;
    private UpdateHandler anyCallbackHandler;
    private UpdateHandler unknownCommandHandler;
    private String username = "";

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
     * Called once, by {@link Bot}'s class initialiser: how to read a bot's private route table.
     *
     * @param access reads a bot's table.
     */
    public static synchronized void grantAccess(final Function<Bot, RouteTable> access)
    {
        if (botRoutes != null)
        {
            throw new IllegalStateException("the route table access is granted once, to Bot");
        }
        botRoutes = access;
    }

    /**
     * @param bot a bot (its class is initialised, so the access is granted).
     * @return its route table, the one the bot's registration methods fill.
     */
    public static RouteTable of(final Bot bot)
    {
        return botRoutes.apply(bot);
    }

    public void command(final String name, final UpdateHandler handler, final boolean admin)
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
    }

    public void text(final UpdateHandler handler)
    {
        this.textHandler = handler;
    }

    public void callback(final String data, final UpdateHandler handler)
    {
        callbackData.add(data);
        callbackHandlers.add(handler);
        callbacks = callbackData.toArray(new String[0]);
        callbackArray = callbackHandlers.toArray(new UpdateHandler[0]);
    }

    public void anyCallback(final UpdateHandler handler)
    {
        this.anyCallbackHandler = handler;
    }

    public void unknownCommand(final UpdateHandler handler)
    {
        this.unknownCommandHandler = handler;
    }

    public void username(final String username)
    {
        this.username = username == null ? "" : username;
    }

    public void on(final UpdateKind kind, final UpdateHandler handler)
    {
        if (kind == UpdateKind.UNKNOWN)
        {
            throw new IllegalArgumentException("UNKNOWN is not a kind of update: use otherwise(handler) for the rest");
        }
        kindHandlers[kind.ordinal()] = handler;
    }

    public void on(final UpdatePredicate predicate, final UpdateHandler handler)
    {
        predicates = append(predicates, predicate);
        predicateHandlers = append(predicateHandlers, handler);
    }

    public void before(final UpdateHandler handler)
    {
        beforeHandlers = append(beforeHandlers, handler);
    }

    public void otherwise(final UpdateHandler handler)
    {
        this.otherwiseHandler = handler;
    }

    /**
     * @return the registered command names, in order (for /help).
     */
    public List<String> commandNames()
    {
        return List.copyOf(commandNames);
    }

    /**
     * Runs the before-handlers, then the routed handler. Engine thread; allocates nothing.
     *
     * @param ctx the current update, records bound.
     * @return true when a handler ran (or a before-handler stopped routing), false when none took it.
     */
    public boolean handle(final HandlerContext ctx)
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
     * Picks the handler for the context's update, in the order {@link Bot} documents; first match wins.
     *
     * @param ctx the current update.
     * @return the handler, or null when the bot does not handle this update.
     */
    UpdateHandler route(final HandlerContext ctx)
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
    private UpdateHandler routeCommand(final HandlerContext ctx)
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
    private UpdateHandler routeCallback(final HandlerContext ctx)
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

    /**
     * The update kinds the routes handle, for setWebhook's and getUpdates' {@code allowed_updates}.
     *
     * @return e.g. ["message", "callback_query"]; never empty (a bot with no handler still gets messages).
     */
    public List<String> allowedUpdates()
    {
        final List<String> kinds = new ArrayList<>();
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

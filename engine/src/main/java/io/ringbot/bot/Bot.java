package io.ringbot.bot;

import io.ringbot.engine.dispatch.RouteTable;
import io.ringbot.store.record.RecordSchema;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A bot: its record types, and its handlers by command, plain text, callback data, update kind and
 * predicate, handlers that run before all others, and a fallback. Build it once at start (these methods
 * are not thread-safe and allocate); ringbot then routes every update on its engine thread without
 * allocating, first match wins:
 * <ol>
 *   <li>a known command (in a message, business or guest message; an admin command only for admins in
 *       their private chat) or the exact data of a callback query; a command addressed to another bot
 *       ("/start@other", see {@link #username(String)}) is ignored;</li>
 *   <li>the predicate routes ({@link #on(UpdatePredicate, UpdateHandler)}), in registration order;</li>
 *   <li>{@link #text(UpdateHandler)} for plain text, {@link #unknownCommand(UpdateHandler)} for other
 *       commands, {@link #anyCallback(UpdateHandler)} for other callback queries;</li>
 *   <li>the handler of the update's kind ({@link #on(UpdateKind, UpdateHandler)});</li>
 *   <li>{@link #otherwise(UpdateHandler)}.</li>
 * </ol>
 * The {@link #before(UpdateHandler)} handlers run ahead of that, for every update.
 * A bot has a name ({@link #name(String)}; by default the class that builds it): the data folder records it.
 * <pre>
 *   Bot bot = new Bot()
 *       .records(USERS, CHATS)
 *       .command("start", ctx -&gt; ctx.sendMessage().text("Hello"))
 *       .text(ctx -&gt; ctx.sendMessage().text().append("count=").append(ctx.user().add(MESSAGES, 1)))
 *       .callback("like", ctx -&gt; ctx.answerCallbackQuery().text("Liked"));
 * </pre>
 */
public final class Bot
{
    static
    {
        RouteTable.grantAccess(bot -> bot.routes);
    }

    /** The most records a bot declares with {@link #needs}. */
    public static final int MAX_NEEDS = 8;

    private final RouteTable routes = new RouteTable();
    private final List<RecordSchema> furtherSchemas = new ArrayList<>();
    private final List<RecordSchema> neededTypes = new ArrayList<>();
    private final List<RecordIdOf> neededIds = new ArrayList<>();
    private OtherUser otherUser;
    private RecordSchema userSchema;
    private RecordSchema chatSchema;
    private SendResultHandler sendResultHandler;
    private String name;
    private List<String> allowedUpdates; // set by the bot, else derived from the routes

    /**
     * A bot named by the class that builds it (e.g. the {@link BotFactory}): {@link #name(String)} names it
     * otherwise.
     */
    public Bot()
    {
        // the caller of this constructor: a start-time call, once per bot
        name = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).getCallerClass().getName();
    }

    /**
     * Names the bot. The data folder records the name of the bot that made it and refuses to start any other
     * bot on it (its records and their layouts are that bot's): keep the name when the bot changes.
     *
     * @param name e.g. "shop"; by default the name of the class that built the bot ({@code com.example.MyBot}).
     * @return this.
     */
    public Bot name(final String name)
    {
        if (name == null || name.isBlank())
        {
            throw new IllegalArgumentException("a bot's name must not be blank");
        }
        this.name = name;
        return this;
    }

    /**
     * @return the bot's name, which the data folder records (see {@link #name(String)}).
     */
    public String name()
    {
        return name;
    }

    /**
     * @param name    the command without slash, e.g. "start".
     * @param handler what to do.
     * @return this.
     */
    public Bot command(final String name, final UpdateHandler handler)
    {
        routes.command(name, handler, false);
        return this;
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
        routes.command(name, handler, true);
        return this;
    }

    /**
     * @param handler for text messages that are not commands (a media caption is not a text message).
     * @return this.
     */
    public Bot text(final UpdateHandler handler)
    {
        routes.text(handler);
        return this;
    }

    /**
     * @param data    the exact callback data of a button.
     * @param handler what to do when it is pressed.
     * @return this.
     */
    public Bot callback(final String data, final UpdateHandler handler)
    {
        routes.callback(data, handler);
        return this;
    }

    /**
     * @param handler for callback queries no {@link #callback(String, UpdateHandler)} matched.
     * @return this.
     */
    public Bot anyCallback(final UpdateHandler handler)
    {
        routes.anyCallback(handler);
        return this;
    }

    /**
     * @param handler for commands the bot does not know (and admin commands from non-admins).
     * @return this.
     */
    public Bot unknownCommand(final UpdateHandler handler)
    {
        routes.unknownCommand(handler);
        return this;
    }

    /**
     * @param username the bot's username: commands addressed to another bot ("/start@other") are ignored.
     *                 Empty accepts any address.
     * @return this.
     */
    public Bot username(final String username)
    {
        routes.username(username);
        return this;
    }

    /**
     * Handles every update of one kind that no more specific route took:
     * {@code bot.on(UpdateKind.EDITED_MESSAGE, ctx -> ...)}. A later call for the same kind replaces it.
     *
     * @param kind    the update kind, e.g. {@link UpdateKind#CHAT_MEMBER}; not {@link UpdateKind#UNKNOWN}
     *                (use {@link #otherwise(UpdateHandler)}).
     * @param handler what to do.
     * @return this.
     */
    public Bot on(final UpdateKind kind, final UpdateHandler handler)
    {
        routes.on(kind, handler);
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
        routes.on(predicate, handler);
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
        routes.before(handler);
        return this;
    }

    /**
     * @param handler for every update no other route took (counted as handled); without it such updates
     *                count in {@code unhandled_updates_total}.
     * @return this.
     */
    public Bot otherwise(final UpdateHandler handler)
    {
        routes.otherwise(handler);
        return this;
    }

    /**
     * Declares how to find the other user an update will change (a transfer's recipient), so that the
     * update waits for that user's record to load from Firestore when the store does not hold it.
     *
     * @param otherUser finds the id in an update, or {@link Update#NONE}.
     * @return this.
     */
    public Bot otherUser(final OtherUser otherUser)
    {
        this.otherUser = otherUser;
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
     * @return the declared user record type, or null when the bot uses whatever the store holds.
     */
    public RecordSchema userSchema()
    {
        return userSchema;
    }

    /**
     * @return the declared chat record type, or null when the bot uses whatever the store holds.
     */
    public RecordSchema chatSchema()
    {
        return chatSchema;
    }

    /**
     * @return the declared {@link OtherUser}, or null.
     */
    public OtherUser otherUser()
    {
        return otherUser;
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
    public List<String> commandNames()
    {
        return routes.commandNames();
    }

    /**
     * The update kinds Telegram is asked for, setWebhook's and getUpdates' {@code allowed_updates}: Telegram
     * then sends nothing else. Unless set with {@link #allowedUpdates(UpdateKind...)}, they are derived from
     * the routes: {@code message} for commands and text, {@code callback_query} for callbacks, each kind
     * with an {@link #on(UpdateKind, UpdateHandler)} handler; and every kind this version knows (all 25 of
     * Bot API 10.1, {@code chat_member}, {@code message_reaction} and {@code message_reaction_count}
     * included, which Telegram sends only when asked) as soon as the bot has a predicate route, a
     * {@link #before(UpdateHandler)} handler or an {@link #otherwise(UpdateHandler)} fallback, since those
     * may take any kind.
     *
     * @return e.g. ["message", "callback_query"]; never empty (a bot with no handler still gets messages).
     */
    public List<String> allowedUpdates()
    {
        return allowedUpdates != null ? allowedUpdates : routes.allowedUpdates();
    }

    /**
     * Sets the update kinds Telegram is asked for, in place of the list derived from the routes
     * ({@link #allowedUpdates()}): to narrow it (a bot with an {@code otherwise} fallback that wants only
     * messages and callbacks) or to widen it (a kind only a predicate reads). Telegram sends no other kind,
     * whatever the routes; each call replaces the previous.
     *
     * @param kinds e.g. {@code UpdateKind.MESSAGE, UpdateKind.MY_CHAT_MEMBER}; at least one, not
     *              {@link UpdateKind#UNKNOWN}.
     * @return this.
     * @throws IllegalArgumentException when {@code kinds} is empty or names {@link UpdateKind#UNKNOWN}.
     */
    public Bot allowedUpdates(final UpdateKind... kinds)
    {
        if (kinds == null || kinds.length == 0)
        {
            throw new IllegalArgumentException("allowedUpdates needs at least one update kind (Telegram reads an " +
                "empty list as its default set, not as none)");
        }
        final List<String> names = new ArrayList<>();
        for (final UpdateKind kind : kinds)
        {
            if (kind == null || kind == UpdateKind.UNKNOWN)
            {
                throw new IllegalArgumentException("allowedUpdates takes the kinds of Bot API " +
                    "(UpdateKind.MESSAGE, ...), not " + kind);
            }
            if (!names.contains(kind.fieldName()))
            {
                names.add(kind.fieldName());
            }
        }
        allowedUpdates = List.copyOf(names);
        return this;
    }

    /**
     * Declares the bot's record types: its user and chat records, and further record types keyed by a
     * long id ({@code orders}, ...), each stored in its own map and journaled to the Firestore collection
     * of its name (after the prefix). A handler uses a further record with {@link BotContext#record}; the
     * engine refuses to start on a store opened without them ({@code StoreContext.furtherSchemas(...)}).
     *
     * @param userSchema    the user record type ("users").
     * @param chatSchema    the chat record type ("chats").
     * @param furtherSchemas further record types, each under its own name.
     * @return this.
     */
    public Bot records(
        final RecordSchema userSchema,
        final RecordSchema chatSchema,
        final RecordSchema... furtherSchemas)
    {
        this.userSchema = userSchema;
        this.chatSchema = chatSchema;
        this.furtherSchemas.clear();
        this.furtherSchemas.addAll(Arrays.asList(furtherSchemas));
        return this;
    }

    /**
     * @return the further record types declared with {@link #records(RecordSchema,
     * RecordSchema, RecordSchema...)}, in order.
     */
    public List<RecordSchema> furtherSchemas()
    {
        return List.copyOf(furtherSchemas);
    }

    /**
     * Declares a record an update needs before it runs: when the store does not hold it and Firestore
     * journaling is on, the update waits for its read (in order for its chat, its HTTP answer held), as it
     * does for its sender and chat. Declare as many as the bot uses: the other users of a transfer, an
     * order parsed from the command, ... (at most {@link #MAX_NEEDS}). Ids the bot creates itself (a new
     * order) need no declaration: a record that is nowhere starts from the schema's defaults.
     *
     * @param type the record type (the user, chat or a further one).
     * @param id   finds the id in an update, or {@link Update#NONE}.
     * @return this.
     */
    public Bot needs(final RecordSchema type, final RecordIdOf id)
    {
        if (type == null || id == null)
        {
            throw new IllegalArgumentException("a record need names its record type and how to find its id");
        }
        if (neededTypes.size() == MAX_NEEDS)
        {
            throw new IllegalArgumentException("a bot declares at most " + MAX_NEEDS + " record needs");
        }
        neededTypes.add(type);
        neededIds.add(id);
        return this;
    }

    /**
     * Declares a record an update needs before it runs, by an id in the command's arguments, which the
     * engine hands over parsed by the same {@link CommandArgs} as {@link BotContext#args()}:
     * <pre>
     *   bot.needs(TODOS, (update, args) -&gt; args.nextLong(Update.NONE)) // "/done@mybot 3": todo 3
     *      .command("done", ctx -&gt; ctx.record(TODOS, ctx.args().nextLong(0)).set(DONE, true));
     * </pre>
     * An update that is no command has no arguments ({@code nextLong} answers its default); otherwise as
     * {@link #needs(RecordSchema, RecordIdOf)}.
     *
     * @param type the record type (the user, chat or a further one).
     * @param id   finds the id in the update and its arguments (at the first), or {@link Update#NONE}.
     * @return this.
     */
    public Bot needs(final RecordSchema type, final RecordIdOfArgs id)
    {
        if (id == null)
        {
            throw new IllegalArgumentException("a record need names its record type and how to find its id");
        }
        final CommandArgs args = new CommandArgs(); // the need's own: engine thread only, reused per update
        return needs(type, update -> id.recordId(update, args.wrapCommand(update)));
    }

    /**
     * @return the record types of the needs declared with {@link #needs}, in order.
     */
    public List<RecordSchema> neededTypes()
    {
        return List.copyOf(neededTypes);
    }

    /**
     * @return how each need finds its id, in the order of {@link #neededTypes()}.
     */
    public List<RecordIdOf> neededIds()
    {
        return List.copyOf(neededIds);
    }
}

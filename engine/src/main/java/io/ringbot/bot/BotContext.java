package io.ringbot.bot;

import io.ringbot.bot.types.UpdateShortcuts;
import io.ringbot.bot.types.UpdateViews;
import io.ringbot.store.record.RecordSchema;
import io.ringbot.store.undo.UndoLog;

/**
 * Everything a handler sees of one update: the update itself, its user's and chat's records (read and
 * changed in place), the parsed command, and the reply to write. The engine hands the same instance to
 * every handler on its thread, update after update: keep nothing from it beyond the call.
 */
public abstract class BotContext extends UpdateShortcuts
{
    /** Records of one type one update may hold at once besides its sender's and chat's: the undo log's room. */
    public static final int MAX_OTHER_USERS = UndoLog.RECORDS_PER_TYPE;
    /** Cursors {@link #json()} hands out per handler or predicate call. */
    public static final int MAX_CURSORS = 16;

    private final UpdateViews views = new UpdateViews();
    private boolean viewsBound;
    private final CommandArgs args = new CommandArgs();
    private boolean argsBound;

    /**
     * The engine provides the one implementation; a test may subclass it.
     */
    protected BotContext()
    {
    }

    /**
     * The update as typed views over its bytes, generated from the Bot API spec: {@code ctx.updateView()
     * .message().photo().last().fileId(sb)}; the shortcuts {@code ctx.message()}, {@code ctx.callbackQuery()},
     * {@code ctx.myChatMember()}, ... start from it. The views are the context's own, reused update after
     * update: reading allocates nothing, and a view is valid while the handler runs.
     *
     * @return the root view ({@code Update} of the Bot API).
     */
    @Override
    public final io.ringbot.bot.types.Update updateView()
    {
        if (!viewsBound)
        {
            final Update update = update();
            views.wrap(update.body(), update.bodyLength());
            viewsBound = true;
        }
        return views.update();
    }

    /**
     * Points the typed views at the next update on their next use: the engine calls it as each update
     * begins (a test subclass calls it when its {@link #update()} changes).
     */
    protected final void releaseViews()
    {
        viewsBound = false;
        argsBound = false;
    }

    /**
     * The command's arguments, read one by one without allocating: for {@code "/done@mybot 3"},
     * {@code ctx.args().nextLong(0)} is 3 (see {@link CommandArgs} for the reads and their errors). The
     * arguments are what follows {@code /name} or {@code /name@bot}, trimmed, as {@link #commandArgs()}; an
     * update that is no command has none. The cursor is the context's own: it starts over at the first
     * argument for each handler and predicate call, and moves on with each read within one.
     *
     * @return the reused cursor over the arguments.
     */
    public CommandArgs args()
    {
        if (!argsBound)
        {
            args.wrapCommand(update());
            argsBound = true;
        }
        return args;
    }

    /**
     * Starts {@link #args()} over at the first argument: the engine calls it before each handler and
     * predicate call.
     */
    protected final void rewindArgs()
    {
        if (argsBound)
        {
            args.rewind();
        }
    }

    /**
     * @return Bot API calls beyond the webhook reply (sent by the outbound sender under flood control;
     * each result comes back to {@code Bot.onSendResult}).
     */
    public abstract OutboundCalls outbound();

    /**
     * @return the update being handled: its decoded fields (any other through {@link #json()}).
     */
    public abstract Update update();

    /**
     * A cursor at the root of the update's JSON, to read any field the Bot API defines without allocating:
     * {@code ctx.json().field("message").field("location").field("latitude").asDouble(0)}. The cursors are
     * the context's own, handed out afresh for each handler and predicate call.
     *
     * @return a cursor at the update object.
     * @throws IllegalStateException when one call asks for more than {@link #MAX_CURSORS}: keep one and
     *                               move it with {@link JsonCursor#root()} or {@link JsonCursor#set(JsonCursor)}.
     */
    public abstract JsonCursor json();

    /**
     * @return a cursor at the update's payload object (the message, the callback query, the poll, ...);
     * {@link JsonCursor#MISSING} for an update of a kind this version does not know.
     */
    public abstract JsonCursor payload();

    /**
     * Ends routing for this update: a handler registered with {@link Bot#before(UpdateHandler)} calls
     * it to keep the update from every later handler (a banned user, a flood).
     */
    public abstract void stopRouting();

    /**
     * @return true when the update has a sender whose record is bound.
     */
    public abstract boolean hasUser();

    /**
     * @return the sender's record; its setters throw when {@link #hasUser()} is false.
     */
    public abstract RecordState user();

    /**
     * @return true when the engine saw the sender for the first time in this update (its record holds
     * the fields' defaults), false also for a user adopted from Firestore.
     */
    public abstract boolean isNewUser();

    /**
     * @return true when the engine saw this chat for the first time in this update.
     */
    public abstract boolean isNewChat();

    /**
     * Another user's record (a transfer's recipient, a referrer), read and changed like the sender's:
     * {@code record(users, id)}. One the store does not hold yet is created with the fields' defaults; when
     * Firestore may hold it, declare it with {@link Bot#needs} (or {@link Bot#otherUser(OtherUser)}) so that
     * the update waits for its read first.
     *
     * @param id the user's id.
     * @return the record, the sender's own when {@code id} is the sender.
     * @throws IllegalStateException when more than {@link #MAX_OTHER_USERS} other users are asked for, or
     *                               the store has no room for a new one (the update is then refused with
     *                               503 and nothing of it kept, whatever the handler does next).
     */
    public abstract RecordState user(long id);

    /**
     * A record of any declared type by id (an order, another user, another chat), read and changed like
     * the sender's: {@code ctx.record(ORDERS, orderId).add(AMOUNT, 5)}. One the store does not hold is
     * created ({@link #find} looks up without creating) with the schema's defaults and the engine's header (id, first seen); when Firestore may
     * hold it, declare it with {@link Bot#needs} so that the update waits for its read first. Engine
     * thread; allocates nothing.
     *
     * @param type the record type, as declared with {@link Bot#records}.
     * @param id   the record's id.
     * @return the record, the sender's or chat's own when {@code type} and {@code id} name them.
     * @throws IllegalArgumentException when the bot declared no such record type.
     * @throws IllegalStateException    when more than {@link #MAX_OTHER_USERS} records of one type are asked
     *                                  for, or the store has no room for a new one (the update is then
     *                                  refused with 503 and nothing of it kept, whatever the handler does next).
     */
    public abstract RecordState record(RecordSchema type, long id);

    /**
     * A record of any declared type by id when the store holds it, without creating one:
     * {@code RecordState todo = ctx.find(TODOS, id); if (todo == null) ...}. A record known only to Firestore
     * (evicted, or written by another backend) is found when the bot declared it with {@link Bot#needs} (the
     * update then waits for its read first); otherwise it is absent. A found record counts, as with
     * {@link #record}, against {@link #MAX_OTHER_USERS} per type. Engine thread; allocates nothing.
     *
     * @param type the record type, as declared with {@link Bot#records}.
     * @param id   the record's id.
     * @return the record, the sender's or chat's own when {@code type} and {@code id} name them; null when
     * the store holds no such record.
     * @throws IllegalArgumentException when the bot declared no such record type.
     * @throws IllegalStateException    when more than {@link #MAX_OTHER_USERS} records of one type are asked for.
     */
    public abstract RecordState find(RecordSchema type, long id);

    /**
     * Whether the store holds a record, without creating or binding it (see {@link #find}).
     *
     * @param type the record type, as declared with {@link Bot#records}.
     * @param id   the record's id.
     * @return true when present.
     * @throws IllegalArgumentException when the bot declared no such record type.
     */
    public abstract boolean exists(RecordSchema type, long id);

    /**
     * @return true when the update has a chat whose record is bound.
     */
    public abstract boolean hasChat();

    /**
     * @return the chat's record; its setters throw when {@link #hasChat()} is false.
     */
    public abstract RecordState chat();

    /**
     * @return the engine's current time (epoch ms), read once per batch.
     */
    public abstract long nowMillis();

    /**
     * @return true when the sender is one of ADMIN_IDS.
     */
    public abstract boolean isAdmin();

    /**
     * @return true when the update comes from the sender's private chat with the bot (chat type
     * "private", chat id = sender id), where answers are seen by the sender alone.
     */
    public abstract boolean isPrivateChat();

    /**
     * @return true when the text is a bot command ("/name").
     */
    public abstract boolean isCommand();

    /**
     * @return the command's name without the slash and bot tag ("start" for "/start@mybot now").
     */
    public abstract CharSequence command();

    /**
     * @return the bot username a command was addressed to ("mybot" for "/start@mybot"), or empty.
     */
    public abstract CharSequence commandTarget();

    /**
     * @return the text after the command and its bot tag, trimmed at both ends ("now" for
     * "/start@mybot   now "; empty when there is none). {@link #args()} reads it argument by argument.
     */
    public abstract CharSequence commandArgs();

    /**
     * @return a builder to use for a moment within a handler (cleared).
     */
    public abstract StringBuilder scratch();

    /**
     * Answers with sendMessage to the update's chat.
     *
     * @return the reply to fill: {@code ctx.sendMessage().text().append("count=").append(n)}.
     */
    public abstract Reply sendMessage();

    /**
     * Answers a callback query (the button's spinner stops; an optional text shows).
     *
     * @return the reply to fill.
     */
    public abstract Reply answerCallbackQuery();

    /**
     * Answers by editing the text of the message the update refers to (a callback's message).
     *
     * @return the reply to fill.
     */
    public abstract Reply editMessageText();

    /**
     * @return the reply as it stands.
     */
    public abstract Reply reply();
}

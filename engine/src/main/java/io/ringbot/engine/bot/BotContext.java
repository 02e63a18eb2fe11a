package io.ringbot.engine.bot;

import io.ringbot.engine.decode.JsonCursor;
import io.ringbot.engine.decode.Update;
import io.ringbot.engine.decode.UpdateKind;
import io.ringbot.store.record.Record;
import io.ringbot.store.record.RecordSchema;
import io.ringbot.store.record.RecordTable;
import io.ringbot.bot.OutboundCalls;
import io.ringbot.engine.outbound.OutboundProxy;

/**
 * Everything a handler sees of one update: the update itself, its user's and chat's records (read and
 * changed in place), the parsed command, and the reply to write. One instance, reused for every update
 * on the engine thread.
 */
public final class BotContext
{
    private static final String PRIVATE = "private";

    /** Other users' records one update may hold at once. */
    public static final int MAX_OTHER_USERS = 4;
    /** Cursors {@link #json()} hands out per handler or predicate call. */
    public static final int MAX_CURSORS = 16;

    private final RecordState user;
    private final RecordState chat;
    private final RecordState[] others = new RecordState[MAX_OTHER_USERS];
    private final RecordTable users;
    private int otherCount;
    private boolean newUser;
    private boolean newChat;
    private final Reply reply = new Reply();
    private final OutboundProxy outbound = new OutboundProxy();
    private final StringBuilder command = new StringBuilder(32);
    private final StringBuilder commandTarget = new StringBuilder(32);
    private final StringBuilder commandArgs = new StringBuilder(256);
    private final StringBuilder scratch = new StringBuilder(256);
    private final JsonCursor[] cursors = new JsonCursor[MAX_CURSORS];
    private int cursorCount;
    private boolean stopped;
    private Update update;
    private long nowMillis;
    private boolean admin;
    private boolean isCommand;

    /**
     * A context without a store (records carry only the engine's header), e.g. to exercise replies.
     */
    public BotContext()
    {
        this(null, RecordSchema.named("users").seal(), RecordSchema.named("chats").seal());
    }

    BotContext(final RecordTable users, final RecordSchema userSchema, final RecordSchema chatSchema)
    {
        this.users = users;
        this.user = new RecordState(userSchema);
        this.chat = new RecordState(chatSchema);
        for (int i = 0; i < others.length; i++)
        {
            others[i] = new RecordState(userSchema);
        }
        for (int i = 0; i < cursors.length; i++)
        {
            cursors[i] = new JsonCursor();
        }
    }

    /**
     * Prepares for an update; the engine binds the records next.
     *
     * @param update    the decoded update.
     * @param nowMillis the engine's clock, read once per batch.
     * @param admin     whether the sender is in ADMIN_IDS.
     */
    public void begin(final Update update, final long nowMillis, final boolean admin)
    {
        this.update = update;
        this.nowMillis = nowMillis;
        this.admin = admin;
        reply.reset(Reply.Method.NONE);
        parseCommand(update);
        user.bind(null);
        chat.bind(null);
        otherCount = 0;
        newUser = false;
        newChat = false;
        stopped = false;
        cursorCount = 0;
        outbound.originUser(update.hasFrom() ? update.fromId() : 0);
    }

    /**
     * @return Bot API calls beyond the webhook reply (sent by the outbound sender under flood control;
     * each result comes back to {@code Bot.onSendResult}).
     */
    public OutboundCalls outbound()
    {
        return outbound;
    }

    public Update update()
    {
        return update;
    }

    /**
     * A cursor at the root of the update's JSON, to read any field the Bot API defines without allocating:
     * {@code ctx.json().field("message").field("location").field("latitude").asDouble(0)}. The cursors are
     * the context's own, handed out afresh for each handler and predicate call.
     *
     * @return a cursor at the update object.
     * @throws IllegalStateException when one call asks for more than {@link #MAX_CURSORS}: keep one and
     *                               move it with {@link JsonCursor#root()} or {@link JsonCursor#set(JsonCursor)}.
     */
    public JsonCursor json()
    {
        if (cursorCount == cursors.length)
        {
            throw new IllegalStateException("a handler may hold at most " + MAX_CURSORS +
                " cursors from ctx.json(): reuse one with root() or set(other)");
        }
        return update.json(cursors[cursorCount++]);
    }

    /**
     * @return a cursor at the update's payload object (the message, the callback query, the poll, ...);
     * {@link JsonCursor#MISSING} for an update of a kind this version does not know.
     */
    public JsonCursor payload()
    {
        final JsonCursor cursor = json();
        final UpdateKind kind = update.kind();
        return kind == UpdateKind.UNKNOWN ? cursor.clear() : cursor.field(kind.fieldName());
    }

    /**
     * Ends routing for this update: a handler registered with {@link Bot#before(UpdateHandler)} calls
     * it to keep the update from every later handler (a banned user, a flood).
     */
    public void stopRouting()
    {
        stopped = true;
    }

    /**
     * @return true once {@link #stopRouting()} was called for this update.
     */
    public boolean isRoutingStopped()
    {
        return stopped;
    }

    /** Hands the cursors out afresh (before each handler or predicate call). */
    void releaseCursors()
    {
        cursorCount = 0;
    }

    /**
     * @return true when the update has a sender whose record is bound.
     */
    public boolean hasUser()
    {
        return user.isBound();
    }

    /**
     * @return the sender's record; its setters throw when {@link #hasUser()} is false.
     */
    public RecordState user()
    {
        return user;
    }

    /**
     * @return true when the engine saw the sender for the first time in this update (its record holds
     * the fields' defaults), false also for a user adopted from Firestore.
     */
    public boolean isNewUser()
    {
        return newUser;
    }

    /**
     * @return true when the engine saw this chat for the first time in this update.
     */
    public boolean isNewChat()
    {
        return newChat;
    }

    /**
     * Another user's record (a transfer's recipient, a referrer), read and changed like the sender's.
     * One the store does not hold yet is created with the fields' defaults; when Firestore may hold it,
     * declare it with {@link Bot#otherUser(OtherUser)} so that the update waits for its read first.
     *
     * @param id the user's id.
     * @return the record, the sender's own when {@code id} is the sender.
     * @throws IllegalStateException when more than {@link #MAX_OTHER_USERS} other users are asked for, or
     *                               the store is full.
     */
    public RecordState user(final long id)
    {
        if (user.isBound() && user.id() == id)
        {
            return user;
        }
        for (int i = 0; i < otherCount; i++)
        {
            if (others[i].id() == id)
            {
                return others[i];
            }
        }
        if (users == null)
        {
            throw new IllegalStateException("this context has no store");
        }
        if (otherCount == others.length)
        {
            throw new IllegalStateException("an update can use at most " + MAX_OTHER_USERS + " other users' records");
        }
        final RecordState other = others[otherCount++];
        final Record record = users.acquire(id);
        other.bind(record);
        if (record.id() == 0)
        {
            other.beginWrite();
            other.record().id(id);
            other.record().firstSeenMillis(nowMillis);
        }
        return other;
    }

    public boolean hasChat()
    {
        return chat.isBound();
    }

    public RecordState chat()
    {
        return chat;
    }

    /**
     * @return the engine's current time (epoch ms), read once per batch.
     */
    public long nowMillis()
    {
        return nowMillis;
    }

    /**
     * @return true when the sender is one of ADMIN_IDS.
     */
    public boolean isAdmin()
    {
        return admin;
    }

    /**
     * @return true when the update comes from the sender's private chat with the bot (chat type
     * "private", chat id = sender id), where answers are seen by the sender alone.
     */
    public boolean isPrivateChat()
    {
        return update.hasFrom() && update.hasChat() && update.chatId() == update.fromId() &&
            PRIVATE.contentEquals(update.chatType());
    }

    /**
     * @return true when the text is a bot command ("/name").
     */
    public boolean isCommand()
    {
        return isCommand;
    }

    /**
     * @return the command's name without the slash and bot tag ("start" for "/start@mybot now").
     */
    public CharSequence command()
    {
        return command;
    }

    /**
     * @return the bot username a command was addressed to ("mybot" for "/start@mybot"), or empty.
     */
    public CharSequence commandTarget()
    {
        return commandTarget;
    }

    /**
     * @return the text after the command ("now" for "/start now").
     */
    public CharSequence commandArgs()
    {
        return commandArgs;
    }

    /**
     * @return a builder to use for a moment within a handler (cleared).
     */
    public StringBuilder scratch()
    {
        scratch.setLength(0);
        return scratch;
    }

    /**
     * Answers with sendMessage to the update's chat.
     *
     * @return the reply to fill: {@code ctx.sendMessage().text().append("count=").append(n)}.
     */
    public Reply sendMessage()
    {
        reply.reset(Reply.Method.SEND_MESSAGE);
        reply.chatId = update.chatId();
        return reply;
    }

    /**
     * Answers a callback query (the button's spinner stops; an optional text shows).
     *
     * @return the reply to fill.
     */
    public Reply answerCallbackQuery()
    {
        reply.reset(Reply.Method.ANSWER_CALLBACK_QUERY);
        reply.callbackQueryId.append(update.queryId());
        return reply;
    }

    /**
     * Answers by editing the text of the message the update refers to (a callback's message).
     *
     * @return the reply to fill.
     */
    public Reply editMessageText()
    {
        reply.reset(Reply.Method.EDIT_MESSAGE_TEXT);
        reply.chatId = update.chatId();
        reply.messageId = update.messageId();
        return reply;
    }

    /**
     * @return the reply as it stands.
     */
    public Reply reply()
    {
        return reply;
    }

    int otherCount()
    {
        return otherCount;
    }

    RecordState other(final int index)
    {
        return others[index];
    }

    void newUser(final boolean newUser)
    {
        this.newUser = newUser;
    }

    void newChat(final boolean newChat)
    {
        this.newChat = newChat;
    }


    private void parseCommand(final Update update)
    {
        command.setLength(0);
        commandTarget.setLength(0);
        commandArgs.setLength(0);
        final CharSequence text = update.text();
        final int length = text.length();
        isCommand = update.hasText() && !update.textIsCaption() && length > 1 && text.charAt(0) == '/';
        if (!isCommand)
        {
            return;
        }
        int i = 1;
        while (i < length && !isSpace(text.charAt(i)) && text.charAt(i) != '@')
        {
            command.append(text.charAt(i++));
        }
        if (i < length && text.charAt(i) == '@')
        {
            i++;
            while (i < length && !isSpace(text.charAt(i)))
            {
                commandTarget.append(text.charAt(i++));
            }
        }
        while (i < length && isSpace(text.charAt(i)))
        {
            i++;
        }
        commandArgs.append(text, i, length);
    }

    private static boolean isSpace(final char c)
    {
        return c == ' ' || c == '\n' || c == '\t';
    }
}

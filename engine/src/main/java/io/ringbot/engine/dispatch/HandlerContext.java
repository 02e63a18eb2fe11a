package io.ringbot.engine.dispatch;

import io.ringbot.bot.BotContext;
import io.ringbot.bot.CommandArgs;
import io.ringbot.bot.JsonCursor;
import io.ringbot.bot.RecordState;
import io.ringbot.bot.Reply;
import io.ringbot.bot.Update;
import io.ringbot.bot.UpdateKind;
import io.ringbot.store.journal.RecordType;
import io.ringbot.store.record.Record;
import io.ringbot.store.record.RecordSchema;
import io.ringbot.store.record.RecordTable;
import io.ringbot.store.record.TableFullException;
import io.ringbot.bot.OutboundCalls;
import io.ringbot.engine.outbound.OutboundProxy;

import java.util.Arrays;

/**
 * The engine's {@link BotContext}: one instance, reused for every update on the engine thread.
 * {@link UpdateDispatcher} begins it for an update and binds its records; {@link RouteTable} hands it to
 * the handlers.
 */
public final class HandlerContext extends BotContext
{
    private static final String PRIVATE = "private";

    private final RecordBinding user;
    private final RecordBinding chat;
    private boolean newUser;
    private boolean newChat;
    private final ReplyDraft reply = new ReplyDraft();
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
    public HandlerContext()
    {
        this(RecordSchema.named("users").seal(), RecordSchema.named("chats").seal());
    }

    HandlerContext(final RecordSchema userSchema, final RecordSchema chatSchema)
    {
        this.user = new RecordBinding(userSchema);
        this.chat = new RecordBinding(chatSchema);
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
        if (recordCounts != null)
        {
            Arrays.fill(recordCounts, 0);
        }
        newUser = false;
        newChat = false;
        refusedType = -1;
        stopped = false;
        cursorCount = 0;
        releaseViews();
        outbound.originUser(update.hasFrom() ? update.fromId() : 0);
    }

    @Override
    public OutboundCalls outbound()
    {
        return outbound;
    }

    @Override
    public Update update()
    {
        return update;
    }

    @Override
    public JsonCursor json()
    {
        if (cursorCount == cursors.length)
        {
            throw new IllegalStateException("a handler may hold at most " + MAX_CURSORS +
                " cursors from ctx.json(): reuse one with root() or set(other)");
        }
        return update.json(cursors[cursorCount++]);
    }

    @Override
    public JsonCursor payload()
    {
        final JsonCursor cursor = json();
        final UpdateKind kind = update.kind();
        return kind == UpdateKind.UNKNOWN ? cursor.clear() : cursor.field(kind.fieldName());
    }

    @Override
    public void stopRouting()
    {
        stopped = true;
    }

    boolean isRoutingStopped()
    {
        return stopped;
    }

    /** Hands the cursors out afresh (before each handler or predicate call). */
    void releaseCursors()
    {
        cursorCount = 0;
        rewindArgs();
    }

    @Override
    public boolean hasUser()
    {
        return user.isBound();
    }

    @Override
    public RecordState user()
    {
        return user;
    }

    @Override
    public boolean isNewUser()
    {
        return newUser;
    }

    @Override
    public boolean isNewChat()
    {
        return newChat;
    }

    @Override
    public RecordState user(final long id)
    {
        return record(user.schema(), id);
    }

    @Override
    public boolean hasChat()
    {
        return chat.isBound();
    }

    @Override
    public RecordState chat()
    {
        return chat;
    }

    @Override
    public long nowMillis()
    {
        return nowMillis;
    }

    @Override
    public boolean isAdmin()
    {
        return admin;
    }

    @Override
    public boolean isPrivateChat()
    {
        return update.hasFrom() && update.hasChat() && update.chatId() == update.fromId() &&
            PRIVATE.contentEquals(update.chatType());
    }

    @Override
    public boolean isCommand()
    {
        return isCommand;
    }

    @Override
    public CharSequence command()
    {
        return command;
    }

    @Override
    public CharSequence commandTarget()
    {
        return commandTarget;
    }

    @Override
    public CharSequence commandArgs()
    {
        return commandArgs;
    }

    @Override
    public StringBuilder scratch()
    {
        scratch.setLength(0);
        return scratch;
    }

    @Override
    public Reply sendMessage()
    {
        reply.reset(Reply.Method.SEND_MESSAGE);
        reply.chatId = update.chatId();
        return reply;
    }

    @Override
    public Reply answerCallbackQuery()
    {
        reply.reset(Reply.Method.ANSWER_CALLBACK_QUERY);
        reply.callbackQueryId.append(update.queryId());
        return reply;
    }

    @Override
    public Reply editMessageText()
    {
        reply.reset(Reply.Method.EDIT_MESSAGE_TEXT);
        reply.chatId = update.chatId();
        reply.messageId = update.messageId();
        return reply;
    }

    @Override
    public Reply reply()
    {
        return reply;
    }

    RecordBinding userBinding()
    {
        return user;
    }

    RecordBinding chatBinding()
    {
        return chat;
    }

    ReplyDraft draft()
    {
        return reply;
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
        isCommand = CommandArgs.isCommand(update);
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
        int end = length;
        while (i < end && isSpace(text.charAt(i)))
        {
            i++;
        }
        while (end > i && isSpace(text.charAt(end - 1)))
        {
            end--;
        }
        commandArgs.append(text, i, end);
    }

    private static boolean isSpace(final char c)
    {
        return CommandArgs.isSpace(c);
    }

    @Override
    public RecordState record(final RecordSchema type, final long id)
    {
        return bindRecord(type, id, true);
    }

    @Override
    public RecordState find(final RecordSchema type, final long id)
    {
        return bindRecord(type, id, false);
    }

    @Override
    public boolean exists(final RecordSchema type, final long id)
    {
        if (recordTables == null)
        {
            throw new IllegalStateException("this context has no store");
        }
        return recordTables[typeIndex(type)].contains(id);
    }

    private RecordState bindRecord(final RecordSchema type, final long id, final boolean create)
    {
        if (recordTables == null)
        {
            throw new IllegalStateException("this context has no store");
        }
        final int t = typeIndex(type);
        if (t == USER_INDEX && user.isBound() && user.id() == id)
        {
            return user;
        }
        if (t == CHAT_INDEX && chat.isBound() && chat.id() == id)
        {
            return chat;
        }
        final RecordBinding[] states = recordStates[t];
        final int count = recordCounts[t];
        for (int i = 0; i < count; i++)
        {
            if (states[i].id() == id)
            {
                return states[i];
            }
        }
        if (!create && !recordTables[t].contains(id))
        {
            return null; // checked before the limit: a look-up of an absent record uses no slot
        }
        if (count == states.length)
        {
            throw new IllegalStateException("an update can use at most " + MAX_OTHER_USERS + " records of type '" +
                type.name() + "' besides its sender's and chat's");
        }
        final RecordBinding state = states[count];
        final Record record = create ? recordTables[t].tryAcquire(id) : recordTables[t].find(id);
        if (record == null)
        {
            if (create)
            {
                throw refuse(t);
            }
            return null;
        }
        state.bind(record);
        recordCounts[t] = count + 1;
        state.claimIfNew(id, nowMillis);
        return state;
    }

    /**
     * Remembers that a new record of a type found no room (the update is refused whatever the handler does
     * with the exception).
     *
     * @param typeIndex the record type's index.
     * @return the exception that unwinds the handler.
     */
    TableFullException refuse(final int typeIndex)
    {
        if (refusedType < 0)
        {
            refusedType = typeIndex;
        }
        return recordTables[typeIndex].refusal();
    }

    /**
     * @return the record type index a new record of which found no room during this update, or -1.
     */
    int refusedType()
    {
        return refusedType;
    }

    /**
     * Binds the context to the store's tables, indexed by record type (users, chats, further types).
     */
    void records(final RecordTable[] tables)
    {
        recordTables = tables.clone();
        recordStates = new RecordBinding[tables.length][];
        recordCounts = new int[tables.length];
        for (int t = 0; t < tables.length; t++)
        {
            final RecordSchema schema = t == USER_INDEX ? user.schema() : t == CHAT_INDEX ? chat.schema() : tables[t].schema();
            recordStates[t] = new RecordBinding[MAX_OTHER_USERS];
            for (int i = 0; i < MAX_OTHER_USERS; i++)
            {
                recordStates[t][i] = new RecordBinding(schema);
            }
        }
    }

    /**
     * @return how many record types the context is bound to.
     */
    int recordTypeCount()
    {
        return recordCounts == null ? 0 : recordCounts.length;
    }

    /**
     * @return how many records of a type this update uses besides its sender and chat.
     */
    int recordCount(final int typeIndex)
    {
        return recordCounts[typeIndex];
    }

    RecordBinding record(final int typeIndex, final int index)
    {
        return recordStates[typeIndex][index];
    }

    private int typeIndex(final RecordSchema type)
    {
        final RecordTable[] tables = recordTables;
        for (int t = 0; t < tables.length; t++)
        {
            if (tables[t].schema() == type)
            {
                return t;
            }
        }
        throw new IllegalArgumentException("record type '" + (type == null ? null : type.name()) + "' is not " +
            "declared: pass it to Bot.records(users, chats, ...) and the store");
    }

    private static final int USER_INDEX = RecordType.USER.index();
    private static final int CHAT_INDEX = RecordType.CHAT.index();
    private RecordTable[] recordTables;
    private RecordBinding[][] recordStates;
    private int[] recordCounts;
    private int refusedType = -1;
}

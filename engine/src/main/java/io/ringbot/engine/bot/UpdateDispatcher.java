package io.ringbot.engine.bot;

import io.ringbot.engine.decode.Update;
import io.ringbot.engine.outbound.BlockedFlag;
import io.ringbot.engine.outbound.OutboundRing;
import io.ringbot.engine.outbound.SendResult;
import io.ringbot.engine.outbound.SendResultHandler;
import io.ringbot.store.record.ChatRecord;
import io.ringbot.store.record.RecordTable;
import io.ringbot.store.record.UserRecord;
import net.openhft.chronicle.values.Values;
import org.agrona.concurrent.status.AtomicCounter;

import java.util.Arrays;

/**
 * Runs one decoded update through a {@link Bot}: binds the sender's and chat's records in place
 * (creating them on first sight), routes, runs the handler, closes the changes (version + 1) and
 * tells the journal which records became dirty, then encodes the reply. Engine thread only.
 * <p>
 * When the store is full a new record cannot be created: the handler then runs against a scratch
 * record, so the update is still answered, and the condition is counted; nothing is stored for it.
 */
public final class UpdateDispatcher
{
    /** The bot has no handler for this update. */
    public static final int UNHANDLED = 0;
    /** A handler ran. */
    public static final int HANDLED = 1;

    private final Bot bot;
    private final RecordTable<UserRecord> users;
    private final RecordTable<ChatRecord> chats;
    private final long[] adminIds;
    private final RecordChanges changes;
    private final AtomicCounter usersCreated;
    private final AtomicCounter chatsCreated;
    private final AtomicCounter storeFull;
    private final BotContext ctx = new BotContext();
    private final ReplyEncoder encoder = new ReplyEncoder();
    private final UserRecord scratchUser = Values.newHeapInstance(UserRecord.class);
    private final ChatRecord scratchChat = Values.newHeapInstance(ChatRecord.class);
    private final Update noUpdate = new Update();
    private final SendResult sendResult = new SendResult();
    private boolean userIsScratch;
    private boolean chatIsScratch;

    public UpdateDispatcher(
        final Bot bot,
        final RecordTable<UserRecord> users,
        final RecordTable<ChatRecord> chats,
        final long[] adminIds,
        final RecordChanges changes,
        final AtomicCounter usersCreated,
        final AtomicCounter chatsCreated,
        final AtomicCounter storeFull)
    {
        this.bot = bot;
        this.users = users;
        this.chats = chats;
        this.adminIds = adminIds.clone();
        Arrays.sort(this.adminIds);
        this.changes = changes;
        this.usersCreated = usersCreated;
        this.chatsCreated = chatsCreated;
        this.storeFull = storeFull;
    }

    /**
     * Runs the bot on an update. Always call {@link #closeChanges()} afterwards, also when this throws.
     *
     * @param update    the decoded update.
     * @param nowMillis the engine's clock.
     * @return {@link #HANDLED} or {@link #UNHANDLED}.
     */
    public int dispatch(final Update update, final long nowMillis)
    {
        final boolean admin = update.hasFrom() && Arrays.binarySearch(adminIds, update.fromId()) >= 0;
        ctx.begin(update, nowMillis, admin);
        if (update.hasFrom())
        {
            bindUser(update, nowMillis);
        }
        if (update.hasChat())
        {
            bindChat(update);
        }
        final UpdateHandler handler = bot.route(ctx);
        if (handler == null)
        {
            return UNHANDLED;
        }
        handler.onUpdate(ctx);
        return HANDLED;
    }

    /**
     * @param ring the outbound queue handlers' {@code ctx.outbound()} calls go to (null: refused).
     */
    public void outbound(final OutboundRing ring)
    {
        ctx.outbound().ring(ring);
    }

    /**
     * Delivers the result of an outbound call: marks a user who blocked the bot, then runs the bot's
     * result handler with the origin user's and the target chat's records bound (existing ones only).
     *
     * @param body      the encoded {@link SendResult}.
     * @param length    its length.
     * @param nowMillis the engine's clock.
     */
    public void onSendResult(final byte[] body, final int length, final long nowMillis)
    {
        final SendResult result = sendResult.wrap(body, length);
        if (result.blocked() && result.chatId() > 0)
        {
            markBlocked(result.chatId(), nowMillis);
        }
        final SendResultHandler handler = bot.sendResultHandler();
        if (handler == null || result.broadcast())
        {
            return;
        }
        ctx.begin(noUpdate, nowMillis, false);
        ctx.outbound().originUser(result.originUserId());
        userIsScratch = false;
        chatIsScratch = false;
        try
        {
            final UserRecord user = result.originUserId() == 0 ? null : users.find(result.originUserId());
            if (user != null)
            {
                ctx.userState().bind(user);
            }
            final ChatRecord chat = result.chatId() == 0 ? null : chats.find(result.chatId());
            if (chat != null)
            {
                ctx.chatState().bind(chat);
            }
            handler.onSendResult(ctx, result);
        }
        finally
        {
            closeChanges();
            discardReply();
        }
    }

    private void markBlocked(final long userId, final long nowMillis)
    {
        final UserRecord record = users.find(userId);
        if (record == null || BlockedFlag.isSet(record.getFlags()))
        {
            return;
        }
        ctx.begin(noUpdate, nowMillis, false);
        userIsScratch = false;
        final UserState user = ctx.userState();
        user.bind(record);
        user.beginWrite();
        record.setFlags(BlockedFlag.set(record.getFlags()));
        closeChanges();
    }

    /**
     * Ends the records' changes (seqlocks even again, versions up) and reports newly dirty records.
     */
    public void closeChanges()
    {
        final UserState user = ctx.userState();
        if (user.isBound())
        {
            final boolean wasClean = user.cleanAtBind();
            if (user.endWrite() > 0 && wasClean && !userIsScratch)
            {
                changes.userChanged(user.id());
            }
        }
        final ChatState chat = ctx.chatState();
        if (chat.isBound())
        {
            final boolean wasClean = chat.cleanAtBind();
            if (chat.endWrite() > 0 && wasClean && !chatIsScratch)
            {
                changes.chatChanged(chat.id());
            }
        }
    }

    /**
     * Encodes the reply the handler wrote.
     *
     * @return its length in {@link #replyBuffer()}, 0 for none.
     */
    public int encodeReply()
    {
        return encoder.encode(ctx.reply());
    }

    public byte[] replyBuffer()
    {
        return encoder.buffer();
    }

    /**
     * Drops the reply (after a handler failed half way).
     */
    public void discardReply()
    {
        ctx.reply().reset(Reply.Method.NONE);
    }

    private void bindUser(final Update update, final long nowMillis)
    {
        final long id = update.fromId();
        UserRecord record;
        userIsScratch = false;
        try
        {
            record = users.acquire(id);
        }
        catch (final IllegalStateException full)
        {
            storeFull.increment();
            userIsScratch = true;
            record = scratchUser;
            record.setId(0);
        }
        final UserState user = ctx.userState();
        user.bind(record);
        if (record.getId() == 0)
        {
            user.beginWrite();
            record.setId(id);
            record.setFirstSeenMillis(nowMillis);
            record.setLastSeenMillis(nowMillis);
            user.firstName(update.firstName()).lastName(update.lastName())
                .username(update.username()).languageCode(update.languageCode());
            if (!userIsScratch)
            {
                usersCreated.increment();
            }
        }
        else if (BlockedFlag.isSet(record.getFlags()))
        {
            // they write again: broadcasts reach them again
            user.beginWrite();
            record.setFlags(BlockedFlag.clear(record.getFlags()));
        }
    }

    private void bindChat(final Update update)
    {
        final long id = update.chatId();
        ChatRecord record;
        chatIsScratch = false;
        try
        {
            record = chats.acquire(id);
        }
        catch (final IllegalStateException full)
        {
            storeFull.increment();
            chatIsScratch = true;
            record = scratchChat;
            record.setId(0);
        }
        final ChatState chat = ctx.chatState();
        chat.bind(record);
        if (record.getId() == 0)
        {
            chat.beginWrite();
            record.setId(id);
            chat.type(update.chatType()).title(update.chatTitle());
            if (!chatIsScratch)
            {
                chatsCreated.increment();
            }
        }
    }
}

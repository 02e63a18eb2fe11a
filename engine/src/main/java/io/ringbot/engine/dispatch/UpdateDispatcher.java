package io.ringbot.engine.dispatch;

import io.ringbot.bot.Bot;
import io.ringbot.bot.Reply;
import io.ringbot.bot.Update;
import io.ringbot.bot.UpdateKind;
import io.ringbot.bot.types.ChatMemberStatus;
import io.ringbot.engine.decode.DecodedUpdate;
import io.ringbot.engine.load.RecordTypes;
import io.ringbot.engine.outbound.BlockedFlag;
import io.ringbot.bot.SendResultHandler;
import io.ringbot.engine.outbound.OutboundProxy;
import io.ringbot.engine.outbound.OutboundRing;
import io.ringbot.engine.outbound.SendResultDecoder;
import io.ringbot.store.journal.RecordType;
import io.ringbot.store.record.Record;
import io.ringbot.store.record.RecordSchema;
import io.ringbot.store.record.RecordTable;
import org.agrona.concurrent.status.AtomicCounter;

import java.util.Arrays;

/**
 * Runs one decoded update through a {@link Bot}: binds the sender's and chat's records in place
 * (creating them on first sight), routes, runs the handler, closes the changes (version + 1) and
 * tells the journal which records became dirty, then encodes the reply. Engine thread only.
 * <p>
 * The engine keeps every record's header for every bot: id, first seen, and last seen (refreshed when
 * the update changes the record, or when it is more than {@link #LAST_SEEN_REFRESH_MILLIS} old).
 * <p>
 * When a new record an update needs (its sender's, its chat's, or one a handler asks for) finds no room in
 * the store, the handler is unwound ({@link #refusedType()}): the engine refuses the update, leaving nothing
 * of it, and Telegram delivers it again.
 */
public final class UpdateDispatcher
{
    /** The bot has no handler for this update. */
    public static final int UNHANDLED = 0;
    /** A handler ran. */
    public static final int HANDLED = 1;
    /** A new record the update needs found no room: nothing ran, the update must be refused. */
    public static final int REFUSED = 2;
    /** A record's last-seen time is refreshed by an update that does not change it after this long. */
    public static final long LAST_SEEN_REFRESH_MILLIS = 60_000;
    private static final int USER_INDEX = RecordType.USER.index();
    private static final int CHAT_INDEX = RecordType.CHAT.index();

    private final Bot bot;
    private final RouteTable routes;
    private final RecordTable users;
    private final RecordTable chats;
    private final RecordType[] types;
    private final RecordTable[] tables;
    private final long[] adminIds;
    private final RecordChanges changes;
    private final AtomicCounter usersCreated;
    private final AtomicCounter chatsCreated;
    private final HandlerContext ctx;
    private final ReplyEncoder encoder = new ReplyEncoder();
    private final DecodedUpdate noUpdate = new DecodedUpdate();
    private final SendResultDecoder sendResult = new SendResultDecoder();
    private final OutboundProxy outbound;
    private long nowMillis;

    /**
     * @param tables the store's tables, indexed by record type: users, chats, then further types.
     */
    public UpdateDispatcher(
        final Bot bot,
        final RecordTable[] tables,
        final long[] adminIds,
        final RecordChanges changes,
        final AtomicCounter usersCreated,
        final AtomicCounter chatsCreated)
    {
        final RecordTable users = tables[RecordType.USER.index()];
        final RecordTable chats = tables[RecordType.CHAT.index()];
        requireSame(bot.userSchema(), users, "userSchema");
        requireSame(bot.chatSchema(), chats, "chatSchema");
        this.types = RecordTypes.of(bot, tables);
        this.tables = tables.clone();
        this.bot = bot;
        this.routes = RouteTable.of(bot);
        this.users = users;
        this.chats = chats;
        this.adminIds = adminIds.clone();
        Arrays.sort(this.adminIds);
        this.changes = changes;
        this.usersCreated = usersCreated;
        this.chatsCreated = chatsCreated;
        this.ctx = new HandlerContext(users.schema(), chats.schema());
        ctx.records(tables);
        this.outbound = (OutboundProxy)ctx.outbound();
    }

    private static void requireSame(final RecordSchema declared, final RecordTable table, final String option)
    {
        if (declared != null && declared != table.schema())
        {
            throw new IllegalArgumentException("the bot declares the record type '" + declared.name() + "' (" +
                declared.fields().size() + " fields) but the store was opened with another: pass the bot's schema " +
                "to StoreContext." + option + "(...)");
        }
    }

    /**
     * Runs the bot on an update. Always call {@link #closeChanges()} afterwards, also when this throws.
     *
     * @param update    the decoded update.
     * @param nowMillis the engine's clock.
     * @return {@link #HANDLED}, {@link #UNHANDLED}, or {@link #REFUSED} when the sender's or chat's new record
     * found no room (a record a handler asks for that finds none is thrown: see {@link #refusedType()}).
     */
    public int dispatch(final Update update, final long nowMillis)
    {
        this.nowMillis = nowMillis;
        final boolean admin = update.hasFrom() && Arrays.binarySearch(adminIds, update.fromId()) >= 0;
        ctx.begin(update, nowMillis, admin);
        if (update.hasFrom())
        {
            if (!bind(users, USER_INDEX, ctx.userBinding(), update.fromId()))
            {
                return REFUSED;
            }
            ctx.newUser(ctx.userBinding().isCreated());
            keepBlockedFlag(update);
        }
        if (update.hasChat())
        {
            if (!bind(chats, CHAT_INDEX, ctx.chatBinding(), update.chatId()))
            {
                return REFUSED;
            }
            ctx.newChat(ctx.chatBinding().isCreated());
        }
        return routes.handle(ctx) ? HANDLED : UNHANDLED;
    }

    /**
     * @return the record type index a new record of which found no room during the last update (it must be
     * refused: nothing of it kept, not marked applied), or -1.
     */
    public int refusedType()
    {
        return ctx.refusedType();
    }

    /**
     * @param ring the outbound queue handlers' {@code ctx.outbound()} calls go to (null: refused).
     */
    public void outbound(final OutboundRing ring)
    {
        outbound.ring(ring);
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
        this.nowMillis = nowMillis;
        final SendResultDecoder result = sendResult.wrap(body, length);
        if (result.blocked() && result.chatId() > 0)
        {
            markBlocked(result.chatId());
        }
        final SendResultHandler handler = bot.sendResultHandler();
        if (handler == null || result.broadcast())
        {
            return;
        }
        ctx.begin(noUpdate, nowMillis, false);
        outbound.originUser(result.originUserId());
        try
        {
            final Record user = result.originUserId() == 0 ? null : users.find(result.originUserId());
            if (user != null)
            {
                ctx.userBinding().bind(user);
            }
            final Record chat = result.chatId() == 0 ? null : chats.find(result.chatId());
            if (chat != null)
            {
                ctx.chatBinding().bind(chat);
            }
            handler.onSendResult(ctx, result);
            outbound.commitUpdate();
        }
        finally
        {
            outbound.abortUpdate(); // nothing left when committed; a failed handler's calls go
            closeChanges();
            discardReply();
            if (ctx.refusedType() >= 0)
            {
                removeCreated(); // no update to refuse here: the result handler's new records go with it
            }
        }
    }

    /**
     * Keeps the sender's {@link BlockedFlag} from the update, before the handlers run: the bot's own
     * membership in the user's private chat ({@code my_chat_member}) sets it when the user blocked the bot
     * ({@code kicked}) and clears it when they unblocked or restarted it ({@code member}); any other update
     * from the user clears it (they write again, so broadcasts reach them again). The bot's membership in a
     * group says nothing of the user's private chat and leaves it.
     */
    private void keepBlockedFlag(final Update update)
    {
        final RecordBinding user = ctx.userBinding();
        if (update.kind() == UpdateKind.MY_CHAT_MEMBER)
        {
            if (!ctx.isPrivateChat())
            {
                return;
            }
            final ChatMemberStatus status = ctx.myChatMember().newChatMember().status();
            if (status == ChatMemberStatus.KICKED)
            {
                user.addFlags(BlockedFlag.BLOCKED);
                return;
            }
            if (status != ChatMemberStatus.MEMBER)
            {
                return;
            }
        }
        if (BlockedFlag.isSet(user.flags()))
        {
            user.clearFlags(BlockedFlag.BLOCKED);
        }
    }

    private void markBlocked(final long userId)
    {
        final Record record = users.find(userId);
        if (record == null || BlockedFlag.isSet(record.flags()))
        {
            return;
        }
        ctx.begin(noUpdate, nowMillis, false);
        ctx.userBinding().bind(record);
        ctx.userBinding().addFlags(BlockedFlag.BLOCKED);
        closeChanges();
    }

    /**
     * Ends the records' changes (seqlocks even again, versions up) and reports newly dirty records to the
     * journal; for a refused update ({@link #refusedType()}) the records it created are not reported (they
     * are removed next, before the journal could write them).
     */
    public void closeChanges()
    {
        final boolean refused = ctx.refusedType() >= 0;
        if (!refused)
        {
            // counted once the update keeps them
            if (ctx.isNewUser())
            {
                usersCreated.increment();
            }
            if (ctx.isNewChat())
            {
                chatsCreated.increment();
            }
        }
        close(ctx.userBinding(), RecordType.USER, refused);
        close(ctx.chatBinding(), RecordType.CHAT, refused);
        for (int t = 0, types = ctx.recordTypeCount(); t < types; t++)
        {
            for (int i = 0, count = ctx.recordCount(t); i < count; i++)
            {
                close(ctx.record(t, i), this.types[t], refused);
            }
        }
    }

    private void close(final RecordBinding state, final RecordType type, final boolean refused)
    {
        if (!state.isBound())
        {
            return;
        }
        final Record record = state.record();
        if (state.isWriting() || nowMillis - record.lastSeenMillis() >= LAST_SEEN_REFRESH_MILLIS)
        {
            state.beginWrite();
            record.lastSeenMillis(nowMillis);
        }
        final boolean wasClean = state.cleanAtBind();
        if (state.endWrite() > 0 && wasClean && !(refused && state.isCreated()))
        {
            changes.changed(type, record.id());
        }
    }

    private void removeCreated()
    {
        for (int t = 0, types = ctx.recordTypeCount(); t < types; t++)
        {
            for (int i = 0, count = ctx.recordCount(t); i < count; i++)
            {
                final RecordBinding state = ctx.record(t, i);
                if (state.isCreated())
                {
                    tables[t].remove(state.id());
                }
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
        ctx.draft().reset(Reply.Method.NONE);
    }

    /**
     * Binds a state to its record, creating it when absent (a new record is claimed: id, first seen).
     *
     * @return false when the record is new and its table has no room (the update is refused; nothing thrown:
     * the sender's and chat's records are bound before any handler runs).
     */
    private boolean bind(final RecordTable table, final int typeIndex, final RecordBinding state, final long id)
    {
        final Record record = table.tryAcquire(id);
        if (record == null)
        {
            ctx.refuse(typeIndex);
            return false;
        }
        state.bind(record);
        state.claimIfNew(id, nowMillis);
        return true;
    }

    /**
     * Publishes the outbound calls the handler queued (once the update is applied).
     */
    public void commitOutbound()
    {
        outbound.commitUpdate();
    }

    /**
     * Drops the outbound calls the handler queued (after it failed half way), as the reply is.
     */
    public void abortOutbound()
    {
        outbound.abortUpdate();
    }
}

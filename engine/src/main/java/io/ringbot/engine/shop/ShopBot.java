package io.ringbot.engine.shop;

import io.ringbot.bot.Bot;
import io.ringbot.bot.BotContext;
import io.ringbot.bot.RecordState;
import io.ringbot.bot.UpdateHandler;
import io.ringbot.bot.Update;
import io.ringbot.store.record.EnumField;
import io.ringbot.store.record.LongField;
import io.ringbot.store.record.RecordSchema;
import io.ringbot.store.record.StringField;

/**
 * An example bot with a record type beyond users and chats, written only with the public bot API: orders,
 * keyed by the id the user gives (Firestore {@code orders/{id}}), created with {@code /order ID AMOUNT},
 * paid with {@code /pay ID}; and {@code /gift A B}, which changes two other users' records in one update.
 * Every order and other user an update names is declared with {@link Bot#needs}, so that an update whose
 * order or user only Firestore holds waits for its read. Parses in place: no allocation per update.
 */
public final class ShopBot
{
    /** The bot's name, which its data folders record (stable: a folder made by it opens with it only). */
    public static final String NAME = "shop";

    /** An order's state. */
    public enum Status
    {
        OPEN, PAID
    }

    /** The shop's user record: Firestore {@code users/{id}}. */
    public static final RecordSchema USERS = RecordSchema.named("users");
    public static final LongField SPENT = USERS.longField("spent");
    public static final LongField GIFTS = USERS.longField("gifts");

    /** The shop's chat record: Firestore {@code chats/{id}}. */
    public static final RecordSchema CHATS = RecordSchema.named("chats");

    /** The orders: Firestore {@code orders/{id}}. */
    public static final RecordSchema ORDERS = RecordSchema.named("orders");
    public static final LongField BUYER = ORDERS.longField("buyer");
    public static final LongField AMOUNT = ORDERS.longField("amount");
    public static final EnumField<Status> STATUS = ORDERS.enumField("status", Status.class);
    public static final StringField CURRENCY = ORDERS.stringField("currency", 8).defaultValue("EUR");

    private static final String ORDER = "order";
    private static final String PAY = "pay";
    private static final String GIFT = "gift";

    private final UpdateHandler onOrder = this::onOrder;
    private final UpdateHandler onPay = this::onPay;
    private final UpdateHandler onGift = this::onGift;

    private ShopBot()
    {
    }

    /**
     * @return the shop bot.
     */
    public static Bot create()
    {
        final ShopBot handlers = new ShopBot();
        return new Bot()
            .name(NAME)
            .records(USERS, CHATS, ORDERS)
            .needs(ORDERS, ShopBot::orderOf)
            .needs(USERS, update -> argument(update, GIFT, 1))
            .needs(USERS, update -> argument(update, GIFT, 2))
            .command(ORDER, handlers.onOrder)
            .command(PAY, handlers.onPay)
            .command(GIFT, handlers.onGift);
    }

    /**
     * @param update an update.
     * @return the order a {@code /order} or {@code /pay} names, or {@link Update#NONE}.
     */
    public static long orderOf(final Update update)
    {
        final long order = argument(update, ORDER, 1);
        return order != Update.NONE ? order : argument(update, PAY, 1);
    }

    private void onOrder(final BotContext ctx)
    {
        final long id = argument(ctx.update(), ORDER, 1);
        final long amount = argument(ctx.update(), ORDER, 2);
        if (id == Update.NONE || amount == Update.NONE || !ctx.update().hasFrom())
        {
            ctx.sendMessage().text("error: usage: /order <order_id> <amount>");
            return;
        }
        final RecordState order = ctx.record(ORDERS, id);
        if (order.get(BUYER) != 0)
        {
            ctx.sendMessage().text().append("error: order ").append(id).append(" exists");
            return;
        }
        order.set(BUYER, ctx.user().id()).set(AMOUNT, amount);
        final StringBuilder text = ctx.sendMessage().text();
        text.append("order ").append(id).append(' ').append(order.get(STATUS).name()).append(' ').append(amount)
            .append(' ').append(order.get(CURRENCY, ctx.scratch()));
    }

    private void onPay(final BotContext ctx)
    {
        final long id = argument(ctx.update(), PAY, 1);
        if (id == Update.NONE || !ctx.update().hasFrom())
        {
            ctx.sendMessage().text("error: usage: /pay <order_id>");
            return;
        }
        final RecordState order = ctx.record(ORDERS, id);
        if (order.get(STATUS) == Status.PAID)
        {
            ctx.sendMessage().text().append("error: order ").append(id).append(" is paid already");
            return;
        }
        order.set(STATUS, Status.PAID);
        final long spent = ctx.user().add(SPENT, order.get(AMOUNT));
        final StringBuilder text = ctx.sendMessage().text();
        text.append("paid ").append(order.get(AMOUNT)).append(' ').append(order.get(CURRENCY, ctx.scratch()))
            .append(" spent=").append(spent);
    }

    private void onGift(final BotContext ctx)
    {
        final long first = argument(ctx.update(), GIFT, 1);
        final long second = argument(ctx.update(), GIFT, 2);
        if (first == Update.NONE || second == Update.NONE)
        {
            ctx.sendMessage().text("error: usage: /gift <user_id> <user_id>");
            return;
        }
        final long a = ctx.record(USERS, first).add(GIFTS, 1);
        final long b = ctx.user(second).add(GIFTS, 1);
        ctx.sendMessage().text().append("gifts ").append(a).append(' ').append(b);
    }

    /**
     * The n-th argument of a command as a positive number: {@code argument(update, "pay", 1)} is 12 for
     * "/pay 12" and "/pay@shop_bot 12". Allocates nothing.
     *
     * @return the number, or {@link Update#NONE} when the text is not that command or the argument is
     * missing, not digits, zero or over 18 digits.
     */
    static long argument(final Update update, final String command, final int n)
    {
        if (!update.hasText() || update.textIsCaption())
        {
            return Update.NONE;
        }
        final CharSequence text = update.text();
        final int length = text.length();
        final int end = command.length() + 1;
        if (length <= end || text.charAt(0) != '/')
        {
            return Update.NONE;
        }
        for (int i = 1; i < end; i++)
        {
            if (text.charAt(i) != command.charAt(i - 1))
            {
                return Update.NONE;
            }
        }
        int i = end;
        if (text.charAt(i) == '@')
        {
            while (i < length && text.charAt(i) != ' ')
            {
                i++;
            }
        }
        else if (text.charAt(i) != ' ')
        {
            return Update.NONE;
        }
        for (int word = 0; word < n; word++)
        {
            while (i < length && text.charAt(i) == ' ')
            {
                i++;
            }
            if (word < n - 1)
            {
                while (i < length && text.charAt(i) != ' ')
                {
                    i++;
                }
            }
        }
        long value = 0;
        int digits = 0;
        while (i < length && text.charAt(i) >= '0' && text.charAt(i) <= '9')
        {
            if (++digits > 18)
            {
                return Update.NONE;
            }
            value = value * 10 + (text.charAt(i++) - '0');
        }
        return digits == 0 || value == 0 || (i < length && text.charAt(i) != ' ') ? Update.NONE : value;
    }
}

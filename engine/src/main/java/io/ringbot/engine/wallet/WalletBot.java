package io.ringbot.engine.wallet;

import io.ringbot.bot.Bot;
import io.ringbot.bot.BotContext;
import io.ringbot.bot.RecordState;
import io.ringbot.bot.UpdateHandler;
import io.ringbot.bot.Update;
import io.ringbot.store.record.BooleanField;
import io.ringbot.store.record.LongField;
import io.ringbot.store.record.RecordSchema;
import io.ringbot.store.record.StringField;

/**
 * The example bot {@code ./ringbot serve --bot wallet} runs, written only with the public bot API: every
 * user has a balance (100 when ringbot first sees them, or what their Firestore document holds), sends
 * amounts to others by id or by replying to their message, picks a nickname, and sets a chat's language.
 * Every handler parses its arguments in place: no allocation per update.
 */
public final class WalletBot
{
    /** The bot's name, which its data folders record (stable: a folder made by it opens with it only). */
    public static final String NAME = "wallet";
    /** What a user the store and Firestore do not know starts with. */
    public static final long START_BALANCE = 100;
    /** The longest nickname, in bytes of UTF-8. */
    public static final int NICKNAME_MAX_BYTES = 64;
    /** The longest language code ({@code /lang}): letters, digits, '-' and '_'. */
    public static final int LANGUAGE_MAX_BYTES = 35;

    /** The wallet's user record: Firestore {@code users/{id}}. */
    public static final RecordSchema USERS = RecordSchema.named("users");
    public static final LongField BALANCE = USERS.longField("balance").defaultValue(START_BALANCE);
    public static final StringField NICKNAME = USERS.stringField("nickname", NICKNAME_MAX_BYTES);
    /** Set by /nick: the user's next plain text is their nickname. */
    public static final BooleanField AWAITING_NICKNAME = USERS.booleanField("awaitingNickname");

    /** The wallet's chat record: Firestore {@code chats/{id}}. */
    public static final RecordSchema CHATS = RecordSchema.named("chats");
    public static final StringField LANGUAGE = CHATS.stringField("language", LANGUAGE_MAX_BYTES);

    private static final String HELP = "Commands:\n" +
        "/balance - your balance\n" +
        "/send <user_id> <amount> - send coins (or /send <amount> as a reply to the recipient's message)\n" +
        "/nick - choose a nickname\n" +
        "/me - your balance and nickname\n" +
        "/lang <code> - set this chat's language\n" +
        "/help - this list";
    private static final String SEND_USAGE =
        "error: usage: /send <user_id> <amount>, or /send <amount> as a reply to the recipient's message";

    /** Where the arguments of the text being looked at start and end; engine thread only. */
    private final SendArguments arguments = new SendArguments();

    private final UpdateHandler onBalance = this::onBalance;
    private final UpdateHandler onSend = this::onSend;
    private final UpdateHandler onNick = this::onNick;
    private final UpdateHandler onMe = this::onMe;
    private final UpdateHandler onLang = this::onLang;
    private final UpdateHandler onHelp = this::onHelp;
    private final UpdateHandler onText = this::onText;
    private final UpdateHandler onUnknown = this::onUnknown;

    private WalletBot()
    {
    }

    /**
     * @param username the bot's username for addressed commands, or empty.
     * @return the wallet bot.
     */
    public static Bot create(final String username)
    {
        final WalletBot handlers = new WalletBot();
        return new Bot()
            .name(NAME)
            .records(USERS, CHATS)
            .username(username)
            .otherUser(handlers.arguments::recipient)
            .command("start", handlers.onHelp)
            .command("help", handlers.onHelp)
            .command("balance", handlers.onBalance)
            .command("send", handlers.onSend)
            .command("nick", handlers.onNick)
            .command("me", handlers.onMe)
            .command("lang", handlers.onLang)
            .unknownCommand(handlers.onUnknown)
            .text(handlers.onText);
    }

    private void onBalance(final BotContext ctx)
    {
        if (noSender(ctx))
        {
            return;
        }
        ctx.sendMessage().text().append("balance=").append(ctx.user().get(BALANCE));
    }

    private void onSend(final BotContext ctx)
    {
        if (noSender(ctx))
        {
            return;
        }
        final Update update = ctx.update();
        final CharSequence args = ctx.commandArgs();
        final SendArguments a = arguments;
        if (!a.split(args, 0, update.replyToFromId()))
        {
            ctx.sendMessage().text(SEND_USAGE);
            return;
        }
        if (a.recipient <= 0)
        {
            ctx.sendMessage().text("error: the user id must be a positive whole number");
            return;
        }
        final long amount = parsePositive(args, a.amountStart, a.amountEnd);
        if (amount <= 0)
        {
            ctx.sendMessage().text("error: the amount must be a positive whole number");
            return;
        }
        final RecordState sender = ctx.user();
        if (a.recipient == sender.id())
        {
            ctx.sendMessage().text("error: you cannot send to yourself");
            return;
        }
        final long balance = sender.get(BALANCE);
        if (amount > balance)
        {
            ctx.sendMessage().text().append("error: not enough coins, your balance is ").append(balance);
            return;
        }
        final RecordState recipient = ctx.user(a.recipient);
        if (recipient.get(BALANCE) > Long.MAX_VALUE - amount)
        {
            ctx.sendMessage().text("error: the recipient's balance would overflow");
            return;
        }
        recipient.add(BALANCE, amount);
        ctx.sendMessage().text().append("balance=").append(sender.add(BALANCE, -amount));
    }

    private void onNick(final BotContext ctx)
    {
        if (noSender(ctx))
        {
            return;
        }
        ctx.user().set(AWAITING_NICKNAME, true);
        ctx.sendMessage().text("Send me your nickname (at most 64 bytes of UTF-8).");
    }

    private void onText(final BotContext ctx)
    {
        if (!ctx.hasUser() || !ctx.user().get(AWAITING_NICKNAME))
        {
            onHelp(ctx);
            return;
        }
        final CharSequence text = ctx.update().text();
        if (StringField.utf8Length(text) > NICKNAME_MAX_BYTES)
        {
            ctx.sendMessage().text("error: a nickname has at most 64 bytes of UTF-8; send a shorter one");
            return;
        }
        ctx.user().set(NICKNAME, text).set(AWAITING_NICKNAME, false);
        ctx.sendMessage().text().append("nickname=").append(text);
    }

    private void onMe(final BotContext ctx)
    {
        if (noSender(ctx))
        {
            return;
        }
        ctx.sendMessage().text().append("balance=").append(ctx.user().get(BALANCE))
            .append(" nickname=").append(ctx.user().get(NICKNAME, ctx.scratch()));
    }

    private void onLang(final BotContext ctx)
    {
        final CharSequence code = ctx.commandArgs();
        if (!ctx.hasChat())
        {
            ctx.sendMessage().text("error: /lang needs a chat");
            return;
        }
        if (!isLanguageCode(code))
        {
            ctx.sendMessage().text("error: usage: /lang <code>, e.g. /lang en (letters, digits, '-', '_'; " +
                "at most 35)");
            return;
        }
        ctx.chat().set(LANGUAGE, code);
        ctx.sendMessage().text().append("language=").append(code);
    }

    private void onHelp(final BotContext ctx)
    {
        ctx.sendMessage().text(HELP);
    }

    private void onUnknown(final BotContext ctx)
    {
        ctx.sendMessage().text("error: unknown command; /help lists the commands");
    }

    private static boolean noSender(final BotContext ctx)
    {
        if (ctx.hasUser())
        {
            return false;
        }
        ctx.sendMessage().text("error: this update has no sender");
        return true;
    }

    private static boolean isLanguageCode(final CharSequence code)
    {
        final int length = code.length();
        if (length == 0 || length > LANGUAGE_MAX_BYTES)
        {
            return false;
        }
        for (int i = 0; i < length; i++)
        {
            final char c = code.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'))
            {
                return false;
            }
        }
        return true;
    }

    /**
     * @return the decimal digits in {@code [from, to)} as a number, or -1 when they are not only digits, are
     * empty, or overflow a long.
     */
    static long parsePositive(final CharSequence text, final int from, final int to)
    {
        if (from >= to)
        {
            return -1;
        }
        long value = 0;
        for (int i = from; i < to; i++)
        {
            final char c = text.charAt(i);
            if (c < '0' || c > '9')
            {
                return -1;
            }
            final int digit = c - '0';
            if (value > (Long.MAX_VALUE - digit) / 10)
            {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    private static boolean isSpace(final char c)
    {
        return c == ' ' || c == '\n' || c == '\t';
    }

    /**
     * The arguments of {@code /send}, found in place: the recipient (parsed, or the replied-to author) and
     * where the amount's digits are. Used by the handler and, before it runs, to name the recipient so
     * that an update to a user only Firestore knows waits for that user's read.
     */
    static final class SendArguments
    {
        long recipient;
        int amountStart;
        int amountEnd;

        /**
         * @param args    the text after the command.
         * @param from    where the arguments start in it.
         * @param replyTo the replied-to message's author, or {@link Update#NONE}.
         * @return false when the arguments are neither "id amount" nor "amount" in a reply.
         */
        boolean split(final CharSequence args, final int from, final long replyTo)
        {
            final int length = args.length();
            int i = skipSpaces(args, from, length);
            final int firstStart = i;
            i = skipWord(args, i, length);
            final int firstEnd = i;
            i = skipSpaces(args, i, length);
            final int secondStart = i;
            i = skipWord(args, i, length);
            final int secondEnd = i;
            if (skipSpaces(args, i, length) != length || firstStart == firstEnd)
            {
                return false;
            }
            if (secondStart == secondEnd)
            {
                if (replyTo == Update.NONE)
                {
                    return false;
                }
                recipient = replyTo;
                amountStart = firstStart;
                amountEnd = firstEnd;
                return true;
            }
            recipient = parsePositive(args, firstStart, firstEnd);
            amountStart = secondStart;
            amountEnd = secondEnd;
            return true;
        }

        /**
         * {@link io.ringbot.bot.OtherUser}: the recipient of a well-formed {@code /send}, or
         * {@link Update#NONE}.
         */
        long recipient(final Update update)
        {
            final CharSequence text = update.text();
            final int length = text.length();
            if (!update.hasText() || update.textIsCaption() || length < 5 || text.charAt(0) != '/' ||
                text.charAt(1) != 's' || text.charAt(2) != 'e' || text.charAt(3) != 'n' || text.charAt(4) != 'd')
            {
                return Update.NONE;
            }
            int i = 5;
            if (i < length && text.charAt(i) == '@')
            {
                i = skipWord(text, i, length);
            }
            if (i < length && !isSpace(text.charAt(i)))
            {
                return Update.NONE;
            }
            if (!split(text, i, update.replyToFromId()) || recipient <= 0)
            {
                return Update.NONE;
            }
            return recipient;
        }

        private static int skipSpaces(final CharSequence text, final int from, final int length)
        {
            int i = from;
            while (i < length && isSpace(text.charAt(i)))
            {
                i++;
            }
            return i;
        }

        private static int skipWord(final CharSequence text, final int from, final int length)
        {
            int i = from;
            while (i < length && !isSpace(text.charAt(i)))
            {
                i++;
            }
            return i;
        }
    }
}

package io.ringbot.engine.reference;

import io.ringbot.bot.Bot;
import io.ringbot.bot.BotContext;
import io.ringbot.bot.Reply;
import io.ringbot.bot.UpdateHandler;
import io.ringbot.bot.Update;
import io.ringbot.store.record.LongField;
import io.ringbot.store.record.RecordSchema;
import io.ringbot.store.record.StringField;

/**
 * The bot {@code ./ringbot serve} runs, written only with the public bot API: it greets, counts
 * messages per user and per chat, shows a profile, and counts likes from an inline button.
 */
public final class ReferenceBot
{
    /** The bot's name, which its data folders record (stable: a folder made by it opens with it only). */
    public static final String NAME = "reference";
    public static final String LIKE = "like";
    static final int MAX_NAME_CHARS = 64;

    /** The reference bot's user record: its profile and a message count. */
    public static final RecordSchema USERS = RecordSchema.named("users");
    public static final StringField FIRST_NAME = USERS.stringField("firstName", 256);
    public static final StringField LAST_NAME = USERS.stringField("lastName", 256);
    public static final StringField USERNAME = USERS.stringField("username", 64);
    public static final StringField LANGUAGE_CODE = USERS.stringField("languageCode", 40);
    public static final LongField USER_MESSAGES = USERS.longField("messageCount");

    /** The reference bot's chat record. */
    public static final RecordSchema CHATS = RecordSchema.named("chats");
    public static final StringField TYPE = CHATS.stringField("type", 16);
    public static final StringField TITLE = CHATS.stringField("title", 512);
    public static final LongField CHAT_MESSAGES = CHATS.longField("messageCount");
    public static final LongField LIKES = CHATS.longField("likeCount");

    private static final String HELP = "Commands:\n" +
        "/start - say hello and save your profile\n" +
        "/me - your profile and counts\n" +
        "/help - this list\n" +
        "Any other text is counted.";

    private final UpdateHandler onStart = this::onStart;
    private final UpdateHandler onText = this::onText;
    private final UpdateHandler onMe = this::onMe;
    private final UpdateHandler onHelp = this::onHelp;
    private final UpdateHandler onLike = this::onLike;

    /**
     * @param username the bot's username for addressed commands, or empty.
     * @return the bot; the server adds the built-in admin commands to it.
     */
    public static Bot create(final String username)
    {
        final ReferenceBot handlers = new ReferenceBot();
        return new Bot()
            .name(NAME)
            .records(USERS, CHATS)
            .username(username)
            .command("start", handlers.onStart)
            .command("me", handlers.onMe)
            .command("help", handlers.onHelp)
            .text(handlers.onText)
            .callback(LIKE, handlers.onLike);
    }

    /**
     * Saves the sender's profile and the chat's type and title when the engine first sees them.
     */
    private static void onFirstSight(final BotContext ctx)
    {
        if (ctx.isNewUser())
        {
            saveProfile(ctx);
        }
        if (ctx.isNewChat())
        {
            ctx.chat().set(TYPE, ctx.update().chatType()).set(TITLE, ctx.update().chatTitle());
        }
    }

    private static void saveProfile(final BotContext ctx)
    {
        final Update update = ctx.update();
        ctx.user()
            .set(FIRST_NAME, update.firstName())
            .set(LAST_NAME, update.lastName())
            .set(USERNAME, update.username())
            .set(LANGUAGE_CODE, update.languageCode());
    }

    private void onStart(final BotContext ctx)
    {
        final Update update = ctx.update();
        onFirstSight(ctx);
        if (ctx.hasUser())
        {
            saveProfile(ctx);
        }
        final Reply reply = ctx.sendMessage();
        final CharSequence name = update.firstName();
        reply.text().append("Hello, ").append(name, 0, nameEnd(name))
            .append("! Send me any text and I will count it. /help lists the commands.");
        reply.button("\uD83D\uDC4D Like", LIKE);
    }

    /**
     * Telegram's first names hold 1-64 characters: a longer (forged) one is echoed only that far, so the
     * greeting stays whole; never cut between the halves of a surrogate pair.
     */
    private static int nameEnd(final CharSequence name)
    {
        int end = Math.min(name.length(), MAX_NAME_CHARS);
        if (end < name.length() && end > 0 && Character.isHighSurrogate(name.charAt(end - 1)))
        {
            end--;
        }
        return end;
    }

    private void onText(final BotContext ctx)
    {
        onFirstSight(ctx);
        long count = 0;
        if (ctx.hasUser())
        {
            count = ctx.user().add(USER_MESSAGES, 1);
        }
        if (ctx.hasChat())
        {
            ctx.chat().add(CHAT_MESSAGES, 1);
        }
        ctx.sendMessage().text().append("count=").append(count);
    }

    private void onMe(final BotContext ctx)
    {
        onFirstSight(ctx);
        final StringBuilder text = ctx.sendMessage().text();
        if (!ctx.hasUser())
        {
            text.append("I do not know who you are.");
            return;
        }
        final StringBuilder scratch = ctx.scratch();
        text.append("Your profile\nname: ").append(ctx.user().get(FIRST_NAME, scratch));
        final StringBuilder last = ctx.user().get(LAST_NAME, scratch);
        if (last.length() > 0)
        {
            text.append(' ').append(last);
        }
        final StringBuilder username = ctx.user().get(USERNAME, scratch);
        if (username.length() > 0)
        {
            text.append("\nusername: @").append(username);
        }
        text.append("\nlanguage: ").append(ctx.user().get(LANGUAGE_CODE, scratch));
        text.append("\nmessages: ").append(ctx.user().get(USER_MESSAGES));
        text.append("\nfirst seen: ");
        UtcTime.append(text, ctx.user().firstSeenMillis());
        text.append("\nlast seen: ");
        UtcTime.append(text, ctx.user().lastSeenMillis());
        if (ctx.hasChat())
        {
            text.append("\nthis chat: ").append(ctx.chat().get(CHAT_MESSAGES)).append(" messages, ")
                .append(ctx.chat().get(LIKES)).append(" likes");
        }
    }

    private void onHelp(final BotContext ctx)
    {
        ctx.sendMessage().text(HELP);
    }

    private void onLike(final BotContext ctx)
    {
        onFirstSight(ctx);
        long likes = 0;
        if (ctx.hasChat())
        {
            likes = ctx.chat().add(LIKES, 1);
        }
        ctx.answerCallbackQuery().text().append("Thanks! Likes in this chat: ").append(likes);
    }
}

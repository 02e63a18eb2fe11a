package io.ringbot.engine.reference;

import io.ringbot.engine.admin.AdminReports;
import io.ringbot.engine.bot.Bot;
import io.ringbot.engine.bot.BotContext;
import io.ringbot.engine.bot.Reply;
import io.ringbot.engine.bot.UpdateHandler;
import io.ringbot.engine.decode.Update;

/**
 * The bot {@code ./ringbot serve} runs, written only with the public bot API: it greets, counts
 * messages per user and per chat, shows a profile, and counts likes from an inline button.
 */
public final class ReferenceBot
{
    public static final String LIKE = "like";
    static final int MAX_NAME_CHARS = 64;

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
     * @param admin  the admin reports, or null for a bot without admin commands.
     * @param username the bot's username for addressed commands, or empty.
     * @return the bot.
     */
    public static Bot create(final AdminReports admin, final String username)
    {
        final ReferenceBot handlers = new ReferenceBot();
        final Bot bot = new Bot()
            .username(username)
            .command("start", handlers.onStart)
            .command("me", handlers.onMe)
            .command("help", handlers.onHelp)
            .text(handlers.onText)
            .callback(LIKE, handlers.onLike);
        if (admin != null)
        {
            admin.registerWith(bot);
        }
        return bot;
    }

    private void onStart(final BotContext ctx)
    {
        final Update update = ctx.update();
        if (ctx.hasUser())
        {
            ctx.user()
                .firstName(update.firstName())
                .lastName(update.lastName())
                .username(update.username())
                .languageCode(update.languageCode())
                .lastSeenMillis(ctx.nowMillis());
            if (ctx.user().firstSeenMillis() == 0)
            {
                ctx.user().firstSeenMillis(ctx.nowMillis());
            }
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
        long count = 0;
        if (ctx.hasUser())
        {
            count = ctx.user().incrementMessageCount();
            ctx.user().lastSeenMillis(ctx.nowMillis());
        }
        if (ctx.hasChat())
        {
            ctx.chat().incrementMessageCount();
            ctx.chat().lastMessageMillis(ctx.nowMillis());
        }
        ctx.sendMessage().text().append("count=").append(count);
    }

    private void onMe(final BotContext ctx)
    {
        final StringBuilder text = ctx.sendMessage().text();
        if (!ctx.hasUser())
        {
            text.append("I do not know who you are.");
            return;
        }
        final StringBuilder scratch = ctx.scratch();
        text.append("Your profile\nname: ").append(ctx.user().firstName(scratch));
        final StringBuilder last = ctx.user().lastName(scratch);
        if (last.length() > 0)
        {
            text.append(' ').append(last);
        }
        final StringBuilder username = ctx.user().username(scratch);
        if (username.length() > 0)
        {
            text.append("\nusername: @").append(username);
        }
        text.append("\nlanguage: ").append(ctx.user().languageCode(scratch));
        text.append("\nmessages: ").append(ctx.user().messageCount());
        text.append("\nfirst seen: ");
        UtcTime.append(text, ctx.user().firstSeenMillis());
        text.append("\nlast seen: ");
        UtcTime.append(text, ctx.user().lastSeenMillis());
        if (ctx.hasChat())
        {
            text.append("\nthis chat: ").append(ctx.chat().messageCount()).append(" messages, ")
                .append(ctx.chat().likeCount()).append(" likes");
        }
    }

    private void onHelp(final BotContext ctx)
    {
        ctx.sendMessage().text(HELP);
    }

    private void onLike(final BotContext ctx)
    {
        long likes = 0;
        if (ctx.hasChat())
        {
            likes = ctx.chat().incrementLikeCount();
        }
        ctx.answerCallbackQuery().text().append("Thanks! Likes in this chat: ").append(likes);
    }
}

package io.ringbot.bot;

/**
 * The admin command {@code /broadcast <text>}: queues the text for every user who has not blocked the
 * bot ({@link OutboundCalls#broadcast}). The webhook reply says it is queued; the sender then tells the
 * admin the number of recipients. Register it with {@code bot.adminCommand("broadcast", new BroadcastCommand())}.
 */
public final class BroadcastCommand implements UpdateHandler
{
    @Override
    public void onUpdate(final BotContext ctx)
    {
        final CharSequence text = ctx.commandArgs();
        if (text.length() == 0)
        {
            ctx.sendMessage().text("Usage: /broadcast <text>");
        }
        else if (!ctx.outbound().enabled())
        {
            ctx.sendMessage().text("Broadcasts need BOT_TOKEN: the outbound Bot API is off.");
        }
        else if (ctx.outbound().broadcast(ctx.update().chatId(), text))
        {
            ctx.sendMessage().text("Broadcast queued; the number of recipients follows.");
        }
        else
        {
            ctx.sendMessage().text("The outbound queue is full: try again later.");
        }
    }
}

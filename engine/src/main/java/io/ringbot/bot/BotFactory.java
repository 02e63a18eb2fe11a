package io.ringbot.bot;

/**
 * Makes a team's bot for {@code ./ringbot serve --bot-class com.example.MyBot --bot-jar my-bot.jar}: the
 * class implements this interface and has a public no-argument constructor; ringbot calls
 * {@link #create()} once at start. The bot's {@link Bot#records} decide the store's record types; its name
 * (the class that builds it, unless {@link Bot#name(String)} says otherwise) is what the data folder records.
 */
@FunctionalInterface
public interface BotFactory
{
    /**
     * @return the bot, built once (handlers, records, routing).
     */
    Bot create();
}

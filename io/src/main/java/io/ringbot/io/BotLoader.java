package io.ringbot.io;

import io.ringbot.bot.Bot;
import io.ringbot.bot.BotFactory;
import io.ringbot.engine.wallet.WalletBot;
import io.ringbot.io.config.ServerContext;

import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Picks the bot {@code ringbot serve} runs: a built-in one by name ({@code --bot}), or a team's
 * {@link BotFactory} loaded from its jar ({@code --bot-class}, {@code --bot-jar}). Every bad value is an
 * {@link IllegalArgumentException} whose message says what to change.
 */
final class BotLoader
{
    static final String REFERENCE = ServerContext.BOT_DEFAULT;
    static final String WALLET = "wallet";

    private BotLoader()
    {
    }

    /**
     * @param name      the built-in bot's name.
     * @param className the team's {@link BotFactory} class, or empty.
     * @param jar       the jar that holds it, or null/empty for the class path.
     * @param username  the bot's username for addressed commands, or empty.
     * @return the bot, or null for the reference bot (the server builds it with its admin reports).
     */
    static Bot load(final String name, final String className, final String jar, final String username)
    {
        final boolean hasClass = className != null && !className.isBlank();
        final boolean hasJar = jar != null && !jar.isBlank();
        if (!hasClass)
        {
            if (hasJar)
            {
                throw new IllegalArgumentException("--bot-jar (BOT_JAR) needs --bot-class (BOT_CLASS): the class " +
                    "in the jar that implements " + BotFactory.class.getName());
            }
            return builtIn(name, username);
        }
        if (name != null && !name.isBlank() && !REFERENCE.equals(name))
        {
            throw new IllegalArgumentException("give either --bot (BOT) or --bot-class (BOT_CLASS), not both");
        }
        final Bot bot = fromClass(className.trim(), hasJar ? Path.of(jar.trim()) : null);
        if (username != null && !username.isEmpty())
        {
            bot.username(username);
        }
        return bot;
    }

    private static Bot builtIn(final String name, final String username)
    {
        final String bot = name == null || name.isBlank() ? REFERENCE : name.trim();
        if (REFERENCE.equals(bot))
        {
            return null;
        }
        if (WALLET.equals(bot))
        {
            return WalletBot.create(username);
        }
        throw new IllegalArgumentException("unknown bot \"" + bot + "\" in --bot (BOT): use " + REFERENCE + " or " +
            WALLET + ", or run your own bot with --bot-class and --bot-jar");
    }

    private static Bot fromClass(final String className, final Path jar)
    {
        ClassLoader loader = BotLoader.class.getClassLoader();
        final String where = jar == null ? "the class path" : jar.toString();
        if (jar != null)
        {
            if (!Files.isRegularFile(jar))
            {
                throw new IllegalArgumentException("--bot-jar (BOT_JAR): no such file: " + jar);
            }
            try
            {
                // kept open for the life of the process: the bot's classes load lazily
                loader = new URLClassLoader("bot", new URL[] {jar.toUri().toURL()}, loader);
            }
            catch (final MalformedURLException ex)
            {
                throw new IllegalArgumentException("--bot-jar (BOT_JAR): not a usable path: " + jar, ex);
            }
        }
        final Class<?> type;
        try
        {
            type = Class.forName(className, true, loader);
        }
        catch (final ClassNotFoundException | LinkageError ex)
        {
            throw new IllegalArgumentException("--bot-class (BOT_CLASS): no class " + className + " in " + where +
                " (give the fully qualified name, e.g. com.example.MyBot" +
                (jar == null ? ", and the jar with --bot-jar)" : ")") +
                (ex instanceof ClassNotFoundException ? "" : ": " + ex), ex);
        }
        if (!BotFactory.class.isAssignableFrom(type))
        {
            throw new IllegalArgumentException("--bot-class (BOT_CLASS): " + className + " does not implement " +
                BotFactory.class.getName());
        }
        final BotFactory factory;
        try
        {
            factory = (BotFactory)type.getConstructor().newInstance();
        }
        catch (final NoSuchMethodException | IllegalAccessException ex)
        {
            throw new IllegalArgumentException("--bot-class (BOT_CLASS): " + className +
                " needs a public no-argument constructor (and must be a public class)", ex);
        }
        catch (final InstantiationException | InvocationTargetException ex)
        {
            throw new IllegalArgumentException("--bot-class (BOT_CLASS): " + className + " failed to construct: " +
                (ex.getCause() != null ? ex.getCause() : ex), ex);
        }
        final Bot bot;
        try
        {
            bot = factory.create();
        }
        catch (final RuntimeException ex)
        {
            throw new IllegalArgumentException("--bot-class (BOT_CLASS): " + className + ".create() failed: " + ex, ex);
        }
        if (bot == null)
        {
            throw new IllegalArgumentException("--bot-class (BOT_CLASS): " + className + ".create() returned null");
        }
        return bot;
    }
}

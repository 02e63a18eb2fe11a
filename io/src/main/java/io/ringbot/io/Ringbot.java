package io.ringbot.io;

import io.ringbot.bot.Bot;
import picocli.CommandLine;

import java.util.Arrays;

/**
 * Runs a team's bot from its own {@code main}, configured exactly as {@code ./ringbot serve} (the same
 * flags and environment variables):
 * <pre>
 *   public static void main(String[] args)
 *   {
 *       Ringbot.serve(new Bot().records(USERS, CHATS).command("start", ctx -&gt; ctx.sendMessage().text("Hi")), args);
 *   }
 * </pre>
 */
public final class Ringbot
{
    private Ringbot()
    {
    }

    /**
     * Runs the server with the bot until SIGTERM or SIGINT, then exits the process: 0 when every change
     * reached Firestore, {@link RingbotMain#EXIT_NOT_SYNCED} when not, 2 for a bad configuration or a data
     * folder that cannot be opened as it is (another bot's, a change that drops fields: the message says what
     * to change), 1 when the server cannot start.
     *
     * @param bot  the bot, built once.
     * @param args the {@code serve} options ({@code --port 8080 ...}); a leading "serve" is accepted.
     */
    public static void serve(final Bot bot, final String... args)
    {
        System.exit(run(bot, args));
    }

    /**
     * As {@link #serve(Bot, String...)}, returning the exit code instead of exiting when the start fails.
     *
     * @param bot  the bot.
     * @param args the {@code serve} options.
     * @return the exit code of a failed start (a started server ends the process itself).
     */
    public static int run(final Bot bot, final String... args)
    {
        if (bot == null)
        {
            throw new IllegalArgumentException("Ringbot.serve needs a bot");
        }
        RingbotMain.quietLeakDetector();
        final String[] options = args.length > 0 && "serve".equals(args[0]) ? Arrays.copyOfRange(args, 1, args.length) : args;
        return new CommandLine(new RingbotMain.Serve(bot, System.getenv()).spec()).execute(options);
    }
}

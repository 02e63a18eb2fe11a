package io.ringbot.io;

import io.netty.util.ResourceLeakDetector;
import io.ringbot.bot.Bot;
import io.ringbot.io.config.ServeOptions;
import io.ringbot.io.config.ServerContext;
import io.ringbot.io.config.Setting;
import io.ringbot.store.DataFolderRefusedException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code ringbot serve}: runs the server in the foreground until SIGTERM or SIGINT. Its options are the
 * {@link Setting}s; each also reads its environment variable (a flag wins over the variable), and the defaults
 * are the components' contexts'.
 */
@Command(name = "ringbot", mixinStandardHelpOptions = true,
    description = "A Telegram bot backend: webhook, ring, single-writer engine, off-heap store.")
public final class RingbotMain
{
    /** Exit code of a shutdown that could not write every change to Firestore in time. */
    public static final int EXIT_NOT_SYNCED = 3;
    /** Exit code when Telegram refused long polling while serving (401 token, 409 another poller or a webhook). */
    public static final int EXIT_DELIVERY_REFUSED = 4;

    public static void main(final String[] args)
    {
        quietLeakDetector();
        final CommandLine ringbot = new CommandLine(new RingbotMain())
            .addSubcommand(new Serve(null, System.getenv()).spec());
        System.exit(ringbot.execute(args));
    }

    static void quietLeakDetector()
    {
        if (System.getProperty("io.netty.leakDetection.level") == null)
        {
            // the default sampling detector records a stack trace for one buffer in 128: garbage on the hot path.
            // The tests run with it on; -Dio.netty.leakDetection.level=simple turns it back on here.
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        }
    }

    /** The serve command: its options are {@link Setting}'s ({@link ServeOptions}). */
    static final class Serve implements Callable<Integer>
    {
        /** The bot a team's own main passes ({@link Ringbot#serve}), or null to pick one from the options. */
        private final Bot givenBot;
        private final Map<String, String> environment;
        private final CommandSpec spec;

        /**
         * @param givenBot    the team's bot, or null.
         * @param environment the variables the settings come from, where no flag is given.
         */
        Serve(final Bot givenBot, final Map<String, String> environment)
        {
            this.givenBot = givenBot;
            this.environment = environment;
            this.spec = ServeOptions.spec(this, environment);
        }

        CommandSpec spec()
        {
            return spec;
        }

        public Integer call() throws Exception
        {
            final ServerContext context;
            final Bot bot;
            try
            {
                context = ServeOptions.context(spec).conclude();
                bot = chooseBot(context);
            }
            catch (final IllegalArgumentException ex)
            {
                System.err.println("ringbot: invalid configuration: " + Setting.withFlags(ex.getMessage()));
                return 2;
            }
            // how the welcome's example names a secret it must not print: the variable, or the flag
            final String secret = context.webhook().secret();
            final String secretHint = secret == null ? null :
                secret.equals(Setting.WEBHOOK_SECRET.valueIn(environment)) ?
                "$" + Setting.WEBHOOK_SECRET.envName() :
                "<your --webhook-secret>";
            final RingbotServer server;
            try
            {
                server = new RingbotServer(context, bot);
            }
            catch (final DataFolderRefusedException ex)
            {
                // the folder as it is, not the machine, stops the start: as a bad setting, it is the user's to change
                System.err.println("ringbot: cannot start: " + ex.getMessage());
                return 2;
            }
            catch (final RuntimeException ex)
            {
                System.err.println("ringbot: cannot start: " + ex.getMessage());
                return 1;
            }
            printWelcome(server, secretHint, System.out);
            final CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() ->
            {
                server.close();
                stopped.countDown();
                // the exit code says whether every change reached Firestore (SIGTERM would give 143)
                Runtime.getRuntime().halt(server.deliveryFailure() != null ? EXIT_DELIVERY_REFUSED :
                    server.synced() ? 0 : EXIT_NOT_SYNCED);
            }, "ringbot-shutdown"));
            while (!stopped.await(500, TimeUnit.MILLISECONDS))
            {
                final String failure = server.deliveryFailure();
                if (failure != null)
                {
                    System.err.println("ringbot: " + failure);
                    System.exit(EXIT_DELIVERY_REFUSED); // the shutdown hook closes the server cleanly
                }
            }
            return 0;
        }

        private Bot chooseBot(final ServerContext context)
        {
            if (givenBot == null)
            {
                return BotLoader.load(context.bot(), context.botClass(), context.botJar(), context.botUsername());
            }
            if (!context.botClass().isBlank() || !context.botJar().isBlank() ||
                !BotLoader.REFERENCE.equals(context.bot().trim()))
            {
                throw new IllegalArgumentException("this program runs its own bot: drop --bot, --bot-class and " +
                    "--bot-jar (BOT, BOT_CLASS, BOT_JAR)");
            }
            if (!context.botUsername().isEmpty())
            {
                givenBot.username(context.botUsername());
            }
            return givenBot;
        }

        /**
         * The secret is printed only when it was generated now (it must be given to Telegram once); otherwise
         * the example reads it from where it is kept, so logs of later starts never hold it.
         *
         * @param secretHint how the example names a configured secret ("$WEBHOOK_SECRET", or a placeholder
         *                   for the flag's value); null when the secret is kept in the data folder.
         */
        static void printWelcome(final RingbotServer server, final String secretHint, final PrintStream out)
        {
            final ServerContext c = server.context();
            final String url = "http://" + c.webhook().bind() + ':' + server.webhookPort() + c.webhook().path();
            final Path secretFile = c.dataDir().resolve(WebhookSecrets.FILE_NAME);
            out.println();
            out.println("ringbot is running. Webhook: " + url);
            final String secret;
            if (server.secretGenerated())
            {
                out.println("A webhook secret was generated and kept in " + secretFile + " (owner-only): " + server.secret());
                secret = server.secret();
            }
            else
            {
                secret = secretHint != null ? secretHint : "$(cat " + secretFile + ")";
            }
            out.println("Try it:");
            out.println("  curl -s " + url + " -H \"X-Telegram-Bot-Api-Secret-Token: " + secret +
                "\" -H 'Content-Type: application/json' \\");
            out.println("    -d '{\"update_id\":1,\"message\":{\"message_id\":1,\"date\":0," +
                "\"chat\":{\"id\":42,\"type\":\"private\"},\"from\":{\"id\":42,\"is_bot\":false,\"first_name\":\"Ann\"}," +
                "\"text\":\"hello\"}}'");
            out.println("Stop with Ctrl-C (SIGTERM): the ring drains and the store closes cleanly.");
        }
    }
}

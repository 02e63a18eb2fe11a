package io.ringbot.io;

import io.netty.util.ResourceLeakDetector;
import io.ringbot.engine.bot.Bot;
import io.ringbot.io.config.ServerConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ringbot serve}: runs the server in the foreground until SIGTERM or SIGINT. Every option also
 * reads its environment variable; the defaults are the embedded ones.
 */
@Command(name = "ringbot", mixinStandardHelpOptions = true, subcommands = RingbotMain.Serve.class,
    description = "A Telegram bot backend: webhook, ring, single-writer engine, off-heap store.")
public final class RingbotMain
{
    /** Exit code of a shutdown that could not write every change to Firestore in time. */
    public static final int EXIT_NOT_SYNCED = 3;

    public static void main(final String[] args)
    {
        quietLeakDetector();
        System.exit(new CommandLine(new RingbotMain()).execute(args));
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

    /** The serve command. */
    @Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the server in the foreground.")
    static final class Serve implements Callable<Integer>
    {
        /** The bot a team's own main passes ({@link Ringbot#serve}), or null to pick one from the options. */
        private final Bot givenBot;

        Serve()
        {
            this(null);
        }

        Serve(final Bot givenBot)
        {
            this.givenBot = givenBot;
        }

        @Option(names = "--bot", defaultValue = "${env:BOT:-reference}",
            description = "the built-in bot: reference or wallet (BOT)")
        String botName;
        @Option(names = "--bot-class", defaultValue = "${env:BOT_CLASS:-}",
            description = "your bot: a class implementing io.ringbot.engine.bot.BotFactory (BOT_CLASS)")
        String botClass;
        @Option(names = "--bot-jar", defaultValue = "${env:BOT_JAR:-}",
            description = "the jar that holds --bot-class (BOT_JAR)")
        String botJar;
        @Option(names = "--bind", defaultValue = "${env:BIND:-127.0.0.1}", description = "webhook address (BIND)")
        String bind;
        @Option(names = "--port", defaultValue = "${env:PORT:-8080}", description = "webhook port (PORT)")
        int port;
        @Option(names = "--ops-bind", defaultValue = "${env:OPS_BIND:-127.0.0.1}", description = "ops address (OPS_BIND)")
        String opsBind;
        @Option(names = "--ops-port", defaultValue = "${env:OPS_PORT:-9090}", description = "ops port (OPS_PORT)")
        int opsPort;
        @Option(names = "--data-dir", defaultValue = "${env:DATA_DIR:-data}", description = "data folder (DATA_DIR)")
        Path dataDir;
        @Option(names = "--webhook-path", defaultValue = "${env:WEBHOOK_PATH:-/webhook}", description = "(WEBHOOK_PATH)")
        String webhookPath;
        @Option(names = "--webhook-secret", defaultValue = "${env:WEBHOOK_SECRET:-}",
            description = "X-Telegram-Bot-Api-Secret-Token (WEBHOOK_SECRET); generated and kept in the data folder when unset")
        String webhookSecret;
        @Option(names = "--bot-token", defaultValue = "${env:BOT_TOKEN:-}", description = "(BOT_TOKEN)")
        String botToken;
        @Option(names = "--bot-username", defaultValue = "${env:BOT_USERNAME:-}",
            description = "commands addressed to another bot are ignored (BOT_USERNAME)")
        String botUsername;
        @Option(names = "--admin-ids", defaultValue = "${env:ADMIN_IDS:-}", description = "comma-separated user ids (ADMIN_IDS)")
        String adminIds;
        @Option(names = "--users-capacity", defaultValue = "${env:USERS_CAPACITY:-1000000}", description = "(USERS_CAPACITY)")
        long usersCapacity;
        @Option(names = "--ring-size", defaultValue = "${env:RING_SIZE:-1024}", description = "(RING_SIZE)")
        int ringSize;
        @Option(names = "--engine-wait", defaultValue = "${env:ENGINE_WAIT:-blocking}",
            description = "blocking, sleeping, yielding or busyspin (ENGINE_WAIT)")
        String engineWait;
        @Option(names = "--engine-threading", defaultValue = "${env:ENGINE_THREADING:-auto}",
            description = "dedicated (own thread), shared (runs on the webhook event loop) or auto: shared when " +
                "the process sees one CPU (ENGINE_THREADING)")
        String engineThreading;
        @Option(names = "--io-threads", defaultValue = "${env:IO_THREADS:-1}", description = "(IO_THREADS)")
        int ioThreads;
        @Option(names = "--idle-timeout", defaultValue = "${env:IDLE_TIMEOUT_SECONDS:-75}", description = "(IDLE_TIMEOUT_SECONDS)")
        int idleTimeout;
        @Option(names = "--clearcache-idle", defaultValue = "${env:CLEARCACHE_IDLE_SECONDS:-3600}",
            description = "/clearcache drops records in Firestore unused this long (CLEARCACHE_IDLE_SECONDS)")
        long clearCacheIdle;
        @Option(names = "--dashboard-sample-ms", defaultValue = "${env:DASHBOARD_SAMPLE_MS:-1000}",
            description = "how often /dashboard and /stats.json sample, in ms (DASHBOARD_SAMPLE_MS)")
        long dashboardSampleMillis;

        public Integer call() throws Exception
        {
            final ServerConfig config;
            final Bot bot;
            try
            {
                config = new ServerConfig()
                    .bind(bind).port(port).opsBind(opsBind).opsPort(opsPort).dataDir(dataDir)
                    .webhookPath(webhookPath).webhookSecret(webhookSecret).botToken(botToken).botUsername(botUsername)
                    .adminIds(adminIds).usersCapacity(usersCapacity).ringSize(ringSize).engineWait(engineWait)
                    .engineThreading(engineThreading)
                    .ioThreads(ioThreads).idleTimeoutSeconds(idleTimeout).clearCacheIdleSeconds(clearCacheIdle)
                    .dashboardSampleMillis(dashboardSampleMillis)
                    .conclude();
                bot = chooseBot();
            }
            catch (final IllegalArgumentException ex)
            {
                System.err.println("ringbot: invalid configuration: " + ex.getMessage());
                return 2;
            }
            final RingbotServer server;
            try
            {
                server = new RingbotServer(config, bot, System.getenv());
            }
            catch (final RuntimeException ex)
            {
                System.err.println("ringbot: cannot start: " + ex.getMessage());
                return 1;
            }
            printWelcome(server);
            final CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() ->
            {
                server.close();
                stopped.countDown();
                // the exit code says whether every change reached Firestore (SIGTERM would give 143)
                Runtime.getRuntime().halt(server.synced() ? 0 : EXIT_NOT_SYNCED);
            }, "ringbot-shutdown"));
            stopped.await();
            return 0;
        }

        private Bot chooseBot()
        {
            if (givenBot == null)
            {
                return BotLoader.load(botName, botClass, botJar, botUsername);
            }
            if (!botClass.isBlank() || !botJar.isBlank() || !BotLoader.REFERENCE.equals(botName.trim()))
            {
                throw new IllegalArgumentException("this program runs its own bot: drop --bot, --bot-class and " +
                    "--bot-jar (BOT, BOT_CLASS, BOT_JAR)");
            }
            if (!botUsername.isEmpty())
            {
                givenBot.username(botUsername);
            }
            return givenBot;
        }

        private static void printWelcome(final RingbotServer server)
        {
            final ServerConfig c = server.config();
            final String url = "http://" + c.bind() + ':' + server.webhookPort() + c.webhookPath();
            System.out.println();
            System.out.println("ringbot is running. Webhook: " + url);
            if (server.secretGenerated())
            {
                System.out.println("A webhook secret was generated and kept in " +
                    c.dataDir().resolve(WebhookSecrets.FILE_NAME) + ": " + server.secret());
            }
            System.out.println("Try it:");
            System.out.println("  curl -s " + url + " -H 'X-Telegram-Bot-Api-Secret-Token: " + server.secret() +
                "' -H 'Content-Type: application/json' \\");
            System.out.println("    -d '{\"update_id\":1,\"message\":{\"message_id\":1,\"date\":0," +
                "\"chat\":{\"id\":42,\"type\":\"private\"},\"from\":{\"id\":42,\"is_bot\":false,\"first_name\":\"Ann\"}," +
                "\"text\":\"hello\"}}'");
            System.out.println("Stop with Ctrl-C (SIGTERM): the ring drains and the store closes cleanly.");
        }
    }
}

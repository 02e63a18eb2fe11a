package io.ringbot.io;

import io.netty.util.ResourceLeakDetector;
import io.ringbot.bot.Bot;
import io.ringbot.io.config.ServerConfig;
import io.ringbot.io.config.Setting;
import io.ringbot.io.config.SettingDefaults;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code ringbot serve}: runs the server in the foreground until SIGTERM or SIGINT. Every option also
 * reads its environment variable (a flag wins over the variable); the defaults come from the components'
 * contexts through {@link Setting}.
 */
@Command(name = "ringbot", mixinStandardHelpOptions = true, subcommands = RingbotMain.Serve.class,
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
    @Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the server in the foreground.",
        defaultValueProvider = SettingDefaults.class, showDefaultValues = true)
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

        // Defaults: SettingDefaults; unset by default: no "Default:" line in --help
        @Option(names = "--bot", description = "the built-in bot: reference or wallet (BOT)")
        String botName;
        @Option(names = "--bot-class", showDefaultValue = Visibility.NEVER,
            description = "your bot: a class implementing io.ringbot.bot.BotFactory (BOT_CLASS)")
        String botClass;
        @Option(names = "--bot-jar", showDefaultValue = Visibility.NEVER,
            description = "the jar that holds --bot-class (BOT_JAR)")
        String botJar;
        @Option(names = "--bind", description = "webhook address (BIND)")
        String bind;
        @Option(names = "--port", description = "webhook port (PORT)")
        int port;
        @Option(names = "--ops-bind", description = "ops address (OPS_BIND)")
        String opsBind;
        @Option(names = "--ops-port", description = "ops port (OPS_PORT)")
        int opsPort;
        @Option(names = "--data-dir", description = "data folder (DATA_DIR)")
        Path dataDir;
        @Option(names = "--webhook-path", description = "(WEBHOOK_PATH)")
        String webhookPath;
        @Option(names = "--webhook-secret", showDefaultValue = Visibility.NEVER, // no secret in --help
            description = "X-Telegram-Bot-Api-Secret-Token (WEBHOOK_SECRET); generated and kept in the data folder when unset")
        String webhookSecret;
        @Option(names = "--bot-token", showDefaultValue = Visibility.NEVER, description = "(BOT_TOKEN)")
        String botToken;
        @Option(names = "--bot-username", showDefaultValue = Visibility.NEVER,
            description = "commands addressed to another bot are ignored (BOT_USERNAME)")
        String botUsername;
        @Option(names = "--admin-ids", showDefaultValue = Visibility.NEVER,
            description = "comma-separated user ids (ADMIN_IDS)")
        String adminIds;
        @Option(names = "--users-capacity", description = "(USERS_CAPACITY)")
        long usersCapacity;
        @Option(names = "--ring-size", description = "(RING_SIZE)")
        int ringSize;
        @Option(names = "--engine-wait", description = "blocking, sleeping, yielding or busyspin (ENGINE_WAIT)")
        String engineWait;
        @Option(names = "--engine-threading",
            description = "dedicated (own thread), shared (runs on the webhook event loop) or auto: shared when " +
                "the process sees one CPU (ENGINE_THREADING)")
        String engineThreading;
        @Option(names = "--io-threads", description = "(IO_THREADS)")
        int ioThreads;
        @Option(names = "--idle-timeout", description = "(IDLE_TIMEOUT_SECONDS)")
        int idleTimeout;
        @Option(names = "--clearcache-idle",
            description = "/clearcache drops records in Firestore unused this long (CLEARCACHE_IDLE_SECONDS)")
        long clearCacheIdle;
        @Option(names = "--dashboard-sample-ms",
            description = "how often /dashboard and /stats.json sample, in ms (DASHBOARD_SAMPLE_MS)")
        long dashboardSampleMillis;
        @Option(names = "--bot-api-url", description = "the Bot API server (BOT_API_URL)")
        String botApiUrl;
        @Option(names = "--send-chat-per-second",
            description = "messages per second to one chat (SEND_CHAT_PER_SECOND)")
        double sendChatPerSecond;
        @Option(names = "--send-chat-burst", description = "burst of messages to one chat (SEND_CHAT_BURST)")
        int sendChatBurst;
        @Option(names = "--send-group-per-minute",
            description = "messages per minute to one group (SEND_GROUP_PER_MINUTE)")
        int sendGroupPerMinute;
        @Option(names = "--send-total-per-second", description = "calls per second in total (SEND_TOTAL_PER_SECOND)")
        int sendTotalPerSecond;
        @Option(names = "--paid-broadcast",
            description = "allow_paid_broadcast: the total limit is SEND_PAID_TOTAL_PER_SECOND (PAID_BROADCAST)")
        boolean paidBroadcast;
        @Option(names = "--send-paid-total-per-second", description = "(SEND_PAID_TOTAL_PER_SECOND)")
        int sendPaidTotalPerSecond;
        @Option(names = "--send-connections", description = "keep-alive connections to the Bot API (SEND_CONNECTIONS)")
        int sendConnections;
        @Option(names = "--send-timeout-ms", description = "(SEND_TIMEOUT_MS)")
        long sendTimeoutMillis;
        @Option(names = "--send-max-attempts",
            description = "attempts of a call that meets 5xx or network errors (SEND_MAX_ATTEMPTS)")
        int sendMaxAttempts;
        @Option(names = "--send-global-pause-chats",
            description = "429s from this many chats within a second pause all sending (SEND_GLOBAL_PAUSE_CHATS)")
        int sendGlobalPauseChats;
        @Option(names = "--send-max-pause-seconds",
            description = "a 429's retry_after pauses sending at most this long (SEND_MAX_PAUSE_SECONDS)")
        int sendMaxPauseSeconds;
        @Option(names = "--send-margin-ms",
            description = "each limit's window is this much longer, for jitter on the way (SEND_MARGIN_MS)")
        long sendMarginMillis;
        @Option(names = "--outbound-queue-bytes",
            description = "size of the persisted outbound queue, a power of two (OUTBOUND_QUEUE_BYTES)")
        int outboundQueueBytes;
        @Option(names = "--max-connections",
            description = "webhook connections open at once; more get 503 (MAX_CONNECTIONS)")
        int maxConnections;
        @Option(names = "--ops-max-connections",
            description = "ops connections open at once; more get 503 (OPS_MAX_CONNECTIONS)")
        int opsMaxConnections;
        @Option(names = "--head-timeout-ms",
            description = "a request's line and headers must arrive within this (HEAD_TIMEOUT_MS)")
        long headTimeoutMillis;
        @Option(names = "--body-timeout-ms",
            description = "a request's body must arrive within this once its head is in (BODY_TIMEOUT_MS)")
        long bodyTimeoutMillis;
        @Option(names = "--ops-allowed-hosts", showDefaultValue = Visibility.NEVER,
            description = "Host names the ops server answers besides localhost, 127.0.0.1 and [::1] (OPS_ALLOWED_HOSTS)")
        String opsAllowedHosts;
        @Option(names = "--transport",
            description = "auto (epoll where available, else nio), epoll, io_uring or nio (TRANSPORT)")
        String transport;

        @Option(names = "--public-url", showDefaultValue = Visibility.NEVER,
            description = "https URL Telegram reaches this server at: the webhook is registered at start (PUBLIC_URL)")
        String publicUrl;

        @Option(names = "--webhook-max-connections",
            description = "setWebhook max_connections, 1-100 (WEBHOOK_MAX_CONNECTIONS)")
        int webhookMaxConnections;

        @Option(names = "--drop-pending-updates",
            description = "setWebhook drops the updates Telegram holds (DROP_PENDING_UPDATES)")
        boolean dropPendingUpdates;

        @Option(names = "--webhook-info-interval",
            description = "seconds between getWebhookInfo reads (WEBHOOK_INFO_INTERVAL_SECONDS)")
        int webhookInfoIntervalSeconds;

        @Option(names = "--polling", description = "fetch updates by long polling instead of the webhook (POLLING)")
        boolean polling;

        @Option(names = "--poll-timeout",
            description = "getUpdates long-poll timeout in seconds, 0-50 (POLL_TIMEOUT_SECONDS)")
        int pollTimeoutSeconds;

        public Integer call() throws Exception
        {
            final ServerConfig config;
            final Bot bot;
            try
            {
                config = config();
                config.conclude();
                bot = chooseBot();
            }
            catch (final IllegalArgumentException ex)
            {
                System.err.println("ringbot: invalid configuration: " + Setting.withFlags(ex.getMessage()));
                return 2;
            }
            // how the welcome's example names a secret it must not print: the variable, or the flag
            final String secretHint = config.webhookSecret() == null ? null :
                config.webhookSecret().equals(System.getenv(Setting.WEBHOOK_SECRET.envName())) ?
                "$" + Setting.WEBHOOK_SECRET.envName() :
                "<your --webhook-secret>";
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

        /**
         * @return the configuration these options (flags, else environment, else defaults) give; not concluded.
         */
        ServerConfig config()
        {
            final ServerConfig config = new ServerConfig()
                .bind(bind).port(port).opsBind(opsBind).opsPort(opsPort).dataDir(dataDir)
                .webhookPath(webhookPath).webhookSecret(webhookSecret).botToken(botToken).botUsername(botUsername)
                .adminIds(adminIds).usersCapacity(usersCapacity).ringSize(ringSize).engineWait(engineWait)
                .engineThreading(engineThreading)
                .ioThreads(ioThreads).idleTimeoutSeconds(idleTimeout).clearCacheIdleSeconds(clearCacheIdle)
                .dashboardSampleMillis(dashboardSampleMillis)
                .maxConnections(maxConnections).opsMaxConnections(opsMaxConnections)
                .headTimeoutMillis(headTimeoutMillis).bodyTimeoutMillis(bodyTimeoutMillis)
                .opsAllowedHosts(opsAllowedHosts).transport(transport)
                .publicUrl(publicUrl).webhookMaxConnections(webhookMaxConnections)
                .dropPendingUpdates(dropPendingUpdates).webhookInfoIntervalSeconds(webhookInfoIntervalSeconds)
                .polling(polling).pollTimeoutSeconds(pollTimeoutSeconds);
            config.outbound().botApiUrl(botApiUrl).chatPerSecond(sendChatPerSecond).chatBurst(sendChatBurst)
                .groupPerMinute(sendGroupPerMinute).totalPerSecond(sendTotalPerSecond).paidBroadcast(paidBroadcast)
                .paidTotalPerSecond(sendPaidTotalPerSecond).connections(sendConnections)
                .timeoutMillis(sendTimeoutMillis).maxAttempts(sendMaxAttempts)
                .globalPauseChats(sendGlobalPauseChats).maxPauseSeconds(sendMaxPauseSeconds).marginMillis(sendMarginMillis).queueBytes(outboundQueueBytes);
            return config;
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

        /**
         * The secret is printed only when it was generated now (it must be given to Telegram once); otherwise
         * the example reads it from where it is kept, so logs of later starts never hold it.
         *
         * @param secretHint how the example names a configured secret ("$WEBHOOK_SECRET", or a placeholder
         *                   for the flag's value); null when the secret is kept in the data folder.
         */
        static void printWelcome(final RingbotServer server, final String secretHint, final PrintStream out)
        {
            final ServerConfig c = server.config();
            final String url = "http://" + c.bind() + ':' + server.webhookPort() + c.webhookPath();
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

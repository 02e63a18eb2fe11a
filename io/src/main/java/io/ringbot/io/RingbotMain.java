package io.ringbot.io;

import io.netty.util.ResourceLeakDetector;
import io.ringbot.bot.Bot;
import io.ringbot.io.config.ServerConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

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
            description = "your bot: a class implementing io.ringbot.bot.BotFactory (BOT_CLASS)")
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
        @Option(names = "--bot-api-url", defaultValue = "${env:BOT_API_URL:-https://api.telegram.org}",
            description = "the Bot API server (BOT_API_URL)")
        String botApiUrl;
        @Option(names = "--send-chat-per-second", defaultValue = "${env:SEND_CHAT_PER_SECOND:-1}",
            description = "messages per second to one chat (SEND_CHAT_PER_SECOND)")
        double sendChatPerSecond;
        @Option(names = "--send-chat-burst", defaultValue = "${env:SEND_CHAT_BURST:-3}",
            description = "burst of messages to one chat (SEND_CHAT_BURST)")
        int sendChatBurst;
        @Option(names = "--send-group-per-minute", defaultValue = "${env:SEND_GROUP_PER_MINUTE:-20}",
            description = "messages per minute to one group (SEND_GROUP_PER_MINUTE)")
        int sendGroupPerMinute;
        @Option(names = "--send-total-per-second", defaultValue = "${env:SEND_TOTAL_PER_SECOND:-30}",
            description = "calls per second in total (SEND_TOTAL_PER_SECOND)")
        int sendTotalPerSecond;
        @Option(names = "--paid-broadcast", defaultValue = "${env:PAID_BROADCAST:-false}",
            description = "allow_paid_broadcast: the total limit is SEND_PAID_TOTAL_PER_SECOND (PAID_BROADCAST)")
        boolean paidBroadcast;
        @Option(names = "--send-paid-total-per-second", defaultValue = "${env:SEND_PAID_TOTAL_PER_SECOND:-1000}",
            description = "(SEND_PAID_TOTAL_PER_SECOND)")
        int sendPaidTotalPerSecond;
        @Option(names = "--send-connections", defaultValue = "${env:SEND_CONNECTIONS:-8}",
            description = "keep-alive connections to the Bot API (SEND_CONNECTIONS)")
        int sendConnections;
        @Option(names = "--send-timeout-ms", defaultValue = "${env:SEND_TIMEOUT_MS:-30000}", description = "(SEND_TIMEOUT_MS)")
        long sendTimeoutMillis;
        @Option(names = "--send-max-attempts", defaultValue = "${env:SEND_MAX_ATTEMPTS:-10}",
            description = "attempts of a call that meets 5xx or network errors (SEND_MAX_ATTEMPTS)")
        int sendMaxAttempts;
        @Option(names = "--send-global-pause-chats", defaultValue = "${env:SEND_GLOBAL_PAUSE_CHATS:-3}",
            description = "429s from this many chats within a second pause all sending (SEND_GLOBAL_PAUSE_CHATS)")
        int sendGlobalPauseChats;
        @Option(names = "--send-margin-ms", defaultValue = "${env:SEND_MARGIN_MS:-50}",
            description = "each limit's window is this much longer, for jitter on the way (SEND_MARGIN_MS)")
        long sendMarginMillis;
        @Option(names = "--outbound-queue-bytes", defaultValue = "${env:OUTBOUND_QUEUE_BYTES:-16777216}",
            description = "size of the persisted outbound queue, a power of two (OUTBOUND_QUEUE_BYTES)")
        int outboundQueueBytes;
        @Option(names = "--max-connections", defaultValue = "${env:MAX_CONNECTIONS:-1024}",
            description = "webhook connections open at once; more get 503 (MAX_CONNECTIONS)")
        int maxConnections;
        @Option(names = "--ops-max-connections", defaultValue = "${env:OPS_MAX_CONNECTIONS:-16}",
            description = "ops connections open at once; more get 503 (OPS_MAX_CONNECTIONS)")
        int opsMaxConnections;
        @Option(names = "--head-timeout-ms", defaultValue = "${env:HEAD_TIMEOUT_MS:-10000}",
            description = "a request's line and headers must arrive within this (HEAD_TIMEOUT_MS)")
        long headTimeoutMillis;
        @Option(names = "--body-timeout-ms", defaultValue = "${env:BODY_TIMEOUT_MS:-30000}",
            description = "a request's body must arrive within this once its head is in (BODY_TIMEOUT_MS)")
        long bodyTimeoutMillis;
        @Option(names = "--ops-allowed-hosts", defaultValue = "${env:OPS_ALLOWED_HOSTS:-}",
            description = "Host names the ops server answers besides localhost, 127.0.0.1 and [::1] (OPS_ALLOWED_HOSTS)")
        String opsAllowedHosts;
        @Option(names = "--transport", defaultValue = "${env:TRANSPORT:-auto}",
            description = "auto (epoll where available, else nio), epoll, io_uring or nio (TRANSPORT)")
        String transport;

        @Option(names = "--public-url", defaultValue = "${env:PUBLIC_URL:-}",
            description = "https URL Telegram reaches this server at: the webhook is registered at start (PUBLIC_URL)")
        String publicUrl;

        @Option(names = "--webhook-max-connections", defaultValue = "${env:WEBHOOK_MAX_CONNECTIONS:-40}",
            description = "setWebhook max_connections, 1-100 (WEBHOOK_MAX_CONNECTIONS)")
        int webhookMaxConnections;

        @Option(names = "--drop-pending-updates", defaultValue = "${env:DROP_PENDING_UPDATES:-false}",
            description = "setWebhook drops the updates Telegram holds (DROP_PENDING_UPDATES)")
        boolean dropPendingUpdates;

        @Option(names = "--webhook-info-interval", defaultValue = "${env:WEBHOOK_INFO_INTERVAL_SECONDS:-60}",
            description = "seconds between getWebhookInfo reads (WEBHOOK_INFO_INTERVAL_SECONDS)")
        int webhookInfoIntervalSeconds;

        @Option(names = "--polling", defaultValue = "${env:POLLING:-false}",
            description = "fetch updates by long polling instead of the webhook (POLLING)")
        boolean polling;

        @Option(names = "--poll-timeout", defaultValue = "${env:POLL_TIMEOUT_SECONDS:-50}",
            description = "getUpdates long-poll timeout in seconds, 0-50 (POLL_TIMEOUT_SECONDS)")
        int pollTimeoutSeconds;

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
                    .globalPauseChats(sendGlobalPauseChats).marginMillis(sendMarginMillis).queueBytes(outboundQueueBytes);
                config.conclude();
                bot = chooseBot();
            }
            catch (final IllegalArgumentException ex)
            {
                System.err.println("ringbot: invalid configuration: " + ex.getMessage());
                return 2;
            }
            final boolean secretConfigured = config.webhookSecret() != null;
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
            printWelcome(server, secretConfigured, System.out);
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
         */
        static void printWelcome(final RingbotServer server, final boolean secretConfigured, final PrintStream out)
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
                secret = secretConfigured ? "$WEBHOOK_SECRET" : "$(cat " + secretFile + ")";
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

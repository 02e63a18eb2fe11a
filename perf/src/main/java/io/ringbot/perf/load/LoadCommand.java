package io.ringbot.perf.load;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code ringbot load}: the load generator's command line. One run, the fixed {@code --suite}, or either
 * against the bot and then the bare baseline ({@code --compare}).
 * <p>
 * Exit code 0 when nothing failed, 1 when any request failed or any reply check failed (unless
 * {@code --allow-errors}), 2 for bad options.
 */
@Command(
    name = "ringbot load",
    mixinStandardHelpOptions = true,
    version = "ringbot load 0.1",
    sortOptions = false,
    description = {
        "Posts realistic Telegram updates to a webhook and measures latency and throughput.",
        "Each user's updates are sequential; text replies are checked for the user's count." },
    footer = {
        "",
        "Examples:",
        "  ringbot load 1000 10                      closed loop, 1000 users, 10 s",
        "  ringbot load --rate 10000 --duration 30   open loop at 10k req/s",
        "  ringbot load --suite --json r.json --html r.html",
        "  ringbot load --compare --max --baseline-target http://127.0.0.1:8081/webhook" })
public final class LoadCommand implements Callable<Integer>
{
    static final String SECRET_ENV = "WEBHOOK_SECRET";
    static final Path SECRET_FILE = Path.of("data", "webhook-secret");
    static final String COMPARE_MIX = "text=100";

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "users", description = "Same as --users.")
    private Integer positionalUsers;

    @Parameters(index = "1", arity = "0..1", paramLabel = "duration", description = "Same as --duration.")
    private Double positionalDuration;

    @Option(names = "--target", paramLabel = "URL", description = "The webhook (default: ${DEFAULT-VALUE}).")
    private String target = "http://127.0.0.1:8080/webhook";

    @Option(names = "--secret", paramLabel = "S",
        description = "Secret header value (default: env WEBHOOK_SECRET, else ./data/webhook-secret).")
    private String secret;

    @Option(names = "--users", paramLabel = "N", description = "Virtual users (default: ${DEFAULT-VALUE}).")
    private int users = 1000;

    @Option(names = "--duration", paramLabel = "S", description = "Measured seconds (default: ${DEFAULT-VALUE}).")
    private double duration = 10;

    @Option(names = "--warmup", paramLabel = "S", description = "Unrecorded seconds first (default: ${DEFAULT-VALUE}).")
    private double warmup;

    @Option(names = "--rate", paramLabel = "R",
        description = "Open loop at R requests/s, latency from intended send times.")
    private Double rate;

    @Option(names = "--max", description = "Closed loop as fast as answers come (the default).")
    private boolean max;

    @Option(names = "--connections", paramLabel = "C", description = "Connections (default: ${DEFAULT-VALUE}).")
    private int connections = 64;

    @Option(names = "--threads", paramLabel = "T", description = "Client event loop threads (default: ${DEFAULT-VALUE}).")
    private int threads = 1;

    @Option(names = "--mix", paramLabel = "K=W,...",
        description = "Update kinds' weights (default: " + TrafficMix.DEFAULT + "; with --compare " + COMPARE_MIX + ").")
    private String mix;

    @Option(names = "--new-users-first",
        description = "Send each user's first update, in id order, before any user's second: a run of at least "
            + "--users requests grows the server's store to every user.")
    private boolean newUsersFirst;

    @Option(names = "--user-offset", paramLabel = "K", description = "First user id (default: ${DEFAULT-VALUE}).")
    private long userOffset = 1;

    @Option(names = "--timeout", paramLabel = "S", description = "Per-request time-out (default: ${DEFAULT-VALUE}).")
    private double timeout = 5;

    @Option(names = "--update-id-start", paramLabel = "ID",
        description = "First update_id (default: 1 + (epoch seconds mod 2,000) x 1,000,000: runs a second apart " +
            "do not overlap, and ids stay below 2^31 as Telegram's do).")
    private Long updateIdStart;

    @Option(names = "--seed", paramLabel = "N", description = "Seeds users and updates (default: ${DEFAULT-VALUE}).")
    private long seed = 42;

    @Option(names = "--suite", description = "Run the fixed scenarios: steady, burst, max, distinct users.")
    private boolean suite;

    @Option(names = "--scale", paramLabel = "F", description = "Multiplies the suite's durations (default: ${DEFAULT-VALUE}).")
    private double scale = 1;

    @Option(names = "--distinct-users", paramLabel = "N",
        description = "Users of the suite's distinct scenario (default: ${DEFAULT-VALUE}).")
    private int distinctUsers = LoadSuite.DISTINCT_USERS;

    @Option(names = "--distinct-user-offset", paramLabel = "K",
        description = "First user id of the distinct scenario (default: a fresh block per run).")
    private Long distinctUserOffset;

    @Option(names = "--compare", description = "Run against --target, then --baseline-target; print the ratios.")
    private boolean compare;

    @Option(names = "--baseline-target", paramLabel = "URL", description = "The bare baseline (default: ${DEFAULT-VALUE}).")
    private String baselineTarget = "http://127.0.0.1:8081/webhook";

    @Option(names = "--baseline-secret", paramLabel = "S", description = "The baseline's secret (default: as --secret).")
    private String baselineSecret;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the results as JSON.")
    private Path json;

    @Option(names = "--html", paramLabel = "FILE", description = "Write a self-contained HTML report.")
    private Path html;

    @Option(names = "--quiet", description = "No progress lines; the summary only.")
    private boolean quiet;

    @Option(names = "--allow-errors", description = "Exit 0 even when requests or reply checks failed.")
    private boolean allowErrors;

    private PrintStream out = System.out;

    /**
     * @param args the command line.
     */
    public static void main(final String[] args)
    {
        System.exit(execute(args));
    }

    /**
     * Runs the command in this JVM (tests use it).
     *
     * @param args the command line.
     * @return the exit code.
     */
    public static int execute(final String... args)
    {
        // later options win, so a wrapper's defaults (./ringbot load --compare) can be overridden
        return new CommandLine(new LoadCommand()).setOverwrittenOptionsAllowed(true).execute(args);
    }

    @Override
    public Integer call() throws IOException, InterruptedException
    {
        final List<Scenario> scenarios;
        final Target bot;
        final Target baseline;
        try
        {
            scenarios = scenarios();
            final String botSecret = secret != null ? secret : defaultSecret();
            bot = Target.parse(compare ? "ringbot" : "target", target, botSecret);
            baseline = compare ? Target.parse("baseline", baselineTarget,
                baselineSecret != null ? baselineSecret : botSecret) : null;
            if (bot.secret() == null)
            {
                out.println("warning: no secret (--secret, env " + SECRET_ENV + " or " + SECRET_FILE
                    + "): the server will answer 401");
            }
        }
        catch (final IllegalArgumentException ex)
        {
            throw new CommandLine.ParameterException(spec.commandLine(), ex.getMessage(), ex);
        }
        if (compare && scenarios.get(0).mix().expectsBotReplies())
        {
            out.println("warning: the baseline answers plain text only; its /start and callback checks will fail");
        }

        out.println("ringbot load: client transport " + NettyTransport.name() + ", " + threads + " thread(s)");
        final AtomicLong updateIds = new AtomicLong(
            updateIdStart != null ? updateIdStart : 1 + Instant.now().getEpochSecond() % 2_000 * 1_000_000L);
        final LoadGenerator generator = new LoadGenerator(threads, timeout, seed, updateIds, quiet ? null : out)
            .newUsersFirst(newUsersFirst);
        final List<ScenarioResult> results = new ArrayList<>();
        final List<Comparison> comparisons = new ArrayList<>();
        for (final Scenario scenario : scenarios)
        {
            final ScenarioResult botResult = runOne(generator, bot, scenario);
            results.add(botResult);
            if (baseline != null)
            {
                final ScenarioResult baselineResult = runOne(generator, baseline, scenario);
                results.add(baselineResult);
                comparisons.add(Comparison.of(botResult, baselineResult));
            }
        }

        final boolean passed = results.stream().allMatch(ScenarioResult::clean);
        final LoadReport report = new LoadReport(
            Instant.now().toString(), NettyTransport.name(), passed, results, comparisons);
        out.println();
        report.print(out);
        if (json != null)
        {
            report.writeJson(json);
            out.println("wrote " + json);
        }
        if (html != null)
        {
            HtmlReport.write(report, html);
            out.println("wrote " + html);
        }
        return passed || allowErrors ? 0 : 1;
    }

    private ScenarioResult runOne(final LoadGenerator generator, final Target to, final Scenario scenario)
        throws InterruptedException
    {
        out.printf("%n== %s @ %s: %s%n", scenario.name(), to, scenario.describe());
        return generator.run(to, scenario);
    }

    private List<Scenario> scenarios()
    {
        if (rate != null && max)
        {
            throw new IllegalArgumentException("choose --rate R (open loop) or --max (closed loop), not both");
        }
        final TrafficMix trafficMix = TrafficMix.parse(mix != null ? mix : compare ? COMPARE_MIX : TrafficMix.DEFAULT);
        final int userCount = positionalUsers != null ? positionalUsers : users;
        if (suite)
        {
            if (rate != null || max)
            {
                throw new IllegalArgumentException("--suite sets its own rates: leave out --rate and --max");
            }
            final long distinctFrom = distinctUserOffset != null ? distinctUserOffset
                : LoadSuite.freshFirstUserId(Instant.now().getEpochSecond());
            return LoadSuite.scenarios(scale, userCount, userOffset, distinctUsers, distinctFrom, connections, trafficMix);
        }
        final double seconds = positionalDuration != null ? positionalDuration : duration;
        final double openRate = rate != null ? rate : 0;
        if (rate != null && !(rate > 0))
        {
            throw new IllegalArgumentException("--rate must be positive");
        }
        final String name = openRate > 0 ? String.format("rate-%.0f", openRate) : "max";
        return List.of(new Scenario(name, openRate, warmup, seconds, userCount, userOffset, connections, trafficMix));
    }

    /**
     * @return env WEBHOOK_SECRET, else the first line of ./data/webhook-secret, else null.
     */
    static String defaultSecret()
    {
        final String fromEnv = System.getenv(SECRET_ENV);
        if (fromEnv != null && !fromEnv.isBlank())
        {
            return fromEnv.trim();
        }
        if (Files.isReadable(SECRET_FILE))
        {
            try
            {
                final String fromFile = Files.readString(SECRET_FILE, StandardCharsets.UTF_8).trim();
                return fromFile.isEmpty() ? null : fromFile;
            }
            catch (final IOException ex)
            {
                throw new IllegalArgumentException("cannot read " + SECRET_FILE + ": " + ex.getMessage(), ex);
            }
        }
        return null;
    }
}

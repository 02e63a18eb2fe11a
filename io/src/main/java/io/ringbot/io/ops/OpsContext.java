package io.ringbot.io.ops;

import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersReader;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Configuration of an {@link OpsServer}: fluent same-name accessors, validated once by {@link #conclude()}.
 * <p>
 * The ops port is separate from the webhook's and bound to loopback by default: health, metrics and the
 * dashboard tell an outsider a lot about the bot, so exposing them is an explicit choice.
 */
public final class OpsContext
{
    public static final String BIND_DEFAULT = "127.0.0.1";
    public static final int PORT_DEFAULT = 9090;
    /** The engine is down when its heartbeat is older than this. */
    public static final long HEARTBEAT_DOWN_MILLIS_DEFAULT = 5_000;
    /** The ring or a store table is degraded when fuller than this fraction. */
    public static final double FILL_DEGRADED_RATIO_DEFAULT = 0.9;
    /** The journal is degraded when its oldest pending change is older than this. */
    public static final long JOURNAL_LAG_DEGRADED_MILLIS_DEFAULT = 60_000;
    public static final long SAMPLE_PERIOD_MILLIS_DEFAULT = 1_000;
    public static final long SAMPLE_PERIOD_MILLIS_MIN = 10;
    public static final long SAMPLE_PERIOD_MILLIS_MAX = 60_000;
    /** Five minutes of one-second samples for the dashboard. */
    public static final int HISTORY_SAMPLES_DEFAULT = 300;
    /** A dashboard or two and a scraper need a handful of connections; more are refused with a 503. */
    public static final int MAX_CONNECTIONS_DEFAULT = 16;
    /** A request must arrive whole within this from its first byte (408 and closed after). */
    public static final long REQUEST_TIMEOUT_MILLIS_DEFAULT = 10_000;

    private String bind = BIND_DEFAULT;
    private int port = PORT_DEFAULT;
    private CountersReader counters;
    private HealthSource health;
    private LatencySource latency = LatencySource.NONE;
    private EpochClock clock = SystemEpochClock.INSTANCE;
    private long heartbeatDownMillis = HEARTBEAT_DOWN_MILLIS_DEFAULT;
    private double fillDegradedRatio = FILL_DEGRADED_RATIO_DEFAULT;
    private long journalLagDegradedMillis = JOURNAL_LAG_DEGRADED_MILLIS_DEFAULT;
    private long samplePeriodMillis = SAMPLE_PERIOD_MILLIS_DEFAULT;
    private int historySamples = HISTORY_SAMPLES_DEFAULT;
    private int maxConnections = MAX_CONNECTIONS_DEFAULT;
    private long requestTimeoutMillis = REQUEST_TIMEOUT_MILLIS_DEFAULT;
    private Set<String> allowedHosts = Set.of();
    private AtomicCounter connectionsRejected;
    private AtomicCounter misdirected;
    private AtomicCounter errors;

    public String bind()
    {
        return bind;
    }

    public OpsContext bind(final String bind)
    {
        this.bind = bind;
        return this;
    }

    /**
     * @return the port to listen on; 0 takes any free one ({@link OpsServer#port()} tells which).
     */
    public int port()
    {
        return port;
    }

    public OpsContext port(final int port)
    {
        this.port = port;
        return this;
    }

    /**
     * @return the live counters (the counters file's reader).
     */
    public CountersReader counters()
    {
        return counters;
    }

    public OpsContext counters(final CountersReader counters)
    {
        this.counters = counters;
        return this;
    }

    public HealthSource health()
    {
        return health;
    }

    public OpsContext health(final HealthSource health)
    {
        this.health = health;
        return this;
    }

    /**
     * @return where latency histograms come from; {@link LatencySource#NONE} leaves them out.
     */
    public LatencySource latency()
    {
        return latency;
    }

    public OpsContext latency(final LatencySource latency)
    {
        this.latency = latency;
        return this;
    }

    public EpochClock clock()
    {
        return clock;
    }

    public OpsContext clock(final EpochClock clock)
    {
        this.clock = clock;
        return this;
    }

    public long heartbeatDownMillis()
    {
        return heartbeatDownMillis;
    }

    public OpsContext heartbeatDownMillis(final long heartbeatDownMillis)
    {
        this.heartbeatDownMillis = heartbeatDownMillis;
        return this;
    }

    public double fillDegradedRatio()
    {
        return fillDegradedRatio;
    }

    public OpsContext fillDegradedRatio(final double fillDegradedRatio)
    {
        this.fillDegradedRatio = fillDegradedRatio;
        return this;
    }

    public long journalLagDegradedMillis()
    {
        return journalLagDegradedMillis;
    }

    public OpsContext journalLagDegradedMillis(final long journalLagDegradedMillis)
    {
        this.journalLagDegradedMillis = journalLagDegradedMillis;
        return this;
    }

    /**
     * @return how often the dashboard's sample (rates, interval percentiles) is taken.
     */
    public long samplePeriodMillis()
    {
        return samplePeriodMillis;
    }

    public OpsContext samplePeriodMillis(final long samplePeriodMillis)
    {
        this.samplePeriodMillis = samplePeriodMillis;
        return this;
    }

    /**
     * @return how many samples the server keeps, so that a newly opened dashboard starts with history.
     */
    public int historySamples()
    {
        return historySamples;
    }

    public OpsContext historySamples(final int historySamples)
    {
        this.historySamples = historySamples;
        return this;
    }

    /**
     * @return the most connections open at once; more are answered 503 and closed.
     */
    public int maxConnections()
    {
        return maxConnections;
    }

    public OpsContext maxConnections(final int maxConnections)
    {
        this.maxConnections = maxConnections;
        return this;
    }

    /**
     * @return how long a request may take to arrive from its first byte; 408 and closed after.
     */
    public long requestTimeoutMillis()
    {
        return requestTimeoutMillis;
    }

    public OpsContext requestTimeoutMillis(final long requestTimeoutMillis)
    {
        this.requestTimeoutMillis = requestTimeoutMillis;
        return this;
    }

    /**
     * @return Host names answered besides localhost, 127.0.0.1 and [::1] (lower case, without a port).
     */
    public Set<String> allowedHosts()
    {
        return allowedHosts;
    }

    /**
     * @param list comma-separated host names (OPS_ALLOWED_HOSTS), e.g. "ops.example.com,10.0.0.5".
     * @return this.
     */
    public OpsContext allowedHosts(final String list)
    {
        final Set<String> hosts = new HashSet<>();
        if (list != null)
        {
            for (final String host : list.split(","))
            {
                if (!host.isBlank())
                {
                    hosts.add(host.trim().toLowerCase(Locale.ROOT));
                }
            }
        }
        allowedHosts = Set.copyOf(hosts);
        return this;
    }

    /**
     * @return counts connections refused over {@link #maxConnections()}, or null.
     */
    public AtomicCounter connectionsRejected()
    {
        return connectionsRejected;
    }

    public OpsContext connectionsRejected(final AtomicCounter connectionsRejected)
    {
        this.connectionsRejected = connectionsRejected;
        return this;
    }

    /**
     * @return counts requests refused for their Host (421), or null.
     */
    public AtomicCounter misdirected()
    {
        return misdirected;
    }

    public OpsContext misdirected(final AtomicCounter misdirected)
    {
        this.misdirected = misdirected;
        return this;
    }

    /**
     * @return counts endpoint failures answered 500, or null.
     */
    public AtomicCounter errors()
    {
        return errors;
    }

    public OpsContext errors(final AtomicCounter errors)
    {
        this.errors = errors;
        return this;
    }

    /**
     * @return this, validated.
     * @throws IllegalArgumentException with a message that says what to change.
     */
    public OpsContext conclude()
    {
        if (counters == null || health == null)
        {
            throw new IllegalArgumentException("the ops server needs the counters file's reader and a HealthSource");
        }
        concludeSettings();
        if (latency == null)
        {
            latency = LatencySource.NONE;
        }
        if (clock == null)
        {
            throw new IllegalArgumentException("the ops server needs a clock");
        }
        if (heartbeatDownMillis < 1)
        {
            throw new IllegalArgumentException("the heartbeat threshold must be positive, was " + heartbeatDownMillis + " ms");
        }
        if (!(fillDegradedRatio > 0 && fillDegradedRatio <= 1))
        {
            throw new IllegalArgumentException("the fill threshold must be a fraction in (0, 1], was " + fillDegradedRatio);
        }
        if (journalLagDegradedMillis < 1)
        {
            throw new IllegalArgumentException("the journal lag threshold must be positive, was " + journalLagDegradedMillis + " ms");
        }
        if (requestTimeoutMillis < 10)
        {
            // from code only: the HEAD_TIMEOUT_MS setting is at least 100
            throw new IllegalArgumentException("the ops request deadline must be at least 10 ms, was " + requestTimeoutMillis);
        }
        if (historySamples < 2 || historySamples > 100_000)
        {
            throw new IllegalArgumentException("history must keep between 2 and 100000 samples, was " + historySamples);
        }
        return this;
    }

    /**
     * Validates what a user sets (OPS_BIND, OPS_PORT, DASHBOARD_SAMPLE_MS, OPS_MAX_CONNECTIONS) before anything is
     * opened; {@link #conclude()} does too.
     *
     * @return this.
     * @throws IllegalArgumentException with a message naming the variable and what to change.
     */
    public OpsContext concludeSettings()
    {
        if (bind == null || bind.isBlank())
        {
            throw new IllegalArgumentException("OPS_BIND must name an address to listen on, e.g. 127.0.0.1");
        }
        if (port < 0 || port > 65_535)
        {
            throw new IllegalArgumentException("OPS_PORT must be between 0 (any free port) and 65535, was " + port);
        }
        if (samplePeriodMillis < SAMPLE_PERIOD_MILLIS_MIN || samplePeriodMillis > SAMPLE_PERIOD_MILLIS_MAX)
        {
            throw new IllegalArgumentException("DASHBOARD_SAMPLE_MS must be between " + SAMPLE_PERIOD_MILLIS_MIN + " and " +
                SAMPLE_PERIOD_MILLIS_MAX + ", was " + samplePeriodMillis);
        }
        if (maxConnections < 1)
        {
            throw new IllegalArgumentException("OPS_MAX_CONNECTIONS must be at least 1, was " + maxConnections);
        }
        return this;
    }
}

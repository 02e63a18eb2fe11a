package io.ringbot.engine;

import io.ringbot.bot.Bot;
import io.ringbot.engine.dispatch.RecordChanges;
import io.ringbot.engine.load.LoadRequests;
import io.ringbot.engine.load.ParkingLot;
import io.ringbot.engine.outbound.OutboundRing;
import io.ringbot.store.StateStore;
import io.ringbot.store.status.CountersFile;
import io.ringbot.store.status.ErrorRecorder;
import io.ringbot.store.status.RingbotCounter;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.SystemEpochClock;

import java.util.concurrent.Executor;

/**
 * Configuration of an {@link Engine}: fluent same-name accessors, validated once by {@link #conclude()}.
 */
public final class EngineContext
{
    public static final int RING_SIZE_DEFAULT = 1024;
    /** The largest ring the engine accepts (2^20 slots). */
    public static final int RING_SIZE_MAX = 1 << 20;
    public static final String WAIT_STRATEGY_DEFAULT = "blocking";
    /** Updates that may wait for reads at once. */
    public static final int PARKING_CAPACITY_DEFAULT = ParkingLot.CAPACITY_DEFAULT;
    /** A tick passes through the ring this often to prove the engine alive. */
    public static final long TICK_MILLIS_DEFAULT = 500;

    private StateStore store;
    private CountersFile countersFile;
    private ErrorRecorder errors;
    private Bot bot;
    private long[] adminIds = new long[0];
    private int ringSize = RING_SIZE_DEFAULT;
    private String waitStrategy = WAIT_STRATEGY_DEFAULT;
    private RecordChanges recordChanges = RecordChanges.NONE;
    private JournalAckHandler journalAcks = JournalAckHandler.NONE;
    private EpochClock clock = SystemEpochClock.INSTANCE;
    private LoadRequests loadRequests;
    private int parkingCapacity = PARKING_CAPACITY_DEFAULT;
    private long tickMillis = TICK_MILLIS_DEFAULT;
    private boolean recordLatency = true;
    private EngineThreading threading = EngineThreading.DEDICATED;
    private Executor sharedHost;
    private OutboundRing outbound;

    public StateStore store()
    {
        return store;
    }

    public EngineContext store(final StateStore store)
    {
        this.store = store;
        return this;
    }

    public CountersFile countersFile()
    {
        return countersFile;
    }

    public EngineContext countersFile(final CountersFile countersFile)
    {
        this.countersFile = countersFile;
        return this;
    }

    public ErrorRecorder errors()
    {
        return errors;
    }

    public EngineContext errors(final ErrorRecorder errors)
    {
        this.errors = errors;
        return this;
    }

    public Bot bot()
    {
        return bot;
    }

    public EngineContext bot(final Bot bot)
    {
        this.bot = bot;
        return this;
    }

    public long[] adminIds()
    {
        return adminIds;
    }

    public EngineContext adminIds(final long[] adminIds)
    {
        this.adminIds = adminIds.clone();
        return this;
    }

    public int ringSize()
    {
        return ringSize;
    }

    public EngineContext ringSize(final int ringSize)
    {
        this.ringSize = ringSize;
        return this;
    }

    /**
     * @return how the engine thread waits for updates: blocking, sleeping, yielding or busyspin.
     */
    public String waitStrategy()
    {
        return waitStrategy;
    }

    public EngineContext waitStrategy(final String waitStrategy)
    {
        this.waitStrategy = waitStrategy;
        return this;
    }

    public RecordChanges recordChanges()
    {
        return recordChanges;
    }

    public EngineContext recordChanges(final RecordChanges recordChanges)
    {
        this.recordChanges = recordChanges;
        return this;
    }

    public JournalAckHandler journalAcks()
    {
        return journalAcks;
    }

    public EngineContext journalAcks(final JournalAckHandler journalAcks)
    {
        this.journalAcks = journalAcks;
        return this;
    }

    public EpochClock clock()
    {
        return clock;
    }

    public EngineContext clock(final EpochClock clock)
    {
        this.clock = clock;
        return this;
    }

    /**
     * @return where reads of records missing locally go, or null for none (a missing record starts fresh).
     */
    public LoadRequests loadRequests()
    {
        return loadRequests;
    }

    public EngineContext loadRequests(final LoadRequests loadRequests)
    {
        this.loadRequests = loadRequests;
        return this;
    }

    /**
     * @return how many updates may wait for reads at once (beyond that: 503, Telegram redelivers).
     */
    public int parkingCapacity()
    {
        return parkingCapacity;
    }

    public EngineContext parkingCapacity(final int parkingCapacity)
    {
        this.parkingCapacity = parkingCapacity;
        return this;
    }

    /**
     * @return how often a tick passes through the ring to prove the engine alive (0: never).
     */
    public long tickMillis()
    {
        return tickMillis;
    }

    public EngineContext tickMillis(final long tickMillis)
    {
        this.tickMillis = tickMillis;
        return this;
    }

    /**
     * @return whether the engine times each update into its latency histogram (two clock reads).
     */
    public boolean recordLatency()
    {
        return recordLatency;
    }

    public EngineContext recordLatency(final boolean recordLatency)
    {
        this.recordLatency = recordLatency;
        return this;
    }

    public EngineThreading threading()
    {
        return threading;
    }

    public EngineContext threading(final EngineThreading threading)
    {
        this.threading = threading;
        return this;
    }

    /**
     * @return in {@link EngineThreading#SHARED} mode, the single thread that runs the engine.
     */
    public Executor sharedHost()
    {
        return sharedHost;
    }

    /**
     * @param sharedHost an executor that runs every task on one and the same thread (a Netty event loop).
     * @return this.
     */
    public EngineContext sharedHost(final Executor sharedHost)
    {
        this.sharedHost = sharedHost;
        return this;
    }

    /**
     * @return the outbound queue handlers' calls go to, or null (no BOT_TOKEN: calls are refused).
     */
    public OutboundRing outbound()
    {
        return outbound;
    }

    public EngineContext outbound(final OutboundRing outbound)
    {
        this.outbound = outbound;
        return this;
    }

    /**
     * @return this, validated.
     * @throws IllegalArgumentException with a message that says what to change.
     */
    public EngineContext conclude()
    {
        if (store == null || countersFile == null || bot == null)
        {
            throw new IllegalArgumentException("an engine needs a store, a counters file and a bot");
        }
        concludeSettings();
        if (threading == EngineThreading.SHARED && sharedHost == null)
        {
            throw new IllegalArgumentException("a shared engine needs a host executor to run on");
        }
        if (parkingCapacity < 1)
        {
            // not a variable or flag: only code that builds an EngineContext sets it
            throw new IllegalArgumentException("EngineContext.parkingCapacity must be at least 1, was " + parkingCapacity);
        }
        if (errors == null)
        {
            errors = new ErrorRecorder(countersFile.counter(RingbotCounter.ERRORS), countersFile.errorLog());
        }
        return this;
    }

    /**
     * Validates what a user sets (RING_SIZE, ENGINE_WAIT) before anything is opened; {@link #conclude()} does too.
     *
     * @return this.
     * @throws IllegalArgumentException with a message naming the variable and what to change.
     */
    public EngineContext concludeSettings()
    {
        if (ringSize < 2 || ringSize > RING_SIZE_MAX || Integer.bitCount(ringSize) != 1)
        {
            throw new IllegalArgumentException("RING_SIZE must be a power of two between 2 and " + RING_SIZE_MAX +
                ", was " + ringSize);
        }
        WaitStrategies.of(waitStrategy);
        return this;
    }
}

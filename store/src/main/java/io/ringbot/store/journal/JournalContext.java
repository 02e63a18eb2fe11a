package io.ringbot.store.journal;

import io.ringbot.store.status.CountersFile;
import io.ringbot.store.status.ErrorRecorder;
import io.ringbot.store.status.RingbotCounter;
import org.agrona.BitUtil;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.SystemEpochClock;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Configuration of the journal, the loader and the Firestore sink: fluent same-name accessors, defaults declared
 * here and validated once by {@link #conclude()}. Times are in milliseconds. The server sets them from the
 * environment variables and flags named in each check's message (the io module's {@code Setting}).
 */
public final class JournalContext
{
    public static final String COLLECTION_PREFIX_DEFAULT = "";
    /** Project id used with the emulator when none is set ("demo-" ids never reach production). */
    public static final String EMULATOR_PROJECT_ID_DEFAULT = "demo-ringbot";
    /** Firestore sustains about one write per second per document. */
    public static final long MIN_WRITE_INTERVAL_MS_DEFAULT = 1000;
    public static final long FLUSH_INTERVAL_MS_DEFAULT = 100;
    public static final int MAX_BATCH_DEFAULT = JournalSink.MAX_WRITES_PER_COMMIT;
    public static final int MAX_COMMITS_IN_FLIGHT_DEFAULT = 4;
    public static final long RETRY_BACKOFF_INITIAL_MS_DEFAULT = 250;
    public static final long RETRY_BACKOFF_MAX_MS_DEFAULT = 30_000;
    public static final long COMMIT_TIMEOUT_MS_DEFAULT = 20_000;
    public static final long READ_TIMEOUT_MS_DEFAULT = 2_000;
    public static final long SHUTDOWN_FLUSH_TIMEOUT_MS_DEFAULT = 10_000;
    public static final int CHANGE_LOG_CAPACITY_DEFAULT = ChangeLog.CAPACITY_DEFAULT;
    public static final int SNAPSHOT_ATTEMPTS_DEFAULT = RecordSnapshot.MAX_ATTEMPTS_DEFAULT;

    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_\\-]{0,64}");
    private static final Pattern HOST_PORT = Pattern.compile("[A-Za-z0-9.\\-\\[\\]:]+:\\d{1,5}");

    private long minWriteIntervalMs = MIN_WRITE_INTERVAL_MS_DEFAULT;
    private long flushIntervalMs = FLUSH_INTERVAL_MS_DEFAULT;
    private int maxBatch = MAX_BATCH_DEFAULT;
    private int maxCommitsInFlight = MAX_COMMITS_IN_FLIGHT_DEFAULT;
    private long retryBackoffInitialMs = RETRY_BACKOFF_INITIAL_MS_DEFAULT;
    private long retryBackoffMaxMs = RETRY_BACKOFF_MAX_MS_DEFAULT;
    private long commitTimeoutMs = COMMIT_TIMEOUT_MS_DEFAULT;
    private long readTimeoutMs = READ_TIMEOUT_MS_DEFAULT;
    private long shutdownFlushTimeoutMs = SHUTDOWN_FLUSH_TIMEOUT_MS_DEFAULT;
    private int changeLogCapacity = CHANGE_LOG_CAPACITY_DEFAULT;
    private int snapshotAttempts = SNAPSHOT_ATTEMPTS_DEFAULT;
    private String collectionPrefix = COLLECTION_PREFIX_DEFAULT;
    private String projectId;
    private String emulatorHost;
    private Path credentialsFile;
    private EpochClock epochClock;
    private CountersFile countersFile;
    private ErrorRecorder errorRecorder;

    /**
     * Validates and fills derived defaults (the emulator's project id, the clock, the error recorder).
     * Calling it again after a change validates again.
     *
     * @return this.
     * @throws IllegalArgumentException with a message that says what to change.
     */
    public JournalContext conclude()
    {
        atLeast("JOURNAL_MIN_WRITE_INTERVAL_MS", minWriteIntervalMs, 0);
        atLeast("JOURNAL_FLUSH_INTERVAL_MS", flushIntervalMs, 1);
        if (maxBatch < 1 || maxBatch > JournalSink.MAX_WRITES_PER_COMMIT)
        {
            throw new IllegalArgumentException("JOURNAL_MAX_BATCH must be between 1 and " +
                JournalSink.MAX_WRITES_PER_COMMIT + " (Firestore's limit per commit), was " + maxBatch);
        }
        if (maxCommitsInFlight < 1 || maxCommitsInFlight > 256)
        {
            throw new IllegalArgumentException("JOURNAL_MAX_COMMITS_IN_FLIGHT must be between 1 and 256, was " + maxCommitsInFlight);
        }
        atLeast("JOURNAL_RETRY_BACKOFF_INITIAL_MS", retryBackoffInitialMs, 1);
        if (retryBackoffMaxMs < retryBackoffInitialMs)
        {
            throw new IllegalArgumentException("JOURNAL_RETRY_BACKOFF_MAX_MS (" + retryBackoffMaxMs +
                ") must be at least JOURNAL_RETRY_BACKOFF_INITIAL_MS (" + retryBackoffInitialMs + ")");
        }
        atLeast("JOURNAL_COMMIT_TIMEOUT_MS", commitTimeoutMs, 1);
        atLeast("LOADER_READ_TIMEOUT_MS", readTimeoutMs, 1);
        atLeast("JOURNAL_SHUTDOWN_FLUSH_TIMEOUT_MS", shutdownFlushTimeoutMs, 0);
        if (changeLogCapacity < ChangeLog.MIN_CAPACITY || !BitUtil.isPowerOfTwo(changeLogCapacity))
        {
            throw new IllegalArgumentException("JOURNAL_CHANGE_LOG_CAPACITY must be a power of two of at least " +
                ChangeLog.MIN_CAPACITY + ", was " + changeLogCapacity);
        }
        if (snapshotAttempts < 1)
        {
            throw new IllegalArgumentException("JournalContext.snapshotAttempts must be at least 1, was " + snapshotAttempts);
        }
        if (collectionPrefix == null || !PREFIX.matcher(collectionPrefix).matches())
        {
            throw new IllegalArgumentException("FIRESTORE_COLLECTION_PREFIX may hold up to 64 letters, digits, '_' or '-' " +
                "(e.g. prod_), was '" + collectionPrefix + "'");
        }
        if (emulatorHost != null && !HOST_PORT.matcher(emulatorHost).matches())
        {
            throw new IllegalArgumentException("FIRESTORE_EMULATOR_HOST must be host:port (e.g. 127.0.0.1:8080), was '" +
                emulatorHost + "'");
        }
        if (emulatorHost != null && projectId == null)
        {
            projectId = EMULATOR_PROJECT_ID_DEFAULT;
        }
        if (credentialsFile != null && !Files.isReadable(credentialsFile))
        {
            throw new IllegalArgumentException("GOOGLE_APPLICATION_CREDENTIALS names " + credentialsFile +
                ", which is not a readable file: point it at a service account key (JSON)");
        }
        if (epochClock == null)
        {
            epochClock = SystemEpochClock.INSTANCE;
        }
        if (errorRecorder == null && countersFile != null)
        {
            errorRecorder = new ErrorRecorder(countersFile.counter(RingbotCounter.ERRORS), countersFile.errorLog());
        }
        return this;
    }

    /**
     * @return true when any of project id, emulator host or credentials is set: journaling to Firestore
     * is wanted. With none set the server runs without Firestore.
     */
    public boolean firestoreConfigured()
    {
        return projectId != null || emulatorHost != null || credentialsFile != null;
    }

    public long minWriteIntervalMs()
    {
        return minWriteIntervalMs;
    }

    /**
     * @param minWriteIntervalMs the least time between two writes of one document; changes in between
     *                           are coalesced into the next write.
     * @return this.
     */
    public JournalContext minWriteIntervalMs(final long minWriteIntervalMs)
    {
        this.minWriteIntervalMs = minWriteIntervalMs;
        return this;
    }

    public long flushIntervalMs()
    {
        return flushIntervalMs;
    }

    /**
     * @param flushIntervalMs how often the journal gathers due records into commits.
     * @return this.
     */
    public JournalContext flushIntervalMs(final long flushIntervalMs)
    {
        this.flushIntervalMs = flushIntervalMs;
        return this;
    }

    public int maxBatch()
    {
        return maxBatch;
    }

    /**
     * @param maxBatch most writes in one commit (1 to 500).
     * @return this.
     */
    public JournalContext maxBatch(final int maxBatch)
    {
        this.maxBatch = maxBatch;
        return this;
    }

    public int maxCommitsInFlight()
    {
        return maxCommitsInFlight;
    }

    /**
     * @param maxCommitsInFlight most commits awaiting acknowledgement at once.
     * @return this.
     */
    public JournalContext maxCommitsInFlight(final int maxCommitsInFlight)
    {
        this.maxCommitsInFlight = maxCommitsInFlight;
        return this;
    }

    public long retryBackoffInitialMs()
    {
        return retryBackoffInitialMs;
    }

    /**
     * @param retryBackoffInitialMs the pause after the first failed commit; doubles per failure in a row.
     * @return this.
     */
    public JournalContext retryBackoffInitialMs(final long retryBackoffInitialMs)
    {
        this.retryBackoffInitialMs = retryBackoffInitialMs;
        return this;
    }

    public long retryBackoffMaxMs()
    {
        return retryBackoffMaxMs;
    }

    /**
     * @param retryBackoffMaxMs the longest pause between retries.
     * @return this.
     */
    public JournalContext retryBackoffMaxMs(final long retryBackoffMaxMs)
    {
        this.retryBackoffMaxMs = retryBackoffMaxMs;
        return this;
    }

    public long commitTimeoutMs()
    {
        return commitTimeoutMs;
    }

    /**
     * @param commitTimeoutMs how long a commit may go unacknowledged before it counts as failed.
     * @return this.
     */
    public JournalContext commitTimeoutMs(final long commitTimeoutMs)
    {
        this.commitTimeoutMs = commitTimeoutMs;
        return this;
    }

    public long readTimeoutMs()
    {
        return readTimeoutMs;
    }

    /**
     * @param readTimeoutMs how long a read-through load waits for Firestore.
     * @return this.
     */
    public JournalContext readTimeoutMs(final long readTimeoutMs)
    {
        this.readTimeoutMs = readTimeoutMs;
        return this;
    }

    public long shutdownFlushTimeoutMs()
    {
        return shutdownFlushTimeoutMs;
    }

    /**
     * @param shutdownFlushTimeoutMs how long a shutdown waits for pending records to be written.
     * @return this.
     */
    public JournalContext shutdownFlushTimeoutMs(final long shutdownFlushTimeoutMs)
    {
        this.shutdownFlushTimeoutMs = shutdownFlushTimeoutMs;
        return this;
    }

    public int changeLogCapacity()
    {
        return changeLogCapacity;
    }

    /**
     * @param changeLogCapacity entries of the {@link ChangeLog} (a power of two; 16 B each).
     * @return this.
     */
    public JournalContext changeLogCapacity(final int changeLogCapacity)
    {
        this.changeLogCapacity = changeLogCapacity;
        return this;
    }

    public int snapshotAttempts()
    {
        return snapshotAttempts;
    }

    /**
     * @param snapshotAttempts seqlock reads tried on a record before leaving it to the next round.
     * @return this.
     */
    public JournalContext snapshotAttempts(final int snapshotAttempts)
    {
        this.snapshotAttempts = snapshotAttempts;
        return this;
    }

    public String collectionPrefix()
    {
        return collectionPrefix;
    }

    /**
     * @param collectionPrefix put before every collection name, e.g. "prod_" for {@code prod_users}.
     * @return this.
     */
    public JournalContext collectionPrefix(final String collectionPrefix)
    {
        this.collectionPrefix = collectionPrefix;
        return this;
    }

    public String projectId()
    {
        return projectId;
    }

    /**
     * @param projectId the Firebase project; null or blank: unset (the emulator's default, or the key's).
     * @return this.
     */
    public JournalContext projectId(final String projectId)
    {
        this.projectId = projectId == null || projectId.isBlank() ? null : projectId.trim();
        return this;
    }

    public String emulatorHost()
    {
        return emulatorHost;
    }

    /**
     * @param emulatorHost host:port of a Firestore emulator; null or blank for Firestore itself.
     * @return this.
     */
    public JournalContext emulatorHost(final String emulatorHost)
    {
        this.emulatorHost = emulatorHost == null || emulatorHost.isBlank() ? null : emulatorHost.trim();
        return this;
    }

    public Path credentialsFile()
    {
        return credentialsFile;
    }

    /**
     * @param credentialsFile a service account key (JSON), or null for Application Default Credentials.
     * @return this.
     */
    public JournalContext credentialsFile(final Path credentialsFile)
    {
        this.credentialsFile = credentialsFile;
        return this;
    }

    public EpochClock epochClock()
    {
        return epochClock;
    }

    /**
     * @param epochClock the journal's clock (tests pass a {@code CachedEpochClock}).
     * @return this.
     */
    public JournalContext epochClock(final EpochClock epochClock)
    {
        this.epochClock = epochClock;
        return this;
    }

    public CountersFile countersFile()
    {
        return countersFile;
    }

    /**
     * @param countersFile the server's counters, which the journal and loader update.
     * @return this.
     */
    public JournalContext countersFile(final CountersFile countersFile)
    {
        this.countersFile = countersFile;
        return this;
    }

    public ErrorRecorder errorRecorder()
    {
        return errorRecorder;
    }

    /**
     * @param errorRecorder where failures are counted and logged once per kind; defaults to one over
     *                      the counters file.
     * @return this.
     */
    public JournalContext errorRecorder(final ErrorRecorder errorRecorder)
    {
        this.errorRecorder = errorRecorder;
        return this;
    }

    CountersFile requireCounters(final String who)
    {
        if (countersFile == null)
        {
            throw new IllegalArgumentException(who + " needs JournalContext.countersFile(...): pass the server's CountersFile");
        }
        return countersFile;
    }

    private static void atLeast(final String name, final long value, final long min)
    {
        if (value < min)
        {
            throw new IllegalArgumentException(name + " must be at least " + min + ", was " + value);
        }
    }
}

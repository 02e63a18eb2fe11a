package io.ringbot.store.status;

import org.agrona.IoUtil;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.errors.DistinctErrorLog;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;
import org.agrona.concurrent.status.CountersReader;

import java.io.File;
import java.nio.MappedByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The memory-mapped file {@code counters.dat} in the data folder: every live counter and the distinct
 * error log, readable by another process (the inspection tool) while the server runs.
 * <pre>
 *  +----------------------------+  0
 *  | header (128 B)             |  magic, layout version, section lengths, pid, start time
 *  +----------------------------+  128
 *  | counters metadata          |  Agrona CountersReader metadata (label, type, state)
 *  +----------------------------+
 *  | counters values            |  one 128 B cache-line-padded slot per counter
 *  +----------------------------+
 *  | distinct error log         |  Agrona DistinctErrorLog records
 *  +----------------------------+
 * </pre>
 * The server creates it anew at every start (counters begin at zero, as a process's do).
 */
public final class CountersFile implements AutoCloseable
{
    public static final String FILE_NAME = "counters.dat";
    public static final int FIXED_TYPE_ID = 1;
    public static final int KIND_TYPE_ID = 2;
    /** Outbound Bot API calls by method and result, labelled "send method=M result=R". */
    public static final int SEND_TYPE_ID = 3;
    public static final int MAX_COUNTERS = 256;

    public static final int MAGIC = 0x52424354; // "RBCT"
    public static final int LAYOUT_VERSION = 1;
    public static final int MAGIC_OFFSET = 0;
    public static final int VERSION_OFFSET = 4;
    public static final int METADATA_LENGTH_OFFSET = 8;
    public static final int VALUES_LENGTH_OFFSET = 12;
    public static final int ERROR_LOG_LENGTH_OFFSET = 16;
    public static final int PID_OFFSET = 24;
    public static final int START_MS_OFFSET = 32;
    public static final int HEADER_LENGTH = 128;
    static final int VALUES_LENGTH = MAX_COUNTERS * CountersReader.COUNTER_LENGTH;
    static final int METADATA_LENGTH = MAX_COUNTERS * CountersReader.METADATA_LENGTH;
    static final int ERROR_LOG_LENGTH = 1024 * 1024;

    private final MappedByteBuffer mapped;
    private final UnsafeBuffer header;
    private final UnsafeBuffer metadata;
    private final UnsafeBuffer values;
    private final UnsafeBuffer errorLogBuffer;
    private final CountersManager manager;
    private final AtomicCounter[] fixed;
    private final DistinctErrorLog errorLog;

    private CountersFile(final MappedByteBuffer mapped, final boolean writer)
    {
        this.mapped = mapped;
        header = new UnsafeBuffer(mapped, 0, HEADER_LENGTH);
        if (writer)
        {
            header.putInt(MAGIC_OFFSET, MAGIC);
            header.putInt(VERSION_OFFSET, LAYOUT_VERSION);
            header.putInt(METADATA_LENGTH_OFFSET, METADATA_LENGTH);
            header.putInt(VALUES_LENGTH_OFFSET, VALUES_LENGTH);
            header.putInt(ERROR_LOG_LENGTH_OFFSET, ERROR_LOG_LENGTH);
            header.putLong(PID_OFFSET, ProcessHandle.current().pid());
            header.putLong(START_MS_OFFSET, System.currentTimeMillis());
        }
        else if (header.getInt(MAGIC_OFFSET) != MAGIC || header.getInt(VERSION_OFFSET) != LAYOUT_VERSION)
        {
            throw new IllegalStateException("not a ringbot counters file of layout " + LAYOUT_VERSION);
        }
        metadata = new UnsafeBuffer(mapped, HEADER_LENGTH, METADATA_LENGTH);
        values = new UnsafeBuffer(mapped, HEADER_LENGTH + METADATA_LENGTH, VALUES_LENGTH);
        errorLogBuffer = new UnsafeBuffer(mapped, HEADER_LENGTH + METADATA_LENGTH + VALUES_LENGTH, ERROR_LOG_LENGTH);
        manager = new CountersManager(metadata, values, StandardCharsets.UTF_8);
        fixed = new AtomicCounter[RingbotCounter.values().length];
        if (writer)
        {
            for (final RingbotCounter c : RingbotCounter.values())
            {
                fixed[c.ordinal()] = manager.newCounter(c.label(), FIXED_TYPE_ID);
            }
            errorLog = new DistinctErrorLog(errorLogBuffer, SystemEpochClock.INSTANCE, StandardCharsets.UTF_8);
        }
        else
        {
            errorLog = null;
        }
    }

    /**
     * Creates the counters file anew for a starting server.
     *
     * @param dataDir the data folder.
     * @return the writable counters.
     */
    public static CountersFile create(final Path dataDir)
    {
        final File file = dataDir.resolve(FILE_NAME).toFile();
        IoUtil.deleteIfExists(file);
        return new CountersFile(IoUtil.mapNewFile(file, totalLength(), true), true);
    }

    /**
     * Maps an existing counters file to read it (another process, or after a crash).
     *
     * @param dataDir the data folder.
     * @return a reader; only {@link #reader()}, {@link #errorLogBuffer()} and the header accessors apply.
     */
    public static CountersFile openReadOnly(final Path dataDir)
    {
        final File file = dataDir.resolve(FILE_NAME).toFile();
        if (!file.exists())
        {
            throw new IllegalStateException("no " + FILE_NAME + " in " + dataDir + ": has a server run there?");
        }
        return new CountersFile(IoUtil.mapExistingFile(file, "counters"), false);
    }

    static long totalLength()
    {
        return (long)HEADER_LENGTH + METADATA_LENGTH + VALUES_LENGTH + ERROR_LOG_LENGTH;
    }

    /**
     * @param counter which one.
     * @return the writable counter (writer side only).
     */
    public AtomicCounter counter(final RingbotCounter counter)
    {
        return fixed[counter.ordinal()];
    }

    /**
     * Allocates a further counter, e.g. one per update kind.
     *
     * @param label  its label.
     * @param typeId its type.
     * @return the counter.
     */
    public AtomicCounter newCounter(final String label, final int typeId)
    {
        return manager.newCounter(label, typeId);
    }

    public CountersReader reader()
    {
        return manager;
    }

    public DistinctErrorLog errorLog()
    {
        return errorLog;
    }

    public AtomicBuffer errorLogBuffer()
    {
        return errorLogBuffer;
    }

    public long pid()
    {
        return header.getLong(PID_OFFSET);
    }

    public long startMillis()
    {
        return header.getLong(START_MS_OFFSET);
    }

    public void close()
    {
        IoUtil.unmap(mapped);
    }
}

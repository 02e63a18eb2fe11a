package io.ringbot.store.dedup;

import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.File;
import java.nio.MappedByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The update_ids applied recently, persisted in a memory-mapped file so that Telegram's redelivery is
 * never applied twice, also after a restart or a crash (the page cache outlives the process).
 * <p>
 * Telegram's update_ids increase, but up to {@code max_connections} are in flight at once, so an older
 * id can arrive after a newer one. The window keeps one bit per id for the {@link #WINDOW} ids below the
 * highest seen. An id older than the window is taken as a duplicate, unless nothing arrived for more
 * than {@link #RESET_AFTER_MS} (Telegram keeps unanswered updates at most 24 h, and after a quiet week
 * it may restart its ids at a random value): then the window starts again.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                         magic                                 |
 *  |                    initialised (0/1)                          |
 *  |                  highest update_id (long)                     |
 *  |                 last applied, epoch ms (long)                 |
 *  |                   ... pad to 64 bytes ...                     |
 *  +---------------------------------------------------------------+
 *  |           bit set: WINDOW bits, bit = id mod WINDOW           |
 *  +---------------------------------------------------------------+
 * </pre>
 * Single writer (the engine thread).
 */
public final class UpdateIdWindow implements AutoCloseable
{
    public static final int WINDOW = 1 << 16;
    public static final long RESET_AFTER_MS = TimeUnit.HOURS.toMillis(24);

    public static final int MAGIC = 0x52425544; // "RBUD"
    public static final int MAGIC_OFFSET = 0;
    public static final int INITIALISED_OFFSET = 4;
    public static final int HIGHEST_OFFSET = 8;
    public static final int LAST_APPLIED_OFFSET = 16;
    public static final int BITS_OFFSET = 64;
    public static final int FILE_LENGTH = BITS_OFFSET + WINDOW / 8;
    private static final int WORD_MASK = WINDOW / 64 - 1;

    private final MappedByteBuffer mapped;
    private final UnsafeBuffer buffer;

    private UpdateIdWindow(final MappedByteBuffer mapped)
    {
        this.mapped = mapped;
        this.buffer = new UnsafeBuffer(mapped);
    }

    /**
     * Opens the window file, creating it when absent.
     *
     * @param path the file.
     * @return the window.
     */
    public static UpdateIdWindow open(final Path path)
    {
        final File file = path.toFile();
        final MappedByteBuffer mapped;
        if (file.exists() && file.length() == FILE_LENGTH)
        {
            mapped = IoUtil.mapExistingFile(file, "update-id window");
        }
        else
        {
            mapped = IoUtil.mapNewFile(file, FILE_LENGTH, true);
        }
        final UpdateIdWindow window = new UpdateIdWindow(mapped);
        if (window.buffer.getInt(MAGIC_OFFSET) != MAGIC)
        {
            window.buffer.setMemory(0, FILE_LENGTH, (byte)0);
            window.buffer.putInt(MAGIC_OFFSET, MAGIC);
        }
        return window;
    }

    /**
     * Whether an update_id was applied already (or is too old to tell, which counts as applied).
     *
     * @param updateId  the update's id.
     * @param nowMillis the engine's cached clock.
     * @return true when the update must not be applied again.
     */
    public boolean isDuplicate(final long updateId, final long nowMillis)
    {
        if (!isLive(nowMillis))
        {
            return false;
        }
        final long highest = buffer.getLong(HIGHEST_OFFSET);
        if (updateId > highest)
        {
            return false;
        }
        if (updateId <= highest - WINDOW)
        {
            return true;
        }
        return (buffer.getLong(wordOffset(updateId)) & bit(updateId)) != 0;
    }

    /**
     * Records an update_id as applied.
     *
     * @param updateId  the update's id.
     * @param nowMillis the engine's cached clock.
     */
    public void markApplied(final long updateId, final long nowMillis)
    {
        if (!isLive(nowMillis))
        {
            buffer.setMemory(BITS_OFFSET, WINDOW / 8, (byte)0);
            buffer.putLong(HIGHEST_OFFSET, updateId);
            buffer.putInt(INITIALISED_OFFSET, 1);
        }
        final long highest = buffer.getLong(HIGHEST_OFFSET);
        if (updateId > highest)
        {
            clearBetween(highest, updateId);
            buffer.putLong(HIGHEST_OFFSET, updateId);
        }
        final int offset = wordOffset(updateId);
        buffer.putLong(offset, buffer.getLong(offset) | bit(updateId));
        buffer.putLong(LAST_APPLIED_OFFSET, nowMillis);
    }

    /**
     * @return the highest update_id applied, or -1 when none.
     */
    public long highest()
    {
        return buffer.getInt(INITIALISED_OFFSET) == 0 ? -1 : buffer.getLong(HIGHEST_OFFSET);
    }

    public void close()
    {
        IoUtil.unmap(mapped);
    }

    private boolean isLive(final long nowMillis)
    {
        return buffer.getInt(INITIALISED_OFFSET) != 0 &&
            nowMillis - buffer.getLong(LAST_APPLIED_OFFSET) <= RESET_AFTER_MS;
    }

    /** Clears the bits of (from, to]: ids that now enter the window must not inherit old bits. */
    private void clearBetween(final long from, final long to)
    {
        if (to - from >= WINDOW)
        {
            buffer.setMemory(BITS_OFFSET, WINDOW / 8, (byte)0);
            return;
        }
        for (long id = from + 1; id <= to; id++)
        {
            final int offset = wordOffset(id);
            if ((id & 63) == 0 && to - id >= 63)
            {
                buffer.putLong(offset, 0L);
                id += 63;
            }
            else
            {
                buffer.putLong(offset, buffer.getLong(offset) & ~bit(id));
            }
        }
    }

    private static int wordOffset(final long updateId)
    {
        return BITS_OFFSET + (int)((updateId >>> 6) & WORD_MASK) * 8;
    }

    private static long bit(final long updateId)
    {
        return 1L << (updateId & 63);
    }
}

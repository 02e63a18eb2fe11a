package io.ringbot.store.dedup;

import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The update_ids applied recently, persisted in a memory-mapped file so that Telegram's redelivery is
 * never applied twice, also after a restart or a crash (the page cache outlives the process).
 * <p>
 * Telegram's update_ids increase, but up to {@code max_connections} are in flight at once and a failed
 * delivery is retried with a back-off, so an older id can arrive after newer ones. A <em>lane</em> keeps
 * one bit per id for the {@link #WINDOW} ids up to the highest it has seen. A lane whose last update is
 * older than {@link #RESET_AFTER_MS} is forgotten (Telegram keeps unanswered updates at most 24 h, and
 * after a quiet week it may restart its ids at a random value).
 * <p>
 * <b>Far jumps.</b> An id {@link #WINDOW} or more above or below every live lane's highest is a far jump:
 * it is not a redelivery of anything the window knows, so it is applied, and it re-bases a lane at
 * itself. There are two lanes so that one jump cannot erase de-duplication: the jump takes the free (or
 * forgotten) lane, else the one used least recently, and the other lane keeps answering for the
 * redeliveries of the ids before the jump. A single forged or stray update therefore neither makes the
 * updates after it "duplicates" nor lets a redelivery of an earlier one apply twice; traffic that
 * really moved (another bot's ids, a restart of Telegram's counter without the quiet week) simply
 * continues in its lane. Only two far jumps in a row, with nothing in between for the genuine lane, can
 * push that lane out. {@link #markApplied} reports a far jump (the engine counts it and logs it once).
 * An id is always compared by distance, never by looping over the ids between, so no value can make
 * the window spin.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                         magic                                 |  0
 *  |                 lane 0: initialised (0/1)                     |  4
 *  |                 lane 0: highest update_id (long)              |  8
 *  |                 lane 0: last applied, epoch ms (long)         | 16
 *  |                 lane 1: initialised (0/1)                     | 24
 *  |                         (unused)                              | 28
 *  |                 lane 1: highest update_id (long)              | 32
 *  |                 lane 1: last applied, epoch ms (long)         | 40
 *  |                 lane 0: last use, a sequence (long)           | 48
 *  |                 lane 1: last use, a sequence (long)           | 56
 *  +---------------------------------------------------------------+
 *  |     lane 0 bit set: WINDOW bits, bit = id mod WINDOW          | 64
 *  +---------------------------------------------------------------+
 *  |     lane 1 bit set: WINDOW bits                               | 64 + WINDOW / 8
 *  +---------------------------------------------------------------+
 * </pre>
 * A file of the earlier one-lane layout (a window of {@link #LEGACY_WINDOW} ids) is converted on open,
 * its applied ids kept. Single writer (the engine thread).
 */
public final class UpdateIdWindow implements AutoCloseable
{
    /** Ids per lane: at 1,000 updates/s, 17 minutes of redeliveries. */
    public static final int WINDOW = 1 << 20;
    public static final long RESET_AFTER_MS = TimeUnit.HOURS.toMillis(24);
    public static final int LANES = 2;

    /** {@link #markApplied}: the id was near a lane's ids. */
    public static final int NEAR = 0;
    /** {@link #markApplied}: the id was far from every live lane and re-based one. */
    public static final int FAR_JUMP = 1;

    public static final int MAGIC = 0x52425544; // "RBUD"
    public static final int MAGIC_OFFSET = 0;
    public static final int INITIALISED_OFFSET = 4;
    public static final int HIGHEST_OFFSET = 8;
    public static final int LAST_APPLIED_OFFSET = 16;
    /** Lane 1's fields are lane 0's plus this. */
    public static final int LANE_HEADER_STRIDE = 24;
    /** Which lane was used last, by a sequence rather than the clock (two updates share a millisecond). */
    public static final int LAST_USE_OFFSET = 48;
    public static final int BITS_OFFSET = 64;
    public static final int LANE_BITS_LENGTH = WINDOW / 8;
    public static final int FILE_LENGTH = BITS_OFFSET + LANES * LANE_BITS_LENGTH;

    /** The window of the one-lane layout before far jumps were handled. */
    public static final int LEGACY_WINDOW = 1 << 16;
    public static final int LEGACY_FILE_LENGTH = BITS_OFFSET + LEGACY_WINDOW / 8;

    private static final int WORD_MASK = WINDOW / 64 - 1;

    private final MappedByteBuffer mapped;
    private final UnsafeBuffer buffer;

    private UpdateIdWindow(final MappedByteBuffer mapped)
    {
        this.mapped = mapped;
        this.buffer = new UnsafeBuffer(mapped);
    }

    /**
     * Opens the window file, creating it when absent and converting one of the earlier layout.
     *
     * @param path the file.
     * @return the window.
     */
    public static UpdateIdWindow open(final Path path)
    {
        final File file = path.toFile();
        final byte[] legacy = file.exists() && file.length() == LEGACY_FILE_LENGTH ? readLegacy(file) : null;
        final MappedByteBuffer mapped;
        if (file.exists() && file.length() == FILE_LENGTH)
        {
            mapped = IoUtil.mapExistingFile(file, "update-id window");
        }
        else
        {
            IoUtil.deleteIfExists(file);
            mapped = IoUtil.mapNewFile(file, FILE_LENGTH, true);
        }
        final UpdateIdWindow window = new UpdateIdWindow(mapped);
        if (window.buffer.getInt(MAGIC_OFFSET) != MAGIC)
        {
            window.buffer.setMemory(0, FILE_LENGTH, (byte)0);
            window.buffer.putInt(MAGIC_OFFSET, MAGIC);
            if (legacy != null)
            {
                window.convert(new UnsafeBuffer(legacy));
            }
        }
        return window;
    }

    /**
     * Whether an update_id was applied already.
     *
     * @param updateId  the update's id.
     * @param nowMillis the engine's cached clock.
     * @return true when the update must not be applied again.
     */
    public boolean isDuplicate(final long updateId, final long nowMillis)
    {
        for (int lane = 0; lane < LANES; lane++)
        {
            if (isLive(lane, nowMillis))
            {
                final long below = distanceBelowHighest(lane, updateId);
                if (below >= 0 && below < WINDOW && isSet(lane, updateId))
                {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Records an update_id as applied: in every live lane it is near, else by re-basing a lane at it.
     *
     * @param updateId  the update's id.
     * @param nowMillis the engine's cached clock.
     * @return {@link #NEAR}, or {@link #FAR_JUMP} when it was far from every live lane.
     */
    public int markApplied(final long updateId, final long nowMillis)
    {
        boolean marked = false;
        boolean anyLive = false;
        for (int lane = 0; lane < LANES; lane++)
        {
            if (isLive(lane, nowMillis))
            {
                anyLive = true;
                final long below = distanceBelowHighest(lane, updateId);
                if (below > -WINDOW && below < WINDOW)
                {
                    mark(lane, updateId, below, nowMillis);
                    marked = true;
                }
            }
        }
        if (marked)
        {
            return NEAR;
        }
        final int lane = laneToRebase(nowMillis);
        rebase(lane, updateId, nowMillis);
        return anyLive ? FAR_JUMP : NEAR;
    }

    /**
     * @return the highest update_id of the lane applied to most recently, or -1 when none.
     */
    public long highest()
    {
        int latest = -1;
        for (int lane = 0; lane < LANES; lane++)
        {
            if (buffer.getInt(lane * LANE_HEADER_STRIDE + INITIALISED_OFFSET) != 0 &&
                (latest < 0 || lastUse(lane) > lastUse(latest)))
            {
                latest = lane;
            }
        }
        return latest < 0 ? -1 : highest(latest);
    }

    public void close()
    {
        IoUtil.unmap(mapped);
    }

    private boolean isLive(final int lane, final long nowMillis)
    {
        return buffer.getInt(lane * LANE_HEADER_STRIDE + INITIALISED_OFFSET) != 0 &&
            nowMillis - lastApplied(lane) <= RESET_AFTER_MS;
    }

    private long highest(final int lane)
    {
        return buffer.getLong(lane * LANE_HEADER_STRIDE + HIGHEST_OFFSET);
    }

    private long lastApplied(final int lane)
    {
        return buffer.getLong(lane * LANE_HEADER_STRIDE + LAST_APPLIED_OFFSET);
    }

    /**
     * @return highest - updateId, or {@link Long#MIN_VALUE} / {@link Long#MAX_VALUE} where that overflows
     * (always "far").
     */
    private long distanceBelowHighest(final int lane, final long updateId)
    {
        final long highest = highest(lane);
        final long below = highest - updateId;
        if (((highest ^ updateId) & (highest ^ below)) < 0)
        {
            return highest < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return below;
    }

    /** Marks an id within WINDOW of the lane's highest; an id above it first slides the lane forward. */
    private void mark(final int lane, final long updateId, final long below, final long nowMillis)
    {
        if (below < 0)
        {
            clearAbove(lane, highest(lane), -below);
            buffer.putLong(lane * LANE_HEADER_STRIDE + HIGHEST_OFFSET, updateId);
        }
        final int offset = wordOffset(lane, updateId);
        buffer.putLong(offset, buffer.getLong(offset) | bit(updateId));
        buffer.putLong(lane * LANE_HEADER_STRIDE + LAST_APPLIED_OFFSET, nowMillis);
        buffer.putLong(LAST_USE_OFFSET + lane * 8, Math.max(lastUse(0), lastUse(1)) + 1);
    }

    private long lastUse(final int lane)
    {
        return buffer.getLong(LAST_USE_OFFSET + lane * 8);
    }

    /** A lane that is free or forgotten, else the one applied to least recently. */
    private int laneToRebase(final long nowMillis)
    {
        int oldest = 0;
        for (int lane = 0; lane < LANES; lane++)
        {
            if (!isLive(lane, nowMillis))
            {
                return lane;
            }
            if (lastUse(lane) < lastUse(oldest))
            {
                oldest = lane;
            }
        }
        return oldest;
    }

    private void rebase(final int lane, final long updateId, final long nowMillis)
    {
        buffer.setMemory(BITS_OFFSET + lane * LANE_BITS_LENGTH, LANE_BITS_LENGTH, (byte)0);
        buffer.putLong(lane * LANE_HEADER_STRIDE + HIGHEST_OFFSET, updateId);
        buffer.putInt(lane * LANE_HEADER_STRIDE + INITIALISED_OFFSET, 1);
        mark(lane, updateId, 0, nowMillis);
    }

    /**
     * Clears the bits of the {@code count} (&lt; WINDOW) ids above {@code from}: ids that now enter the
     * window must not inherit old bits. Whole words at a time where it can.
     */
    private void clearAbove(final int lane, final long from, final long count)
    {
        long id = from + 1;
        long left = count;
        while (left > 0)
        {
            final int offset = wordOffset(lane, id);
            if ((id & 63) == 0 && left >= 64)
            {
                buffer.putLong(offset, 0L);
                id += 64;
                left -= 64;
            }
            else
            {
                buffer.putLong(offset, buffer.getLong(offset) & ~bit(id));
                id++;
                left--;
            }
        }
    }

    private boolean isSet(final int lane, final long updateId)
    {
        return (buffer.getLong(wordOffset(lane, updateId)) & bit(updateId)) != 0;
    }

    /** Keeps the ids an earlier one-lane file marked applied, in lane 0. */
    private void convert(final UnsafeBuffer legacy)
    {
        if (legacy.getInt(MAGIC_OFFSET) != MAGIC || legacy.getInt(INITIALISED_OFFSET) == 0)
        {
            return;
        }
        final long highest = legacy.getLong(HIGHEST_OFFSET);
        final long lastApplied = legacy.getLong(LAST_APPLIED_OFFSET);
        rebase(0, highest, lastApplied);
        for (long below = 1; below < LEGACY_WINDOW && highest - below < highest; below++)
        {
            final long id = highest - below;
            final int offset = BITS_OFFSET + (int)((id >>> 6) & (LEGACY_WINDOW / 64 - 1)) * 8;
            if ((legacy.getLong(offset) & bit(id)) != 0)
            {
                mark(0, id, below, lastApplied);
            }
        }
    }

    private static byte[] readLegacy(final File file)
    {
        try (RandomAccessFile in = new RandomAccessFile(file, "r"))
        {
            final byte[] bytes = new byte[LEGACY_FILE_LENGTH];
            in.readFully(bytes);
            return bytes;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static int wordOffset(final int lane, final long updateId)
    {
        return BITS_OFFSET + lane * LANE_BITS_LENGTH + (int)((updateId >>> 6) & WORD_MASK) * 8;
    }

    private static long bit(final long updateId)
    {
        return 1L << (updateId & 63);
    }

    /**
     * Whether an update_id is marked applied in any lane, however long ago the lane was used (unlike
     * {@link #isDuplicate}, which forgets a lane idle for {@link #RESET_AFTER_MS}): for recovery at start.
     *
     * @param updateId the update's id.
     * @return true when it is marked.
     */
    public boolean wasApplied(final long updateId)
    {
        for (int lane = 0; lane < LANES; lane++)
        {
            if (buffer.getInt(lane * LANE_HEADER_STRIDE + INITIALISED_OFFSET) != 0)
            {
                final long below = distanceBelowHighest(lane, updateId);
                if (below >= 0 && below < WINDOW && isSet(lane, updateId))
                {
                    return true;
                }
            }
        }
        return false;
    }
}

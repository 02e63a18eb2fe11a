package io.ringbot.tools;

import io.ringbot.store.StateStore;
import io.ringbot.store.dedup.UpdateIdWindow;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The layout of {@code update-ids.window}, read without {@link UpdateIdWindow#open}, which would zero a
 * file it finds damaged.
 * <pre>
 *  offset  0  int   magic "RBUD"
 *          4  int   lane 0: initialised (0/1)
 *          8  long  lane 0: highest update_id
 *         16  long  lane 0: last applied, epoch ms
 *         24  ...   lane 1: the same three fields (LANE_HEADER_STRIDE further)
 *         48  long  lane 0's, then (56) lane 1's last use, a sequence
 *         64  bit sets of WINDOW bits, lane 0 then lane 1
 * </pre>
 * The header shows the lane applied to most recently.
 * Uses {@link UpdateIdWindow}'s layout constants: one definition of the layout.
 */
final class UpdateIdWindowDescriptor
{
    static final int MAGIC = UpdateIdWindow.MAGIC;
    static final int MAGIC_OFFSET = UpdateIdWindow.MAGIC_OFFSET;
    static final int INITIALISED_OFFSET = UpdateIdWindow.INITIALISED_OFFSET;
    static final int HIGHEST_OFFSET = UpdateIdWindow.HIGHEST_OFFSET;
    static final int LAST_APPLIED_OFFSET = UpdateIdWindow.LAST_APPLIED_OFFSET;
    static final int BITS_OFFSET = UpdateIdWindow.BITS_OFFSET;
    static final long FILE_LENGTH = UpdateIdWindow.FILE_LENGTH;

    /**
     * The header's values.
     *
     * @param length            the file's length in bytes.
     * @param magic             the magic found.
     * @param initialised       0 or 1.
     * @param highest           the highest update_id applied.
     * @param lastAppliedMillis when the last update was applied.
     */
    record Header(long length, int magic, int initialised, long highest, long lastAppliedMillis)
    {
        /**
         * @return what is wrong with the file; empty when it is right.
         */
        List<String> problems()
        {
            final List<String> problems = new ArrayList<>();
            if (length != FILE_LENGTH)
            {
                problems.add("length " + length + " bytes, expected " + FILE_LENGTH);
            }
            if (magic != MAGIC)
            {
                problems.add(String.format("wrong magic 0x%08x, expected 0x%08x", magic, MAGIC));
            }
            else if (initialised != 0 && initialised != 1)
            {
                problems.add("initialised flag is " + initialised + ", expected 0 or 1");
            }
            return problems;
        }
    }

    private UpdateIdWindowDescriptor()
    {
    }

    /**
     * @param dataDir the data folder.
     * @return the header of its window file.
     * @throws IOException when the file is absent or cannot be read.
     */
    static Header read(final Path dataDir) throws IOException
    {
        final Path file = dataDir.resolve(StateStore.DEDUP_FILE);
        final long length = Files.size(file);
        final ByteBuffer buffer = HeaderFiles.read(file, BITS_OFFSET);
        if (buffer.limit() < BITS_OFFSET)
        {
            return new Header(length, 0, 0, 0, 0);
        }
        int lane = 0;
        for (int i = 1; i < UpdateIdWindow.LANES; i++)
        {
            final int stride = i * UpdateIdWindow.LANE_HEADER_STRIDE;
            if (buffer.getInt(stride + INITIALISED_OFFSET) != 0 &&
                (buffer.getInt(lane * UpdateIdWindow.LANE_HEADER_STRIDE + INITIALISED_OFFSET) == 0 ||
                buffer.getLong(UpdateIdWindow.LAST_USE_OFFSET + i * 8) >
                buffer.getLong(UpdateIdWindow.LAST_USE_OFFSET + lane * 8)))
            {
                lane = i;
            }
        }
        final int base = lane * UpdateIdWindow.LANE_HEADER_STRIDE;
        return new Header(length, buffer.getInt(MAGIC_OFFSET), buffer.getInt(base + INITIALISED_OFFSET),
            buffer.getLong(base + HIGHEST_OFFSET), buffer.getLong(base + LAST_APPLIED_OFFSET));
    }
}

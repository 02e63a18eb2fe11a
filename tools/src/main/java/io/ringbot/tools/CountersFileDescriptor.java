package io.ringbot.tools;

import io.ringbot.store.status.CountersFile;
import org.agrona.concurrent.status.CountersReader;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The header of {@code counters.dat}, to check its layout without trusting it.
 * <pre>
 *  offset  0  int   magic "RBCT"
 *          4  int   layout version
 *          8  int   counters metadata length
 *         12  int   counters values length
 *         16  int   distinct error log length
 *         24  long  pid of the server
 *         32  long  start time, epoch ms
 *        128  counters metadata | counters values | error log
 * </pre>
 * Uses {@link CountersFile}'s layout constants: one definition of the layout.
 */
final class CountersFileDescriptor
{
    static final int MAGIC = CountersFile.MAGIC;
    static final int LAYOUT_VERSION = CountersFile.LAYOUT_VERSION;
    static final int MAGIC_OFFSET = CountersFile.MAGIC_OFFSET;
    static final int VERSION_OFFSET = CountersFile.VERSION_OFFSET;
    static final int METADATA_LENGTH_OFFSET = CountersFile.METADATA_LENGTH_OFFSET;
    static final int VALUES_LENGTH_OFFSET = CountersFile.VALUES_LENGTH_OFFSET;
    static final int ERROR_LOG_LENGTH_OFFSET = CountersFile.ERROR_LOG_LENGTH_OFFSET;
    static final int HEADER_LENGTH = CountersFile.HEADER_LENGTH;

    private CountersFileDescriptor()
    {
    }

    /**
     * @param dataDir the data folder.
     * @return what is wrong with {@code counters.dat}'s layout; empty when it is right.
     * @throws IOException when the file cannot be read.
     */
    static List<String> verify(final Path dataDir) throws IOException
    {
        final Path file = dataDir.resolve(CountersFile.FILE_NAME);
        final List<String> problems = new ArrayList<>();
        final long length = Files.size(file);
        final ByteBuffer header = HeaderFiles.read(file, HEADER_LENGTH);
        if (header.limit() < HEADER_LENGTH)
        {
            problems.add("shorter than its header: " + length + " bytes");
            return problems;
        }
        if (header.getInt(MAGIC_OFFSET) != MAGIC)
        {
            problems.add(String.format("wrong magic 0x%08x, expected 0x%08x", header.getInt(MAGIC_OFFSET), MAGIC));
            return problems;
        }
        if (header.getInt(VERSION_OFFSET) != LAYOUT_VERSION)
        {
            problems.add("layout version " + header.getInt(VERSION_OFFSET) + ", expected " + LAYOUT_VERSION);
            return problems;
        }
        final int metadata = header.getInt(METADATA_LENGTH_OFFSET);
        final int values = header.getInt(VALUES_LENGTH_OFFSET);
        final int errorLog = header.getInt(ERROR_LOG_LENGTH_OFFSET);
        if (metadata <= 0 || metadata % CountersReader.METADATA_LENGTH != 0 ||
            values <= 0 || values % CountersReader.COUNTER_LENGTH != 0 ||
            metadata / CountersReader.METADATA_LENGTH != values / CountersReader.COUNTER_LENGTH)
        {
            problems.add("counter sections do not agree: metadata " + metadata + " B, values " + values + " B");
        }
        if (errorLog <= 0)
        {
            problems.add("error log length " + errorLog);
        }
        final long expected = (long)HEADER_LENGTH + metadata + values + errorLog;
        if (length != expected)
        {
            problems.add("length " + length + " bytes, the header's sections add up to " + expected);
        }
        return problems;
    }
}

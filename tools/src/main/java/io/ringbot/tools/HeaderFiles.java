package io.ringbot.tools;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads a file's header into a buffer with plain reads: no mapping, so nothing can write it, and the
 * store's own open methods (which repair or recreate a file they do not like) are never called.
 */
final class HeaderFiles
{
    private HeaderFiles()
    {
    }

    /**
     * @param file   the file.
     * @param length bytes to read from its start.
     * @return a buffer in native order (as Agrona's UnsafeBuffer wrote it), flipped; shorter when the file is.
     * @throws IOException when the file cannot be read.
     */
    static ByteBuffer read(final Path file, final int length) throws IOException
    {
        final ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.nativeOrder());
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ))
        {
            while (buffer.hasRemaining() && channel.read(buffer) >= 0)
            {
                // read until full or end of file
            }
        }
        return buffer.flip();
    }
}

package io.ringbot.engine.outbound;

import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The outbound queue's file takes disk as calls pass through it: a fresh queue of the default size holds a few
 * KiB, and what it holds survives a reopen.
 */
class OutboundRingFileTest
{
    @TempDir
    Path dir;

    @Test
    void shouldCreateTheQueueSparseAndKeepWhatItHolds() throws Exception
    {
        final CountersManager counters = new CountersManager(
            new UnsafeBuffer(ByteBuffer.allocateDirect(64 * 1024)), new UnsafeBuffer(ByteBuffer.allocateDirect(16 * 1024)));
        final AtomicCounter accepted = counters.newCounter("accepted");
        final Path file = dir.resolve(OutboundRing.FILE_NAME);
        final OutboundRing ring = new OutboundRing(dir, OutboundRing.CAPACITY_DEFAULT, accepted, counters.newCounter("rejected"), null);
        try
        {
            assertTrue(Files.size(file) > OutboundRing.CAPACITY_DEFAULT, "laid out whole: " + Files.size(file));
            assertTrue(diskKiB(file) < 1024, "a fresh queue takes almost no disk: " + diskKiB(file) + " KiB");
            final int index = ring.claim(1, 100);
            assertTrue(index >= 0);
            ring.buffer().putLong(index, 42L);
            assertEquals(1, ring.commitUpdate());
        }
        finally
        {
            ring.close();
        }
        final OutboundRing reopened = new OutboundRing(dir, OutboundRing.CAPACITY_DEFAULT, accepted, counters.newCounter("rejected2"), null);
        try
        {
            final long[] read = new long[1];
            assertEquals(1, reopened.ring().read((type, buffer, index, length) -> read[0] = buffer.getLong(index)));
            assertEquals(42L, read[0], "the call survives a reopen");
        }
        finally
        {
            reopened.close();
        }
    }

    private static long diskKiB(final Path file) throws IOException, InterruptedException
    {
        final Process du = new ProcessBuilder("du", "-k", file.toString()).redirectErrorStream(true).start();
        final String out = new String(du.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        assertEquals(0, du.waitFor(), out);
        return Long.parseLong(out.split("\\s+")[0]);
    }
}

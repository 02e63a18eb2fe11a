package io.ringbot.perf.jmh;

import io.ringbot.engine.outbound.OutboundDescriptor;
import io.ringbot.engine.outbound.OutboundRing;
import io.ringbot.store.status.CountersFile;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.IoUtil;
import org.agrona.concurrent.MessageHandler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The outbound queue's engine-side cost, the two candidates side by side: the memory-mapped Agrona ring
 * ringbot uses ({@link OutboundRing}) and a Chronicle Queue. Each operation appends one encoded
 * sendMessage of ~120 bytes; every 1,024 the reader takes what was written (its cost is in the figure).
 */
@State(Scope.Thread)
public class OutboundQueueBenchmark extends OffHeapBenchmark
{
    @Param({"agrona", "chronicle"})
    String queue;

    private static final MessageHandler DROP = (type, buffer, index, length) -> { };
    private final byte[] body = ("{\"method\":\"sendMessage\",\"chat_id\":1234567890,\"text\":\"you wrote 42\"," +
        "\"reply_markup\":{\"inline_keyboard\":[[{\"text\":\"like\",\"callback_data\":\"like\"}]]}}")
        .getBytes(StandardCharsets.UTF_8);

    private Path dir;
    private CountersFile counters;
    private OutboundRing ring;
    private ChronicleQueue chronicle;
    private ExcerptAppender appender;
    private ExcerptTailer tailer;
    private long count;

    @Setup(Level.Trial)
    public void setUp() throws IOException
    {
        dir = Files.createTempDirectory("ringbot-queue-bench");
        counters = CountersFile.create(dir);
        if ("agrona".equals(queue))
        {
            ring = OutboundRing.open(dir, OutboundRing.CAPACITY_DEFAULT, counters);
        }
        else
        {
            chronicle = SingleChronicleQueueBuilder.binary(dir.resolve("chronicle")).build();
            appender = chronicle.createAppender();
            tailer = chronicle.createTailer();
        }
    }

    @Benchmark
    public long append()
    {
        count++;
        if (ring != null)
        {
            ring.offer(OutboundDescriptor.CALL_TYPE, count, 1234567890L, 42, "sendMessage", body, body.length);
            if ((count & 1023) == 0)
            {
                ring.ring().read(DROP, Integer.MAX_VALUE);
            }
        }
        else
        {
            try (DocumentContext dc = appender.writingDocument())
            {
                dc.wire().bytes().writeLong(count).writeLong(1234567890L).writeLong(42).write(body, 0, body.length);
            }
            if ((count & 1023) == 0)
            {
                while (true)
                {
                    try (DocumentContext dc = tailer.readingDocument())
                    {
                        if (!dc.isPresent())
                        {
                            break;
                        }
                    }
                }
            }
        }
        return count;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException
    {
        if (ring != null)
        {
            ring.close();
        }
        if (chronicle != null)
        {
            chronicle.close();
        }
        counters.close();
        IoUtil.delete(dir.toFile(), false);
    }
}

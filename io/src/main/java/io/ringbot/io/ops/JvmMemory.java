package io.ringbot.io.ops;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.util.List;

/**
 * The process's memory as the JVM reports it: heap, non-heap, the NIO buffer pools ("direct" holds
 * direct ByteBuffers, "mapped" the memory-mapped files such as the counters file) and the direct memory of
 * Netty's default allocator, which may allocate without a ByteBuffer and so outside the "direct" pool. The store's
 * Chronicle Maps are off-heap too but outside all of these: {@link HealthSource#storeOffHeapBytes()}.
 */
final class JvmMemory
{
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final List<BufferPoolMXBean> pools = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class);

    long heapUsed;
    long heapCommitted;
    long heapMax;
    long nonHeapUsed;
    long directUsed;
    long mappedUsed;
    long nettyDirectUsed;

    /**
     * Reads every figure now.
     *
     * @return this.
     */
    JvmMemory read()
    {
        final MemoryUsage heap = memory.getHeapMemoryUsage();
        heapUsed = heap.getUsed();
        heapCommitted = heap.getCommitted();
        heapMax = heap.getMax();
        nonHeapUsed = memory.getNonHeapMemoryUsage().getUsed();
        directUsed = poolUsed("direct");
        mappedUsed = poolUsed("mapped");
        nettyDirectUsed = ByteBufAllocator.DEFAULT instanceof ByteBufAllocatorMetricProvider provider ?
            provider.metric().usedDirectMemory() : -1;
        return this;
    }

    List<BufferPoolMXBean> pools()
    {
        return pools;
    }

    private long poolUsed(final String name)
    {
        for (final BufferPoolMXBean pool : pools)
        {
            if (name.equals(pool.getName()))
            {
                return pool.getMemoryUsed();
            }
        }
        return -1;
    }
}

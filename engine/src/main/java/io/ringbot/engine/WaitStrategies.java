package io.ringbot.engine;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;

/**
 * Names the engine thread's wait strategies. Blocking is the default: on a 2-core machine a spinning
 * engine fights the event loop, the JIT and GC for a core (../shared/notes/stack-probe.md).
 */
final class WaitStrategies
{
    private WaitStrategies()
    {
    }

    static WaitStrategy of(final String name)
    {
        switch (name)
        {
            case "blocking":
                return new BlockingWaitStrategy();
            case "sleeping":
                return new SleepingWaitStrategy();
            case "yielding":
                return new YieldingWaitStrategy();
            case "busyspin":
                return new BusySpinWaitStrategy();
            default:
                throw new IllegalArgumentException(
                    "ENGINE_WAIT must be blocking, sleeping, yielding or busyspin, was \"" + name + "\"");
        }
    }
}

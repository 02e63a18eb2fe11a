package io.ringbot.engine;

/**
 * Which thread runs the engine (after Aeron's threading modes). Either way exactly one thread at a time
 * writes bot state and the webhook still hands updates over through the ring.
 */
public enum EngineThreading
{
    /** The engine has its own thread, waiting on the ring with the configured wait strategy. */
    DEDICATED,

    /**
     * The engine runs on a host thread (a webhook event loop) whenever the ring has events: no thread
     * hand-off and no wake-up per batch. Best when the process has one core to itself: two busy threads
     * on one core pay a context switch every batch (BENCHMARKS.md).
     */
    SHARED;

    /**
     * @param name dedicated, shared, or auto (shared when the process sees a single CPU).
     * @param cpus the CPUs the process may run on.
     * @return the threading mode.
     * @throws IllegalArgumentException naming the accepted values.
     */
    public static EngineThreading of(final String name, final int cpus)
    {
        switch (name)
        {
            case "dedicated":
                return DEDICATED;
            case "shared":
                return SHARED;
            case "auto":
                return cpus <= 1 ? SHARED : DEDICATED;
            default:
                throw new IllegalArgumentException(
                    "ENGINE_THREADING must be auto, dedicated or shared, was \"" + name + "\"");
        }
    }
}

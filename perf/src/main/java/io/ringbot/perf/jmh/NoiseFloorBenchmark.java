package io.ringbot.perf.jmh;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.concurrent.TimeUnit;

/**
 * The machine's own tail: a fixed ~1 µs of pure computation, timed call by call like the engine in
 * sample mode. Whatever its p99.9 shows (timer interrupts, the hypervisor taking the core) is in every
 * other sample-mode figure too; run it in the same invocation to tell the engine's tail from the machine's.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class NoiseFloorBenchmark
{
    /** About 1 µs of work on this machine's cores (Blackhole's tokens are a few ns each). */
    private static final long TOKENS = 300;

    @Benchmark
    public void fixedWork()
    {
        Blackhole.consumeCPU(TOKENS);
    }
}

package io.ringbot.perf.jmh;

import io.ringbot.store.journal.DocumentEncoder;
import io.ringbot.store.record.UserRecord;
import net.openhft.chronicle.values.Values;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The journal's document encoding of one user (on the journal thread, off the engine's path): a heap
 * {@link UserRecord} copy into the field map handed to the Firestore client. It allocates by design
 * (a HashMap, strings, Timestamps); {@code -prof gc} shows how much per document.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m", "-XX:+UseParallelGC",
    "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
    "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
    "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED", "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED",
    "-Dchronicle.announcer.disable=true", "-Dchronicle.analytics.disable=true"})
public class DocumentEncoderBenchmark
{
    private final DocumentEncoder encoder = new DocumentEncoder();
    private UserRecord user;

    @Setup
    public void setUp()
    {
        user = Values.newHeapInstance(UserRecord.class);
        user.setId(100_000_042L);
        user.setFirstName("Rustam");
        user.setLastName("Ivanov");
        user.setUsername("rustam_42");
        user.setLanguageCode("en");
        user.setFirstSeenMillis(1_700_000_000_000L);
        user.setLastSeenMillis(1_700_000_123_456L);
        user.setMessageCount(1234);
        user.setOrderedVersion(1235);
    }

    @Benchmark
    public Map<String, Object> encodeUser()
    {
        user.setMessageCount(user.getMessageCount() + 1);
        return encoder.encodeUser(user);
    }
}

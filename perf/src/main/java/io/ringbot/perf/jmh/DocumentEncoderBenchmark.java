package io.ringbot.perf.jmh;

import io.ringbot.store.journal.DocumentEncoder;
import io.ringbot.store.record.UserRecord;
import net.openhft.chronicle.values.Values;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.Map;

/**
 * The journal's document encoding of one user (on the journal thread, off the engine's path): a heap
 * {@link UserRecord} copy into the field map handed to the Firestore client. It allocates by design
 * (a HashMap, strings, Timestamps); {@code -prof gc} shows how much per document.
 */
@State(Scope.Thread)
public class DocumentEncoderBenchmark extends OffHeapBenchmark
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

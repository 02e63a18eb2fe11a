package io.ringbot.perf.jmh;

import io.ringbot.store.journal.DocumentEncoder;
import io.ringbot.engine.reference.ReferenceBot;
import io.ringbot.store.record.Record;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.Map;

/**
 * The journal's document encoding of one user (on the journal thread, off the engine's path): a heap
 * {@link Record} copy into the field map handed to the Firestore client. It allocates by design
 * (a HashMap, strings, Timestamps); {@code -prof gc} shows how much per document.
 */
@State(Scope.Thread)
public class DocumentEncoderBenchmark extends OffHeapBenchmark
{
    private final DocumentEncoder encoder = new DocumentEncoder();
    private Record user;

    @Setup
    public void setUp()
    {
        user = Record.heap(ReferenceBot.USERS);
        user.id(100_000_042L);
        ReferenceBot.FIRST_NAME.set(user, "Rustam");
        ReferenceBot.LAST_NAME.set(user, "Ivanov");
        ReferenceBot.USERNAME.set(user, "rustam_42");
        ReferenceBot.LANGUAGE_CODE.set(user, "en");
        user.firstSeenMillis(1_700_000_000_000L);
        user.lastSeenMillis(1_700_000_123_456L);
        ReferenceBot.USER_MESSAGES.set(user, 1234);
        user.orderedVersion(1235);
    }

    @Benchmark
    public Map<String, Object> encodeUser()
    {
        ReferenceBot.USER_MESSAGES.set(user, ReferenceBot.USER_MESSAGES.get(user) + 1);
        return encoder.encode(user);
    }
}

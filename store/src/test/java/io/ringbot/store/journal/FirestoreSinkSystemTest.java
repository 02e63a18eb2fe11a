package io.ringbot.store.journal;

import com.google.cloud.Timestamp;
import com.google.cloud.firestore.DocumentSnapshot;
import io.ringbot.store.StateStore;
import io.ringbot.store.StoreContext;
import io.ringbot.store.record.Record;
import io.ringbot.store.record.TestSchemas;
import io.ringbot.store.status.CountersFile;
import net.openhft.chronicle.values.Values;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The conformance suite and a journal round trip against the Firestore emulator. Needs
 * {@code FIRESTORE_EMULATOR_HOST}: {@code eval "$(bash .ci/emulator.sh start)"} first. Excluded from a
 * run with {@code -Dringbot.test.groups.excluded=firestore}.
 */
@Tag("firestore")
class FirestoreSinkSystemTest extends JournalSinkConformance
{
    private static final long FIRST_SEEN = 1_700_000_000_123L;

    @TempDir
    Path tmp;

    @BeforeAll
    static void requireEmulator()
    {
        final String host = System.getenv("FIRESTORE_EMULATOR_HOST");
        if (host == null || host.isBlank())
        {
            fail("FIRESTORE_EMULATOR_HOST is not set: start the emulator with " +
                "`eval \"$(bash .ci/emulator.sh start)\"` in this shell and run the tests again " +
                "(stop it with `bash .ci/emulator.sh stop`), or leave this group out with " +
                "-Dringbot.test.groups.excluded=firestore");
        }
    }

    protected JournalSink newSink(final String collectionPrefix)
    {
        return FirestoreSink.create(context(collectionPrefix));
    }

    @Test
    void shouldStoreNamedTypedFieldsAsTheConsoleShowsThem() throws Exception
    {
        final String prefix = uniquePrefix();
        final Record user = Record.heap(TestSchemas.USERS);
        user.id(42);
        TestSchemas.FIRST_NAME.set(user, "Ann");
        TestSchemas.USERNAME.set(user, "ann_lee");
        user.firstSeenMillis(FIRST_SEEN);
        TestSchemas.MESSAGE_COUNT.set(user, 17);
        user.orderedVersion(5);
        try (FirestoreSink sink = FirestoreSink.create(context(prefix)))
        {
            await(sink.commit(List.of(new DocumentWrite(RecordType.USER, 42, 5, new DocumentEncoder().encode(user)))));

            final DocumentSnapshot doc = sink.firestore().collection(prefix + "users").document("42")
                .get().get(15, TimeUnit.SECONDS);
            assertInstanceOf(Long.class, doc.get("messageCount"));
            assertInstanceOf(Long.class, doc.get("id"));
            assertInstanceOf(Timestamp.class, doc.get("firstSeen"));
            assertEquals(Timestamp.ofTimeMicroseconds(FIRST_SEEN * 1000), doc.get("firstSeen"));
            assertEquals("Ann", doc.getString("firstName"));
        }

        final String json = rest(prefix + "users/42");
        assertField(json, "messageCount", "integerValue", "\"17\"");
        assertField(json, "version", "integerValue", "\"5\"");
        assertField(json, "id", "integerValue", "\"42\"");
        assertField(json, "firstSeen", "timestampValue", "\"2023-11-14T22:13:20.123Z\"");
        assertField(json, "firstName", "stringValue", "\"Ann\"");
        assertField(json, "lastSeen", "nullValue", "null");
    }

    @Test
    void shouldJournalAChangedRecordAndLoadItBack() throws Exception
    {
        final String prefix = uniquePrefix();
        final JournalContext ctx = context(prefix).flushIntervalMs(10);
        try (StateStore store = StateStore.open(new StoreContext().userSchema(TestSchemas.USERS).chatSchema(TestSchemas.CHATS).dataDir(tmp.resolve("data")).usersCapacity(1_000));
            CountersFile counters = CountersFile.create(tmp);
            FirestoreSink sink = FirestoreSink.create(ctx.countersFile(counters));
            RecordLoader loader = new RecordLoader(ctx, sink))
        {
            final ChangeLog changeLog = new ChangeLog(1024);
            final TestEngine engine = new TestEngine(store, changeLog);
            final JournalAgent agent = new JournalAgent(ctx, store, changeLog, sink, engine);
            agent.onStart();
            engine.changeUser(7, r ->
            {
                TestSchemas.FIRST_NAME.set(r, "Bo");
                r.lastSeenMillis(FIRST_SEEN);
            });
            engine.touchUser(7);

            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (engine.acks.isEmpty() && System.nanoTime() < deadline)
            {
                if (agent.doWork() == 0)
                {
                    Thread.sleep(1);
                }
            }
            assertEquals(List.of(new TestEngine.Ack(RecordType.USER, 7, 2)), engine.acks);

            final CompletableFuture<Map<String, Object>> loaded = new CompletableFuture<>();
            loader.load(RecordType.USER, 7, new LoadCallback()
            {
                public void onLoaded(final RecordType type, final long id, final Map<String, Object> fields)
                {
                    loaded.complete(fields);
                }

                public void onNotFound(final RecordType type, final long id)
                {
                    loaded.completeExceptionally(new AssertionError("not found"));
                }

                public void onFailed(final RecordType type, final long id, final Throwable reason)
                {
                    loaded.completeExceptionally(reason);
                }
            });
            final Record decoded = Record.heap(TestSchemas.USERS);
            new DocumentEncoder().decode(loaded.get(15, TimeUnit.SECONDS), decoded);
            assertEquals("Bo", TestSchemas.FIRST_NAME.get(decoded, new StringBuilder()).toString());
            assertEquals(1, TestSchemas.MESSAGE_COUNT.get(decoded));
            assertEquals(FIRST_SEEN, decoded.lastSeenMillis());
            assertEquals(2, decoded.version());
        }
    }

    @Test
    void shouldAdoptAForeignDocumentAndLeaveItsOtherFieldsUntouchedByWrites() throws Exception
    {
        final String prefix = uniquePrefix();
        final JournalContext ctx = context(prefix).flushIntervalMs(10);
        try (StateStore store = StateStore.open(new StoreContext().userSchema(TestSchemas.ALL)
                .dataDir(tmp.resolve("adopt")).usersCapacity(1_000));
            CountersFile counters = CountersFile.create(tmp);
            FirestoreSink sink = FirestoreSink.create(ctx.countersFile(counters)))
        {
            // what another backend wrote: our fields (one of the wrong type) and fields of its own
            final Map<String, Object> foreign = new java.util.HashMap<>();
            foreign.put("balance", 300L);
            foreign.put("level", "high");
            foreign.put("nick", "Zed");
            foreign.put("createdBy", "node-backend");
            foreign.put("tags", List.of("a", "b"));
            sink.firestore().collection(prefix + "users").document("501").set(foreign).get(15, TimeUnit.SECONDS);

            final Map<String, Object> read = await(sink.read(RecordType.USER, 501, Duration.ofSeconds(15))).orElseThrow();
            final Record adopted = store.users().acquire(501);
            adopted.beginWrite();
            final DocumentEncoder encoder = new DocumentEncoder();
            assertEquals(1, encoder.decode(read, adopted), "level is not an integer");
            adopted.id(501);
            adopted.endWriteUnversioned();
            assertEquals(300, TestSchemas.BALANCE.get(adopted));
            assertEquals(1, TestSchemas.LEVEL.get(adopted), "the wrong-typed field takes its default");
            assertEquals("Zed", TestSchemas.NICKNAME.get(adopted, new StringBuilder()).toString());
            assertEquals(0.5, TestSchemas.SCORE.get(adopted), "a missing field takes its default");

            final ChangeLog changeLog = new ChangeLog(1024);
            final TestEngine engine = new TestEngine(store, changeLog);
            final JournalAgent agent = new JournalAgent(ctx, store, changeLog, sink, engine);
            agent.onStart();
            engine.changeUser(501, r -> TestSchemas.BALANCE.set(r, TestSchemas.BALANCE.get(r) + 50));
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (engine.acks.isEmpty() && System.nanoTime() < deadline)
            {
                if (agent.doWork() == 0)
                {
                    Thread.sleep(1);
                }
            }
            assertEquals(List.of(new TestEngine.Ack(RecordType.USER, 501, 1)), engine.acks);

            final DocumentSnapshot doc = sink.firestore().collection(prefix + "users").document("501")
                .get().get(15, TimeUnit.SECONDS);
            assertEquals(350L, doc.get("balance"));
            assertEquals(1L, doc.get("level"));
            assertEquals("Zed", doc.getString("nick"));
            assertEquals("node-backend", doc.getString("createdBy"), "another system's field survives the merge");
            assertEquals(List.of("a", "b"), doc.get("tags"));
        }
    }

    private static JournalContext context(final String prefix)
    {
        return new JournalContext().emulatorHost(System.getenv("FIRESTORE_EMULATOR_HOST")).collectionPrefix(prefix);
    }

    private static String rest(final String path) throws Exception
    {
        final JournalContext ctx = new JournalContext().emulatorHost(System.getenv("FIRESTORE_EMULATOR_HOST")).conclude();
        final URI uri = URI.create("http://" + ctx.emulatorHost() + "/v1/projects/" + ctx.projectId() +
            "/databases/(default)/documents/" + path);
        final HttpResponse<String> response = HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    /**
     * Asserts {@code "name": {"type": value}} in Firestore's REST JSON, whatever the whitespace.
     */
    private static void assertField(final String json, final String name, final String type, final String value)
    {
        final Pattern field = Pattern.compile("\"" + name + "\"\\s*:\\s*\\{\\s*\"" + type + "\"\\s*:\\s*" +
            Pattern.quote(value) + "\\s*}");
        assertTrue(field.matcher(json).find(), name + " as " + type + " " + value + " in " + json);
    }

    private static String uniquePrefix()
    {
        return "s" + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36) + "_";
    }
}

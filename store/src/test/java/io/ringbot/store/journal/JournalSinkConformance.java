package io.ringbot.store.journal;

import com.google.cloud.Timestamp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every {@link JournalSink} must do, run against each implementation (a subclass per sink). Each
 * test writes under its own collection prefix, so a shared Firestore emulator needs no reset.
 */
abstract class JournalSinkConformance
{
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
    private static final long FIRST_SEEN = 1_700_000_000_123L;

    private final List<JournalSink> opened = new ArrayList<>();
    private String prefix;
    private JournalSink sink;

    /**
     * @param collectionPrefix the prefix of every collection name.
     * @return a new sink of the implementation under test.
     */
    protected abstract JournalSink newSink(String collectionPrefix);

    @BeforeEach
    void openSink()
    {
        prefix = uniquePrefix();
        sink = open(prefix);
    }

    @AfterEach
    void closeSinks()
    {
        opened.forEach(JournalSink::close);
    }

    @Test
    void shouldReadBackACommittedDocumentWithItsTypes() throws Exception
    {
        final Map<String, Object> fields = user(42, "Ann", 3);

        await(sink.commit(List.of(new DocumentWrite(RecordType.USER, 42, 3, fields))));

        final Map<String, Object> read = await(sink.read(RecordType.USER, 42, READ_TIMEOUT)).orElseThrow();
        assertEquals(fields, read);
        assertEquals(Long.class, read.get("messageCount").getClass());
        assertEquals(Timestamp.class, read.get("firstSeen").getClass());
    }

    @Test
    void shouldReadNothingForAMissingDocument() throws Exception
    {
        assertEquals(Optional.empty(), await(sink.read(RecordType.USER, 404, READ_TIMEOUT)));
    }

    @Test
    void shouldMergeTheWrittenFieldsKeepingTheDocumentsOthers() throws Exception
    {
        final Map<String, Object> first = user(7, "Ann", 1);
        first.put("extra", "only in the first write");
        await(sink.commit(List.of(new DocumentWrite(RecordType.USER, 7, 1, first))));
        final Map<String, Object> second = user(7, "Anna", 2);

        await(sink.commit(List.of(new DocumentWrite(RecordType.USER, 7, 2, second))));

        final Map<String, Object> expected = new java.util.HashMap<>(second);
        expected.put("extra", "only in the first write");
        assertEquals(expected, await(sink.read(RecordType.USER, 7, READ_TIMEOUT)).orElseThrow());
    }

    @Test
    void shouldKeepUsersAndChatsApartAndTakeNegativeIds() throws Exception
    {
        final Map<String, Object> user = user(-5, "Ann", 1);
        final Map<String, Object> chat = chat(-5, "supergroup", 4);

        await(sink.commit(List.of(
            new DocumentWrite(RecordType.USER, -5, 1, user),
            new DocumentWrite(RecordType.CHAT, -5, 4, chat))));

        assertEquals(user, await(sink.read(RecordType.USER, -5, READ_TIMEOUT)).orElseThrow());
        assertEquals(chat, await(sink.read(RecordType.CHAT, -5, READ_TIMEOUT)).orElseThrow());
    }

    @Test
    void shouldKeepCollectionsOfDifferentPrefixesApart() throws Exception
    {
        final JournalSink other = open(uniquePrefix());
        await(sink.commit(List.of(new DocumentWrite(RecordType.USER, 1, 1, user(1, "Ann", 1)))));

        assertEquals(Optional.empty(), await(other.read(RecordType.USER, 1, READ_TIMEOUT)));
        assertEquals(prefix, sink.collectionPrefix());
    }

    @Test
    void shouldCommitFiveHundredWritesAtOnce() throws Exception
    {
        final List<DocumentWrite> writes = new ArrayList<>();
        for (int id = 1; id <= JournalSink.MAX_WRITES_PER_COMMIT; id++)
        {
            writes.add(new DocumentWrite(RecordType.USER, id, 1, user(id, "u" + id, 1)));
        }

        await(sink.commit(writes));

        assertEquals("u500", await(sink.read(RecordType.USER, 500, READ_TIMEOUT)).orElseThrow().get("firstName"));
    }

    @Test
    void shouldRefuseMoreThanFiveHundredWritesInOneCommit() throws Exception
    {
        final List<DocumentWrite> writes = new ArrayList<>();
        for (int id = 1; id <= JournalSink.MAX_WRITES_PER_COMMIT + 1; id++)
        {
            writes.add(new DocumentWrite(RecordType.USER, id, 1, user(id, "u" + id, 1)));
        }

        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> sink.commit(writes));

        assertTrue(ex.getMessage().contains("at most 500"), ex.getMessage());
        assertEquals(Optional.empty(), await(sink.read(RecordType.USER, 1, READ_TIMEOUT)), "nothing written");
    }

    @Test
    void shouldRefuseAnEmptyCommitAndADocumentTwiceInOneCommit()
    {
        assertThrows(IllegalArgumentException.class, () -> sink.commit(List.of()));
        assertThrows(IllegalArgumentException.class, () -> sink.commit(List.of(
            new DocumentWrite(RecordType.CHAT, 1, 1, chat(1, "private", 1)),
            new DocumentWrite(RecordType.CHAT, 1, 2, chat(1, "private", 2)))));
    }

    static Map<String, Object> user(final long id, final String firstName, final long version)
    {
        final Map<String, Object> fields = new HashMap<>();
        fields.put("id", id);
        fields.put("firstName", firstName);
        fields.put("lastName", "");
        fields.put("username", "user" + Math.abs(id));
        fields.put("languageCode", "en");
        fields.put("firstSeen", Timestamp.ofTimeMicroseconds(FIRST_SEEN * 1000));
        fields.put("lastSeen", null);
        fields.put("messageCount", 10 * version);
        fields.put("version", version);
        return fields;
    }

    static Map<String, Object> chat(final long id, final String type, final long version)
    {
        final Map<String, Object> fields = new HashMap<>();
        fields.put("id", id);
        fields.put("type", type);
        fields.put("title", "Chat " + id);
        fields.put("messageCount", version);
        fields.put("likeCount", 0L);
        fields.put("lastMessage", Timestamp.ofTimeMicroseconds(FIRST_SEEN * 1000));
        fields.put("version", version);
        return fields;
    }

    static <T> T await(final CompletableFuture<T> future) throws Exception
    {
        return future.get(15, TimeUnit.SECONDS);
    }

    private JournalSink open(final String collectionPrefix)
    {
        final JournalSink s = newSink(collectionPrefix);
        opened.add(s);
        return s;
    }

    private static String uniquePrefix()
    {
        return "t" + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36) + "_";
    }
}

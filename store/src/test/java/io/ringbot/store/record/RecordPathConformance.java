package io.ringbot.store.record;

import io.ringbot.store.StateStore;
import io.ringbot.store.StoreContext;
import io.ringbot.store.journal.DocumentEncoder;
import io.ringbot.store.journal.RecordSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The record path for any schema: create with defaults, change in place under the seqlock, copy
 * consistently, encode to a document and back, persist across a restart, close a write a crash
 * interrupted, and record the layout for the inspection tool. Run with several schemas.
 */
abstract class RecordPathConformance
{
    @TempDir
    Path dir;

    /**
     * @return the user schema under test.
     */
    abstract RecordSchema schema();

    /**
     * @param schema the schema under test, or one that replaces it.
     * @return the store's configuration holding it (as the user record type unless overridden).
     */
    StoreContext context(final RecordSchema schema)
    {
        return new StoreContext().dataDir(dir).usersCapacity(1_000).userSchema(schema);
    }

    private StateStore open()
    {
        return StateStore.open(context(schema()));
    }

    /** The table of the schema under test, found through its record type as the engine and journal do. */
    private RecordTable table(final StateStore store)
    {
        return store.table(store.type(schema()));
    }

    @Test
    void shouldCreateARecordWithEveryFieldsDefault()
    {
        try (StateStore store = open())
        {
            final Record created = table(store).acquire(5);
            final Record expected = Record.heap(schema());
            expected.writeDefaults();
            assertEquals(0, created.id(), "unclaimed until the engine writes its id");
            for (final RecordField field : schema().fields())
            {
                assertEquals(field.value(expected), field.value(created), field.name());
            }
            assertEquals(1, table(store).created());
        }
    }

    @Test
    void shouldKeepEveryFieldAcrossARestart()
    {
        try (StateStore store = open())
        {
            for (int id = 1; id <= 50; id++)
            {
                write(table(store).acquire(id), id);
            }
        }
        try (StateStore store = open())
        {
            for (int id = 1; id <= 50; id++)
            {
                final Record r = table(store).find(id);
                assertNotNull(r);
                assertEquals(id, r.id());
                assertEquals(1, r.version());
                assertSample(r, id);
            }
        }
    }

    @Test
    void shouldCopyConsistentlyAndRoundTripThroughADocument()
    {
        try (StateStore store = open())
        {
            write(table(store).acquire(9), 9);
            final RecordSnapshot snapshot = new RecordSnapshot(table(store).map(), schema(), 10);
            assertEquals(RecordSnapshot.Result.COPIED, snapshot.read(9));
            assertSample(snapshot.value(), 9);

            final DocumentEncoder encoder = new DocumentEncoder();
            final Map<String, Object> document = encoder.encode(snapshot.value());
            assertEquals(schema().fields().size() + 5, document.size(), document.toString());
            final Record decoded = Record.heap(schema());
            assertEquals(0, encoder.decode(document, decoded));
            assertEquals(9, decoded.id());
            assertEquals(1, decoded.syncedVersion());
            assertSample(decoded, 9);
        }
    }

    @Test
    void shouldCloseAWriteACrashInterrupted() throws Exception
    {
        try (StateStore store = open())
        {
            write(table(store).acquire(3), 3);
            table(store).acquire(3).beginWrite(); // the engine died here
        }
        Files.writeString(dir.resolve(StateStore.OPEN_MARKER), "1"); // as a crash leaves it
        try (StateStore store = open())
        {
            assertTrue(store.recovered());
            final Record r = table(store).find(3);
            assertEquals(0, r.seq() & 1, "the seqlock is even again");
            assertEquals(2, r.version(), "version + 1: the journal writes it again");
            assertSample(r, 3);
        }
    }

    @Test
    void shouldRecordItsLayoutForTheInspectionTool() throws Exception
    {
        try (StateStore store = open())
        {
            assertEquals(schema().size(), table(store).schema().size());
        }
        final String json = Files.readString(StateStore.schemaFile(dir, schema().name()));
        final RecordSchema read = RecordSchema.fromJson(json);
        assertEquals(json, read.toJson());
        final List<RecordField> fields = schema().fields();
        assertEquals(fields.size(), read.fields().size());
        for (int i = 0; i < fields.size(); i++)
        {
            final RecordField a = fields.get(i);
            final RecordField b = read.fields().get(i);
            assertEquals(a.name(), b.name());
            assertEquals(a.type(), b.type());
            assertEquals(a.offset(), b.offset());
            assertEquals(a.documentName(), b.documentName());
            assertEquals(a.maxBytes(), b.maxBytes());
        }
    }

    @Test
    void shouldRefuseALayoutThatWouldCutText() throws Exception
    {
        try (StateStore store = open())
        {
            assertNotNull(table(store));
        }
        final StringField text = (StringField)schema().fields().stream()
            .filter(f -> f.type() == FieldType.STRING).findFirst().orElseThrow();
        final RecordSchema narrower = RecordSchema.named(schema().name());
        narrower.stringField(text.name(), 1);
        final IllegalStateException refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
            () -> StateStore.open(context(narrower)));
        assertTrue(refused.getMessage().contains("field '" + text.name() + "' narrows from " + text.maxBytes() + " to 1"),
            refused.getMessage());
        try (StateStore store = open())
        {
            assertNotNull(table(store), "refused without a change: the folder opens with its own layout");
        }
    }

    /** Writes a sample value, derived from the id, into every field, as the engine does. */
    static void write(final Record r, final int id)
    {
        r.beginWrite();
        r.id(id);
        for (final RecordField field : r.schema().fields())
        {
            field.setParsed(sample(field, id), r);
        }
        r.endWrite();
    }

    static void assertSample(final Record r, final int id)
    {
        for (final RecordField field : r.schema().fields())
        {
            final Object expected = sample(field, id);
            final Object actual = field.value(r);
            assertEquals(expected instanceof Integer ? Long.valueOf((Integer)expected) : expected, actual,
                field.name() + " of " + id);
        }
    }

    static Object sample(final RecordField field, final int id)
    {
        return switch (field.type())
        {
            case LONG -> (long)id * 1_000_000_007L;
            case INT -> (long)-id;
            case BOOLEAN -> id % 2 == 0;
            case DOUBLE -> id + 0.25;
            case TIMESTAMP -> 1_700_000_000_000L + id;
            case ENUM -> ((EnumField<?>)field).names().get(id % ((EnumField<?>)field).names().size());
            case STRING -> "é\uD83D\uDE00" + id + "\""; // at most 10 bytes: every string field here holds 16 or more
        };
    }
}

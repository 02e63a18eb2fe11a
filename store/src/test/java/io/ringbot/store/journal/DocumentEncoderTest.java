package io.ringbot.store.journal;

import com.google.cloud.Timestamp;
import io.ringbot.store.record.Record;
import io.ringbot.store.record.TestSchemas;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DocumentEncoderTest
{
    private static final long FIRST_SEEN = 1_700_000_000_123L;

    private final DocumentEncoder encoder = new DocumentEncoder();

    @Test
    void shouldEncodeTheHeaderAndEveryFieldUnderItsDocumentName()
    {
        final Record r = Record.heap(TestSchemas.ALL);
        r.writeDefaults();
        r.id(42);
        r.firstSeenMillis(FIRST_SEEN);
        r.flags(Record.FLAG_BLOCKED);
        r.orderedVersion(5);
        TestSchemas.BALANCE.set(r, 250);
        TestSchemas.STEP.set(r, TestSchemas.Step.AWAITING_NICKNAME);
        TestSchemas.NICKNAME.set(r, "Zoë \"z\"");
        TestSchemas.VIP.set(r, true);

        final Map<String, Object> doc = encoder.encode(r);

        assertEquals(42L, doc.get("id"));
        assertEquals(5L, doc.get("version"));
        assertEquals(Timestamp.ofTimeMicroseconds(FIRST_SEEN * 1000), doc.get("firstSeen"));
        assertTrue(doc.containsKey("lastSeen"));
        assertNull(doc.get("lastSeen"), "an unset time is null");
        assertEquals(1L, doc.get("flags"), "the engine's flags survive a reload");
        assertEquals(250L, doc.get("balance"));
        assertEquals(1L, doc.get("level"), "an int is a Firestore integer");
        assertEquals(true, doc.get("vip"));
        assertEquals(0.5, doc.get("score"));
        assertNull(doc.get("joined"));
        assertEquals("AWAITING_NICKNAME", doc.get("step"));
        assertEquals("Zoë \"z\"", doc.get("nick"), "renamed field");
        assertFalse(doc.containsKey("nickname"));
        assertEquals(12, doc.size());
    }

    @Test
    void shouldDecodeWhatItEncodedAsInSync()
    {
        final Record r = Record.heap(TestSchemas.ALL);
        r.writeDefaults();
        r.id(42);
        r.firstSeenMillis(FIRST_SEEN);
        r.flags(Record.FLAG_BLOCKED);
        r.orderedVersion(5);
        TestSchemas.BALANCE.set(r, -7);
        TestSchemas.LEVEL.set(r, Integer.MIN_VALUE);
        TestSchemas.SCORE.set(r, 2.25);
        TestSchemas.JOINED.set(r, FIRST_SEEN + 1);
        TestSchemas.STEP.set(r, TestSchemas.Step.DONE);
        TestSchemas.NICKNAME.set(r, "Анна 😀");

        final Record decoded = Record.heap(TestSchemas.ALL);
        assertEquals(0, encoder.decode(encoder.encode(r), decoded));

        assertEquals(42, decoded.id());
        assertEquals(FIRST_SEEN, decoded.firstSeenMillis());
        assertEquals(Record.FLAG_BLOCKED, decoded.flags());
        assertEquals(-7, TestSchemas.BALANCE.get(decoded));
        assertEquals(Integer.MIN_VALUE, TestSchemas.LEVEL.get(decoded));
        assertEquals(2.25, TestSchemas.SCORE.get(decoded));
        assertEquals(FIRST_SEEN + 1, TestSchemas.JOINED.get(decoded));
        assertEquals(TestSchemas.Step.DONE, TestSchemas.STEP.get(decoded));
        assertEquals("Анна 😀", TestSchemas.NICKNAME.get(decoded, new StringBuilder()).toString());
        assertEquals(5, decoded.version());
        assertEquals(5, decoded.syncedVersion(), "a loaded record is in sync with its document");
    }

    @Test
    void shouldAdoptAForeignDocumentTakingDefaultsForWrongTypedFields()
    {
        final Map<String, Object> doc = new HashMap<>();
        doc.put("balance", 300L);
        doc.put("level", 3_000_000_000L); // out of int range
        doc.put("vip", "yes"); // wrong type
        doc.put("score", 7L); // an integer is a fine double
        doc.put("step", "FLYING"); // no such constant
        doc.put("nick", "x".repeat(65)); // longer than the field holds
        doc.put("createdBy", "node-backend"); // not ours: ignored

        final Record into = Record.heap(TestSchemas.ALL);
        final int rejected = encoder.decode(doc, into);

        assertEquals(4, rejected);
        assertEquals(300, TestSchemas.BALANCE.get(into));
        assertEquals(1, TestSchemas.LEVEL.get(into), "default");
        assertFalse(TestSchemas.VIP.get(into));
        assertEquals(7.0, TestSchemas.SCORE.get(into));
        assertEquals(TestSchemas.Step.NONE, TestSchemas.STEP.get(into));
        assertEquals("anon", TestSchemas.NICKNAME.get(into, new StringBuilder()).toString());
        assertEquals(0, into.version(), "a document without a version is version 0");
        assertEquals(4, encoder.rejected());
    }

    @Test
    void shouldTakeDefaultsForMissingFieldsAndKeepTheIdWhenTheDocumentHasNone()
    {
        final Record into = Record.heap(TestSchemas.ALL);
        into.id(42);
        assertEquals(0, encoder.decode(Map.of(), into));
        assertEquals(42, into.id());
        assertEquals(100, TestSchemas.BALANCE.get(into));
        assertEquals(0.5, TestSchemas.SCORE.get(into));
    }

    @Test
    void shouldReadTimestampsToTheMillisecond()
    {
        final Record into = Record.heap(TestSchemas.ALL);
        encoder.decode(Map.of("joined", Timestamp.ofTimeMicroseconds(FIRST_SEEN * 1000 + 999),
            "lastSeen", Timestamp.ofTimeMicroseconds(FIRST_SEEN * 1000)), into);
        assertEquals(FIRST_SEEN, TestSchemas.JOINED.get(into));
        assertEquals(FIRST_SEEN, into.lastSeenMillis());
    }
}

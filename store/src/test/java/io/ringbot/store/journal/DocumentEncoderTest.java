package io.ringbot.store.journal;

import com.google.cloud.Timestamp;
import io.ringbot.store.record.ChatRecord;
import io.ringbot.store.record.UserRecord;
import net.openhft.chronicle.values.Values;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DocumentEncoderTest
{
    private static final long FIRST_SEEN = 1_700_000_000_123L;
    private final DocumentEncoder encoder = new DocumentEncoder();

    @Test
    void shouldEncodeAUserWithNamedTypedFields()
    {
        final UserRecord user = Values.newHeapInstance(UserRecord.class);
        user.setId(42);
        user.setFirstName("Ann");
        user.setLastName("Lee");
        user.setUsername("ann_lee");
        user.setLanguageCode("en");
        user.setFirstSeenMillis(FIRST_SEEN);
        user.setLastSeenMillis(FIRST_SEEN + 1000);
        user.setMessageCount(17);
        user.setOrderedVersion(5);

        final Map<String, Object> doc = encoder.encodeUser(user);

        assertEquals(Map.of(
            "id", 42L, "firstName", "Ann", "lastName", "Lee", "username", "ann_lee", "languageCode", "en",
            "firstSeen", Timestamp.ofTimeMicroseconds(FIRST_SEEN * 1000),
            "lastSeen", Timestamp.ofTimeMicroseconds((FIRST_SEEN + 1000) * 1000),
            "messageCount", 17L, "version", 5L), doc);
    }

    @Test
    void shouldEncodeAChatAndAnUnsetTimeAsNull()
    {
        final ChatRecord chat = Values.newHeapInstance(ChatRecord.class);
        chat.setId(-1001234567890L);
        chat.setType("supergroup");
        chat.setTitle("Ringbot fans");
        chat.setMessageCount(3);
        chat.setLikeCount(2);
        chat.setOrderedVersion(9);

        final Map<String, Object> doc = encoder.encodeChat(chat);

        assertEquals(7, doc.size());
        assertEquals(-1001234567890L, doc.get("id"));
        assertEquals("supergroup", doc.get("type"));
        assertEquals("Ringbot fans", doc.get("title"));
        assertEquals(3L, doc.get("messageCount"));
        assertEquals(2L, doc.get("likeCount"));
        assertTrue(doc.containsKey("lastMessage"));
        assertNull(doc.get("lastMessage"));
        assertEquals(9L, doc.get("version"));
    }

    @Test
    void shouldDecodeWhatItEncodedAsInSync()
    {
        final UserRecord user = Values.newHeapInstance(UserRecord.class);
        user.setId(42);
        user.setFirstName("Анна");
        user.setUsername("anna");
        user.setFirstSeenMillis(FIRST_SEEN);
        user.setMessageCount(17);
        user.setOrderedVersion(5);
        user.setOrderedSyncedVersion(3);

        final UserRecord decoded = Values.newHeapInstance(UserRecord.class);
        encoder.decodeUser(encoder.encodeUser(user), decoded);

        assertEquals(42, decoded.getId());
        assertEquals("Анна", decoded.getFirstName().toString());
        assertEquals("", decoded.getLastName().toString());
        assertEquals(FIRST_SEEN, decoded.getFirstSeenMillis());
        assertEquals(0, decoded.getLastSeenMillis());
        assertEquals(17, decoded.getMessageCount());
        assertEquals(5, decoded.getVersion());
        assertEquals(5, decoded.getSyncedVersion(), "a loaded record is in sync with its document");
    }

    @Test
    void shouldDecodeHandEditedDocumentsLeniently()
    {
        final Map<String, Object> doc = new HashMap<>();
        doc.put("id", -77.0);
        doc.put("title", "é".repeat(300)); // 600 bytes of UTF-8
        doc.put("messageCount", "12");
        doc.put("lastMessage", FIRST_SEEN);
        doc.put("likeCount", null);

        final ChatRecord chat = Values.newHeapInstance(ChatRecord.class);
        encoder.decodeChat(doc, chat);

        assertEquals(-77, chat.getId());
        assertEquals("", chat.getType().toString());
        assertEquals("é".repeat(256), chat.getTitle().toString(), "cut to 512 bytes, between characters");
        assertEquals(12, chat.getMessageCount());
        assertEquals(0, chat.getLikeCount());
        assertEquals(FIRST_SEEN, chat.getLastMessageMillis());
        assertEquals(0, chat.getVersion());
    }

    @Test
    void shouldKeepTheRecordsIdWhenTheDocumentHasNone()
    {
        final UserRecord user = Values.newHeapInstance(UserRecord.class);
        user.setId(42);

        encoder.decodeUser(Map.of("firstName", "Ann"), user);

        assertEquals(42, user.getId());
        assertEquals("Ann", user.getFirstName().toString());
    }

    @Test
    void shouldCutTextAtACharacterBoundary()
    {
        assertEquals("ab", DocumentEncoder.text("ab", 2));
        assertEquals("a", DocumentEncoder.text("a€", 3));
        assertEquals("a€", DocumentEncoder.text("a€", 4));
        final String emoji = "x\uD83D\uDE00"; // 1 + 4 bytes
        assertEquals("x", DocumentEncoder.text(emoji, 4));
        assertTrue(DocumentEncoder.text("€".repeat(100), 64).getBytes(StandardCharsets.UTF_8).length <= 64);
    }

    @Test
    void shouldReadTimestampsToTheMillisecond()
    {
        assertEquals(FIRST_SEEN, DocumentEncoder.millis(Timestamp.ofTimeMicroseconds(FIRST_SEEN * 1000 + 999)));
        assertNull(DocumentEncoder.timestamp(0));
    }
}

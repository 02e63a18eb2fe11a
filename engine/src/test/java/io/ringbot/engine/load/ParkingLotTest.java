package io.ringbot.engine.load;

import io.ringbot.engine.EngineHarness;
import io.ringbot.bot.Bot;
import io.ringbot.bot.RecordState;
import io.ringbot.bot.Update;
import io.ringbot.engine.ring.UpdateEvent;
import io.ringbot.store.journal.DocumentEncoder;
import io.ringbot.store.journal.RecordType;
import io.ringbot.store.record.Record;
import io.ringbot.engine.reference.ReferenceBot;
import io.ringbot.store.status.RingbotCounter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.ringbot.engine.EngineHarness.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParkingLotTest
{
    @TempDir
    Path dir;
    private final List<String> requested = new ArrayList<>();

    private EngineHarness harness(final int parkingCapacity)
    {
        return new EngineHarness(dir, 10_000, null, (type, id) -> requested.add(type + ":" + id), parkingCapacity);
    }

    @Test
    void shouldHoldAMissingUsersUpdateUntilItsRecordArrivesAndKeepItsCounts()
    {
        try (EngineHarness engine = harness(8))
        {
            engine.send(text(1, 42, "hi"));
            assertEquals(0, engine.answered(), "the update waits for the read");
            assertEquals(List.of("users:42", "chats:42"), requested);

            engine.deliver(UpdateEvent.RECORD_LOADED, new LoadedRecord(RecordType.USER, 42, userDoc(42, 41, 7), false));
            assertEquals(0, engine.answered(), "the chat's read is still pending");
            engine.deliver(UpdateEvent.RECORD_LOADED, new LoadedRecord(RecordType.CHAT, 42, null, false));

            assertEquals(1, engine.answered());
            assertTrue(engine.answers().get(0).contains("count=42"), engine.answers().toString());
            final Record user = engine.store().users().acquire(42);
            assertEquals(42, ReferenceBot.USER_MESSAGES.get(user));
            assertEquals(8, user.version(), "loaded at version 7, changed once");
            assertEquals(7, user.syncedVersion(), "the loaded state counts as synced");
        }
    }

    @Test
    void shouldHoldAnUpdateUntilTheOtherUserItChangesArrivesFromFirestore()
    {
        final Bot bot = new Bot()
            .otherUser(ParkingLotTest::giveTarget)
            .command("give", ctx ->
            {
                final RecordState other = ctx.user(giveTarget(ctx.update()));
                final long total = other.add(ReferenceBot.USER_MESSAGES, 10);
                ctx.sendMessage().text().append("given, now ").append(total);
            });
        try (EngineHarness engine = new EngineHarness(dir, 10_000, bot, (type, id) -> requested.add(type + ":" + id), 8))
        {
            engine.send(text(1, 42, "/give 77"));
            assertEquals(List.of("users:42", "users:77", "chats:42"), requested);
            engine.deliver(UpdateEvent.RECORD_LOADED, new LoadedRecord(RecordType.USER, 42, null, false));
            engine.deliver(UpdateEvent.RECORD_LOADED, new LoadedRecord(RecordType.CHAT, 42, null, false));
            assertEquals(0, engine.answered(), "still waiting for the other user");

            engine.send(text(2, 77, "/give 42"));
            assertEquals(0, engine.answered(), "the other user's own update waits behind its read too");

            final Map<String, Object> foreign = userDoc(77, 5, 3);
            foreign.put(ReferenceBot.USERNAME.documentName(), 12L); // wrong type: counted, takes its default
            engine.deliver(UpdateEvent.RECORD_LOADED, new LoadedRecord(RecordType.USER, 77, foreign, false));
            assertEquals(1, engine.counter(RingbotCounter.LOADER_FIELDS_REJECTED));
            assertEquals(List.of("users:42", "users:77", "chats:42", "chats:77"), requested);
            engine.deliver(UpdateEvent.RECORD_LOADED, new LoadedRecord(RecordType.CHAT, 77, null, false));
            assertEquals(2, engine.answered());
            assertTrue(engine.answers().get(0).contains("given, now 15"), engine.answers().toString());
            final Record other = engine.store().users().acquire(77);
            assertEquals(15, ReferenceBot.USER_MESSAGES.get(other), "adopted 5, plus 10");
            assertEquals(4, other.version(), "loaded at version 3, changed once (its own update changed only 42)");
            assertEquals(3, other.syncedVersion());
            assertEquals(10, ReferenceBot.USER_MESSAGES.get(engine.store().users().acquire(42)));
        }
    }

    private static long giveTarget(final Update update)
    {
        final CharSequence text = update.text();
        if (!update.hasText() || text.length() < 7 || text.charAt(0) != '/' || text.charAt(1) != 'g')
        {
            return Update.NONE;
        }
        long id = 0;
        for (int i = 6; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (c < '0' || c > '9')
            {
                return Update.NONE;
            }
            id = id * 10 + (c - '0');
        }
        return id;
    }

    @Test
    void shouldKeepAChatsOrderAndLetOtherChatsGoOn()
    {
        try (EngineHarness engine = harness(8))
        {
            engine.send(text(1, 42, "first"));
            engine.send(text(2, 42, "second"));
            engine.send(text(3, 43, "other chat"));
            assertEquals(0, engine.answered());
            engine.deliver(UpdateEvent.RECORD_LOADED, new LoadedRecord(RecordType.USER, 43, null, false));
            engine.deliver(UpdateEvent.RECORD_LOADED, new LoadedRecord(RecordType.CHAT, 43, null, false));
            assertEquals(1, engine.answered(), "chat 43 went on while chat 42 waits");
            engine.deliver(UpdateEvent.RECORD_LOADED, new LoadedRecord(RecordType.USER, 42, null, true));
            engine.deliver(UpdateEvent.RECORD_LOADED, new LoadedRecord(RecordType.CHAT, 42, null, true));
            assertEquals(3, engine.answered());
            assertTrue(engine.answers().get(1).contains("count=1"), engine.answers().toString());
            assertTrue(engine.answers().get(2).contains("count=2"), "chat 42's updates in order: " + engine.answers());
            assertEquals(3, engine.counter(RingbotCounter.ENGINE_PARKED));
        }
    }

    @Test
    void shouldAnswerAPresentUserWithoutWaiting()
    {
        try (EngineHarness engine = harness(8))
        {
            engine.send(text(1, 42, "hi"));
            engine.deliver(UpdateEvent.RECORD_LOADED, new LoadedRecord(RecordType.USER, 42, null, false));
            engine.deliver(UpdateEvent.RECORD_LOADED, new LoadedRecord(RecordType.CHAT, 42, null, false));
            requested.clear();
            engine.send(text(2, 42, "again"));
            assertEquals(2, engine.answered());
            assertTrue(requested.isEmpty(), "no read for a record in the store");
        }
    }

    @Test
    void shouldAnswer503WhenTheLotIsFull()
    {
        try (EngineHarness engine = harness(2))
        {
            engine.send(text(1, 42, "a"));
            engine.send(text(2, 43, "b"));
            final UpdateEvent third = engine.send(text(3, 44, "c"));
            assertEquals(503, third.status());
            assertEquals(1, engine.answered());
            assertEquals(1, engine.counter(RingbotCounter.ENGINE_PARK_FULL));
        }
    }

    private static Map<String, Object> userDoc(final long id, final long messages, final long version)
    {
        final Map<String, Object> doc = new HashMap<>();
        doc.put(DocumentEncoder.ID, id);
        doc.put(ReferenceBot.USER_MESSAGES.documentName(), messages);
        doc.put(DocumentEncoder.VERSION, version);
        doc.put(ReferenceBot.FIRST_NAME.documentName(), "Old");
        return doc;
    }
}

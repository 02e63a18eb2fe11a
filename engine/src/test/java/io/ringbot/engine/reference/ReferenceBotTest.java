package io.ringbot.engine.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringbot.engine.EngineHarness;
import io.ringbot.engine.ring.UpdateEvent;
import io.ringbot.store.record.Record;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.ringbot.engine.EngineHarness.callback;
import static io.ringbot.engine.EngineHarness.reply;
import static io.ringbot.engine.EngineHarness.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reference bot's behaviour as its users see it (README, "The reference bot"); what the engine does with any
 * bot is {@code EngineHandlerTest}'s.
 */
class ReferenceBotTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private EngineHarness engine;

    @BeforeEach
    void open()
    {
        engine = new EngineHarness(dir);
    }

    @AfterEach
    void close()
    {
        engine.close();
    }

    @Test
    void shouldGreetOnStartAndSaveTheProfile() throws Exception
    {
        final UpdateEvent e = engine.send(text(1, 42, "/start"));
        assertEquals(200, e.status());
        final JsonNode reply = JSON.readTree(reply(e));
        assertEquals("sendMessage", reply.get("method").asText());
        assertEquals(42, reply.get("chat_id").asLong());
        assertTrue(reply.get("text").asText().startsWith("Hello, User42!"), reply.toString());
        assertEquals("like", reply.at("/reply_markup/inline_keyboard/0/0/callback_data").asText());
        final Record user = engine.store().users().acquire(42);
        assertEquals("User42", ReferenceBot.FIRST_NAME.get(user, new StringBuilder()).toString());
        assertEquals("u42", ReferenceBot.USERNAME.get(user, new StringBuilder()).toString());
        assertEquals("en", ReferenceBot.LANGUAGE_CODE.get(user, new StringBuilder()).toString());
        assertTrue(user.firstSeenMillis() > 0);
        assertEquals(0, user.seq() & 1, "the seqlock is even after the update");
    }

    @Test
    void shouldCountPlainTextPerUserAndPerChat() throws Exception
    {
        assertEquals("count=1", JSON.readTree(reply(engine.send(text(1, 42, "hi")))).get("text").asText());
        assertEquals("count=2", JSON.readTree(reply(engine.send(text(2, 42, "again")))).get("text").asText());
        assertEquals("count=1", JSON.readTree(reply(engine.send(text(3, 43, "me too")))).get("text").asText());
        assertEquals(2, ReferenceBot.CHAT_MESSAGES.get(engine.store().chats().acquire(42)));
        assertEquals(2, ReferenceBot.USER_MESSAGES.get(engine.store().users().acquire(42)));
    }

    @Test
    void shouldNotCountAMediaCaptionAsAText() throws Exception
    {
        engine.send(text(1, 42, "hi"));
        final UpdateEvent photo = engine.send("{\"update_id\":2,\"message\":{\"message_id\":2,\"date\":1," +
            "\"from\":{\"id\":42,\"is_bot\":false,\"first_name\":\"A\"},\"chat\":{\"id\":42,\"type\":\"private\"}," +
            "\"photo\":[{\"file_id\":\"x\",\"file_unique_id\":\"y\",\"width\":1,\"height\":1}],\"caption\":\"look\"}}");
        assertEquals(200, photo.status());
        assertEquals(0, photo.replyLength());
        assertEquals("count=2", JSON.readTree(reply(engine.send(text(3, 42, "again")))).get("text").asText());
    }

    @Test
    void shouldShowTheProfileAndCountsOnMe() throws Exception
    {
        engine.send(text(1, 42, "/start"));
        engine.send(text(2, 42, "one"));
        final String text = JSON.readTree(reply(engine.send(text(3, 42, "/me")))).get("text").asText();
        assertTrue(text.contains("name: User42"), text);
        assertTrue(text.contains("username: @u42"), text);
        assertTrue(text.contains("messages: 1"), text);
        assertTrue(text.matches("(?s).*first seen: \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC.*"), text);
    }

    @Test
    void shouldListTheCommandsOnHelp() throws Exception
    {
        final String text = JSON.readTree(reply(engine.send(text(1, 42, "/help")))).get("text").asText();
        assertTrue(text.contains("/start") && text.contains("/me"), text);
    }

    @Test
    void shouldCountALikeAndAnswerTheCallback() throws Exception
    {
        final JsonNode first = JSON.readTree(reply(engine.send(callback(1, 42, 42, "like"))));
        assertEquals("answerCallbackQuery", first.get("method").asText());
        assertEquals("cb1", first.get("callback_query_id").asText());
        engine.send(callback(2, 43, 42, "like"));
        assertEquals(2, ReferenceBot.LIKES.get(engine.store().chats().acquire(42)));
    }
}

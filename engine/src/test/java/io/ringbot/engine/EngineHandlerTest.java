package io.ringbot.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringbot.bot.Bot;
import io.ringbot.bot.Reply;
import io.ringbot.bot.UpdateKind;
import io.ringbot.engine.ring.UpdateEvent;
import io.ringbot.engine.reference.ReferenceBot;
import io.ringbot.store.status.RingbotCounter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.ringbot.engine.EngineHarness.callback;
import static io.ringbot.engine.EngineHarness.reply;
import static io.ringbot.engine.EngineHarness.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EngineHandlerTest
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
    void shouldRaiseTheVersionOncePerChangingUpdateOnly()
    {
        engine.send(text(1, 42, "hi"));
        final long after = engine.store().users().acquire(42).version();
        engine.send(text(2, 42, "/help"));
        assertEquals(after, engine.store().users().acquire(42).version(), "/help changes nothing");
        engine.send(text(3, 42, "more"));
        assertEquals(after + 1, engine.store().users().acquire(42).version());
    }

    @Test
    void shouldTreatAdminCommandsFromOthersAsUnknown() throws Exception
    {
        final UpdateEvent e = engine.send(text(1, 42, "/stats"));
        assertEquals(200, e.status());
        assertEquals(0, e.replyLength());
        assertEquals(1, engine.counter(RingbotCounter.ENGINE_UNHANDLED));
        long updateId = 2;
        for (final String command : new String[]{"/health", "/stats", "/cache", "/memory", "/production"})
        {
            final String text = JSON.readTree(reply(engine.send(text(updateId++, EngineHarness.ADMIN_ID, command))))
                .get("text").asText();
            assertTrue(text.length() > 5, command + ": " + text);
        }
        assertTrue(JSON.readTree(reply(engine.send(text(20, EngineHarness.ADMIN_ID, "/cache"))))
            .get("text").asText().contains("users: "));
    }

    @Test
    void shouldAnswerAdminCommandsOnlyInTheAdminsPrivateChat() throws Exception
    {
        long updateId = 1;
        for (final String command : new String[]{"/health", "/stats", "/cache", "/memory", "/production", "/connections", "/clearcache"})
        {
            final String inGroup = text(updateId++, EngineHarness.ADMIN_ID, command)
                .replace("\"chat\":{\"id\":" + EngineHarness.ADMIN_ID + ",\"type\":\"private\"}", "\"chat\":{\"id\":-100555,\"type\":\"group\"}");
            assertTrue(inGroup.contains("-100555"));
            assertEquals(0, engine.send(inGroup).replyLength(), command + " in a group is an unknown command");
            final String privateTypedAsGroup = text(updateId++, EngineHarness.ADMIN_ID, command)
                .replace("\"type\":\"private\"", "\"type\":\"supergroup\"");
            assertEquals(0, engine.send(privateTypedAsGroup).replyLength(), command);
            final String otherChat = text(updateId++, EngineHarness.ADMIN_ID, command)
                .replace("\"chat\":{\"id\":" + EngineHarness.ADMIN_ID, "\"chat\":{\"id\":77");
            assertEquals(0, engine.send(otherChat).replyLength(), command + " in another user's private chat");
            assertTrue(engine.send(text(updateId++, EngineHarness.ADMIN_ID, command)).replyLength() > 0, command);
        }
    }

    @Test
    void shouldIgnoreCommandsAddressedToAnotherBot()
    {
        assertEquals(0, engine.send(text(1, 42, "/start@some_other_bot")).replyLength());
        assertTrue(engine.send(text(2, 42, "/start@ringbot_test_bot")).replyLength() > 0);
    }

    @Test
    void shouldApplyARedeliveredUpdateOnlyOnce() throws Exception
    {
        engine.send(text(10, 42, "hi"));
        final UpdateEvent again = engine.send(text(10, 42, "hi"));
        assertEquals(200, again.status());
        assertEquals(0, again.replyLength());
        assertEquals(1, ReferenceBot.USER_MESSAGES.get(engine.store().users().acquire(42)));
        assertEquals(1, engine.counter(RingbotCounter.ENGINE_DUPLICATES));
        engine.send(text(9, 42, "late but new"));
        assertEquals(2, ReferenceBot.USER_MESSAGES.get(engine.store().users().acquire(42)), "an older id not yet seen is applied");
    }

    @Test
    void shouldRememberAppliedUpdatesAcrossARestart()
    {
        engine.send(text(10, 42, "hi"));
        engine.close();
        engine = new EngineHarness(dir);
        assertEquals(0, engine.send(text(10, 42, "hi")).replyLength());
        assertEquals(1, ReferenceBot.USER_MESSAGES.get(engine.store().users().acquire(42)));
    }

    @Test
    void shouldNotLetOneFarUpdateIdDropTheUpdatesAfterItInEitherDirectionNorAfterARestart() throws Exception
    {
        engine.send(text(10_000_000, 42, "a"));
        engine.send(text(2_000_000_000L, 42, "forged far ahead"));
        assertEquals("count=3", JSON.readTree(reply(engine.send(text(10_000_001, 42, "b")))).get("text").asText());
        engine.send(text(3, 42, "far behind"));
        assertEquals("count=5", JSON.readTree(reply(engine.send(text(10_000_002, 42, "c")))).get("text").asText());
        assertEquals(2, engine.counter(RingbotCounter.ENGINE_UPDATE_ID_JUMPS));
        engine.close();
        engine = new EngineHarness(dir);
        assertEquals(0, engine.send(text(10_000_001, 42, "b")).replyLength(), "a redelivery before the jump is still known");
        assertEquals("count=6", JSON.readTree(reply(engine.send(text(10_000_003, 42, "d")))).get("text").asText());
        assertEquals(0, engine.counter(RingbotCounter.ENGINE_DUPLICATES) - 1);
    }

    @Test
    void shouldAnswer400ToABodyThatIsNotJson()
    {
        final UpdateEvent e = engine.send("{\"update_id\": 1, oops");
        assertEquals(400, e.status());
        assertTrue(reply(e).contains("not JSON"));
        assertEquals(1, engine.counter(RingbotCounter.ENGINE_BAD_JSON));
    }

    @Test
    void shouldAnswer400ToJsonWithoutANumericUpdateId()
    {
        final UpdateEvent e = engine.send("{\"update_id\":\"1\",\"message\":{}}");
        assertEquals(400, e.status());
        assertTrue(reply(e).contains("update_id"));
        assertEquals(1, engine.counter(RingbotCounter.ENGINE_MISSING_UPDATE_ID));
    }

    @Test
    void shouldAnswer400ToAnIdThatWouldWrapAndApplyNothing() throws Exception
    {
        final UpdateEvent e = engine.send(text(1, 42, "hi").replace("\"id\":42,\"is_bot\"", "\"id\":18446744073709552393,\"is_bot\""));
        assertEquals(400, e.status());
        assertEquals("a user's id must be an integer from 1 to 4503599627370495 (no fraction, exponent or -0)",
            JSON.readTree(reply(e)).get("description").asText());
        assertEquals(1, engine.counter(RingbotCounter.ENGINE_BAD_NUMBER));
        assertEquals(0, engine.counter(RingbotCounter.ENGINE_UPDATES));
        final UpdateEvent wrapped = engine.send(text(0, 42, "hi")
            .replace("\"update_id\":0", "\"update_id\":18446744073709551621"));
        assertEquals(400, wrapped.status());
        assertTrue(reply(wrapped).contains("update_id must be"), reply(wrapped));
        assertEquals(400, engine.send(text(1, 42, "hi").replace("\"id\":42,\"is_bot\"", "\"id\":777e0,\"is_bot\"")).status());
        assertEquals(3, engine.counter(RingbotCounter.ENGINE_BAD_NUMBER));
        assertEquals(0, engine.store().users().size());
    }

    @Test
    void shouldAnswerUnhandledKindsWithAnEmpty200AndCountThemByKind()
    {
        final UpdateEvent e = engine.send("{\"update_id\":3,\"poll\":{\"id\":\"1\",\"question\":\"q\",\"options\":[]}}");
        assertEquals(200, e.status());
        assertEquals(0, e.replyLength());
        assertEquals(1, engine.engine().counters().kindCount(UpdateKind.POLL));
        assertEquals(1, engine.counter(RingbotCounter.ENGINE_UNHANDLED));
    }

    @Test
    void shouldRefuseABotWhoseRecordsAreNotTheStores(@TempDir final Path other)
    {
        final io.ringbot.store.record.RecordSchema chats = io.ringbot.store.record.RecordSchema.named("chats");
        chats.stringField("language", 16);
        final Bot bot = new Bot().records(ReferenceBot.USERS, chats);
        final IllegalArgumentException refused =
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new EngineHarness(other, 100, bot));
        assertTrue(refused.getMessage().contains("StoreContext.chatSchema"), refused.getMessage());
    }

    @Test
    void shouldKeepRunningWhenAHandlerThrows(@TempDir final Path other) throws Exception
    {
        final Bot bot = new Bot()
            .command("boom", ctx ->
            {
                ctx.user().add(ReferenceBot.USER_MESSAGES, 1);
                throw new IllegalStateException("boom");
            })
            .text(ctx -> ctx.sendMessage().text().append("count=").append(ctx.user().add(ReferenceBot.USER_MESSAGES, 1)));
        try (EngineHarness harness = new EngineHarness(other, 100, bot))
        {
            final UpdateEvent e = harness.send(text(1, 42, "/boom"));
            assertEquals(200, e.status());
            assertEquals(0, e.replyLength());
            assertEquals(1, harness.counter(RingbotCounter.ENGINE_HANDLER_ERRORS));
            assertEquals(0, harness.store().users().acquire(42).seq() & 1, "a failed handler leaves no open seqlock");
            assertEquals("count=2", JSON.readTree(reply(harness.send(text(2, 42, "next")))).get("text").asText());
            assertEquals(1, harness.counter(RingbotCounter.ERRORS) >= 1 ? 1 : 0);
        }
    }

    @Test
    void shouldRefuseUpdatesWhoseNewRecordDoesNotFitAndAnswerTheOthers(@TempDir final Path other) throws Exception
    {
        try (EngineHarness harness = new EngineHarness(other, 50, null))
        {
            int refused = 0;
            for (int i = 1; i <= 2_000; i++)
            {
                final UpdateEvent e = harness.send(text(i, 10_000 + i, "hello"));
                if (e.status() == 503)
                {
                    refused++;
                    assertNull(harness.store().users().find(10_000 + i), "nothing stored for a refused update");
                }
                else
                {
                    assertEquals(200, e.status());
                    assertTrue(JSON.readTree(reply(e)).get("text").asText().startsWith("count=1"));
                    assertEquals(1, ReferenceBot.USER_MESSAGES.get(harness.store().users().find(10_000 + i)),
                        "an update answered 200 is stored");
                }
            }
            assertTrue(refused > 0, "the full store refused");
            assertEquals(refused, harness.counter(RingbotCounter.ENGINE_STORE_FULL));
            assertEquals(2_000 - refused, harness.counter(RingbotCounter.ENGINE_UPDATES));
            assertEquals(1, ReferenceBot.USER_MESSAGES.get(harness.store().users().acquire(10_001)), "earlier users are intact");
        }
    }

    @Test
    void shouldEscapeQuotesNewlinesEmojiAndRtlInReplies() throws Exception
    {
        final String name = "Ann \"the\" \\ Q\nNew \uD83D\uDE00 \u05E9\u05DC\u05D5\u05DD";
        final String update = "{\"update_id\":1,\"message\":{\"message_id\":1,\"date\":1,\"from\":{\"id\":5,\"is_bot\":false," +
            "\"first_name\":" + EngineHarness.quote(name) + "},\"chat\":{\"id\":5,\"type\":\"private\"},\"text\":\"/start\"}}";
        final JsonNode reply = JSON.readTree(reply(engine.send(update)));
        assertTrue(reply.get("text").asText().startsWith("Hello, " + name + "!"), reply.toString());
        assertEquals(name, ReferenceBot.FIRST_NAME.get(engine.store().users().acquire(5), new StringBuilder()).toString());
    }

    @Test
    void shouldAnswerAndApplyOnceANameWithALoneSurrogate() throws Exception
    {
        final String update = "{\"update_id\":1,\"message\":{\"message_id\":1,\"date\":1,\"from\":{\"id\":5,\"is_bot\":false," +
            "\"first_name\":\"A\\udc00B\"},\"chat\":{\"id\":5,\"type\":\"private\"},\"text\":\"/start\"}}";
        final UpdateEvent e = engine.send(update);
        assertEquals(200, e.status());
        assertTrue(JSON.readTree(reply(e)).get("text").asText().startsWith("Hello, A\uFFFDB!"), reply(e));
        assertEquals("A\uFFFDB", ReferenceBot.FIRST_NAME.get(engine.store().users().acquire(5), new StringBuilder()).toString());
        final long version = engine.store().users().acquire(5).version();
        assertEquals(0, engine.send(update).replyLength(), "the redelivery is recognised");
        assertEquals(version, engine.store().users().acquire(5).version());
        assertEquals(0, engine.counter(RingbotCounter.ENGINE_HANDLER_ERRORS));
    }

    @Test
    void shouldMarkTheUpdateAppliedEvenWhenItsReplyCannotBeEncoded(@TempDir final Path other) throws Exception
    {
        final Bot bot = new Bot().text(ctx ->
        {
            ctx.user().add(ReferenceBot.USER_MESSAGES, 1);
            ctx.sendMessage().text().append("half a pair \uD83D");
            ctx.reply().button("x", "y");
            ctx.reply().row();
        }).command("bad", ctx ->
        {
            ctx.user().add(ReferenceBot.USER_MESSAGES, 1);
            ctx.editMessageText().text().append("x");
            throw new IllegalStateException("after the change");
        });
        try (EngineHarness harness = new EngineHarness(other, 100, bot))
        {
            final UpdateEvent e = harness.send(text(1, 42, "hi"));
            assertEquals("half a pair \uFFFD", JSON.readTree(reply(e)).get("text").asText());
            harness.send(text(1, 42, "hi"));
            harness.send(text(2, 42, "/bad"));
            harness.send(text(2, 42, "/bad"));
            assertEquals(1, ReferenceBot.USER_MESSAGES.get(harness.store().users().acquire(42)),
                "the first applied once; the failed one's change put back, and its redelivery changes nothing");
            assertEquals(2, harness.counter(RingbotCounter.ENGINE_DUPLICATES));
        }
    }

    @Test
    void shouldStoreAnEmojiNameAndStillReply() throws Exception
    {
        final String name = "\uD83D\uDE00".repeat(35) + "\u4e2d".repeat(60);
        final String update = "{\"update_id\":1,\"message\":{\"message_id\":1,\"date\":1,\"from\":{\"id\":5,\"is_bot\":false," +
            "\"first_name\":\"" + name + "\"},\"chat\":{\"id\":5,\"type\":\"private\",\"title\":\"" + name + name + "\"}," +
            "\"text\":\"/start\"}}";
        final UpdateEvent e = engine.send(update);
        assertTrue(JSON.readTree(reply(e)).get("text").asText().startsWith("Hello, " + name.substring(0, 64) + "!"), reply(e));
        final String stored = ReferenceBot.FIRST_NAME.get(engine.store().users().acquire(5), new StringBuilder()).toString();
        assertTrue(stored.length() > 40 && name.startsWith(stored), stored);
        assertEquals(0, engine.counter(RingbotCounter.ENGINE_HANDLER_ERRORS));
    }

    @Test
    void shouldCapRepliesAtTelegramsLimitsAndKeepSlotBuffersBounded() throws Exception
    {
        final String name = "\uD83D\uDE00" + "n".repeat(200_000);
        final String update = "{\"update_id\":1,\"message\":{\"message_id\":1,\"date\":1,\"from\":{\"id\":5,\"is_bot\":false," +
            "\"first_name\":\"" + name + "\"},\"chat\":{\"id\":5,\"type\":\"private\"},\"text\":\"/start\"}}";
        final UpdateEvent e = engine.send(update);
        final String text = JSON.readTree(reply(e)).get("text").asText();
        assertEquals("Hello, \uD83D\uDE00" + "n".repeat(62) + "! Send me any text and I will count it. /help lists the commands.", text,
            "the reference bot echoes at most Telegram's 64 characters of a name");
        assertEquals(UpdateEvent.DEFAULT_REPLY_CAPACITY, e.replyCapacity(), "the slot did not grow");
        e.clear();
        assertEquals(UpdateEvent.DEFAULT_REPLY_CAPACITY, e.reply().length, "the one-off array is dropped with the answer");
        final Bot bot = new Bot().callback("c", ctx -> ctx.answerCallbackQuery().text().append("\uD83D\uDE00".repeat(150)))
            .text(ctx -> ctx.sendMessage().text("t").button("b".repeat(1_000), "\u00e9".repeat(40)))
            .command("echo", ctx -> ctx.sendMessage().text().append(ctx.update().firstName()));
        try (EngineHarness harness = new EngineHarness(dir.resolve("other"), 100, bot))
        {
            final JsonNode answer = JSON.readTree(reply(harness.send(callback(1, 5, 5, "c"))));
            assertEquals(200, answer.get("text").asText().length(), "callback answers hold 200 characters");
            final JsonNode message = JSON.readTree(reply(harness.send(text(2, 5, "x"))));
            assertEquals(64, message.at("/reply_markup/inline_keyboard/0/0/callback_data").asText()
                .getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
            assertEquals(Reply.MAX_BUTTON_LABEL_CHARS, message.at("/reply_markup/inline_keyboard/0/0/text").asText().length());
            final UpdateEvent echo = harness.send(update.replace("/start", "/echo").replace("\"update_id\":1", "\"update_id\":3"));
            final String echoed = JSON.readTree(reply(echo)).get("text").asText();
            assertEquals(Reply.MAX_TEXT_CHARS, echoed.length(), "any bot's message is cut at 4096 characters");
            assertTrue(echoed.startsWith("\uD83D\uDE00nnn"));
            assertEquals(UpdateEvent.DEFAULT_REPLY_CAPACITY, echo.replyCapacity());
        }
    }

    @Test
    void shouldAcceptEveryFixture()
    {
        long id = 1;
        for (final Path fixture : Fixtures.all())
        {
            final UpdateEvent e = engine.send(Fixtures.read(fixture));
            assertEquals(Fixtures.isNotAnUpdate(fixture) ? 400 : 200, e.status(), fixture.toString());
            id++;
        }
        assertEquals(id - 1, engine.answered());
        assertEquals(0, engine.counter(RingbotCounter.ENGINE_HANDLER_ERRORS));
    }
}

package io.ringbot.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ringbot.engine.wallet.WalletBot;
import io.ringbot.store.status.RingbotCounter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The wallet bot on the real server over HTTP: balances, transfers by id and by reply, every refused
 * transfer, nicknames (unicode, quotes, too long), /me and /lang, and its state across a restart.
 */
@Tag("system")
class WalletSystemTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private long updateId = 1;

    @TempDir
    Path data;

    private RingbotServer server;

    @BeforeEach
    void start() throws InterruptedException
    {
        server = newServer();
    }

    @AfterEach
    void stop()
    {
        if (server != null)
        {
            server.close();
        }
    }

    @Test
    void shouldStartEveryUserAt100AndMoveAmountsBetweenThem() throws Exception
    {
        assertEquals("balance=100", say(1, "/balance"));
        assertEquals("balance=70", say(1, "/send 2 30"));
        assertEquals("balance=130", say(2, "/balance"), "a recipient first seen by a transfer starts at 100");
        assertEquals("balance=0", say(1, "/send 2 70"), "the whole balance may be sent");
        assertEquals("balance=200", say(2, "/balance"));
        assertEquals("balance=190", say(2, "/send@wallet_test_bot   1\t10 "));
        assertEquals("balance=10", say(1, "/balance"));
        assertEquals("balance=" + (100 - 5), say(3, "/send 4000000000000 5"), "a 52-bit id");
        assertEquals("balance=105", say(4_000_000_000_000L, "/balance"));
    }

    @Test
    void shouldRefuseEveryBadTransferAndChangeNothing() throws Exception
    {
        assertEquals("balance=90", say(1, "/send 2 10"));
        final String[] bad = {
            "/send", "/send 2", "/send 2 10 3", "/send x 10", "/send 2 x", "/send 2 0", "/send 2 -5", "/send 2 +5",
            "/send 2 91", "/send 1 5", "/send 0 5", "/send -2 5", "/send 2 99999999999999999999",
            "/send 99999999999999999999 1", "/send 2 9223372036854775807", "/send 2 1.5", "/send 2 ５",
        };
        for (final String text : bad)
        {
            final String answer = say(1, text);
            assertTrue(answer.startsWith("error:"), text + " -> " + answer);
        }
        assertEquals("balance=90", say(1, "/balance"));
        assertEquals("balance=110", say(2, "/balance"));
        assertEquals(0, server.counters().counter(RingbotCounter.ENGINE_HANDLER_ERRORS).get());
    }

    @Test
    void shouldSendToTheAuthorOfTheRepliedMessageInAGroup() throws Exception
    {
        final long group = -1001234567890L;
        final ObjectNode update = message(11, group, "supergroup", "/send 25");
        final ObjectNode replied = ((ObjectNode)update.get("message")).putObject("reply_to_message");
        replied.put("message_id", 7).put("date", 1).put("text", "pay me");
        replied.putObject("from").put("id", 12).put("is_bot", false).put("first_name", "Bob");
        replied.putObject("chat").put("id", group).put("type", "supergroup");
        assertEquals("balance=75", text(post(update)));
        assertEquals("balance=125", say(12, "/balance"));

        final ObjectNode both = message(11, group, "supergroup", "/send 13 5");
        ((ObjectNode)both.get("message")).set("reply_to_message", replied);
        assertEquals("balance=70", text(post(both)), "an explicit id wins over the reply");
        assertEquals("balance=105", say(13, "/balance"));

        final ObjectNode self = message(12, group, "supergroup", "/send 5");
        ((ObjectNode)self.get("message")).set("reply_to_message", replied);
        assertTrue(text(post(self)).startsWith("error:"), "replying to one's own message");
        assertTrue(say(11, "/send 5").startsWith("error:"), "an amount alone without a reply");
        assertEquals("balance=125", say(12, "/balance"));
    }

    @Test
    void shouldTakeTheNextPlainTextAsTheNicknameOnlyOnce() throws Exception
    {
        assertEquals("balance=100 nickname=", say(5, "/me"));
        assertTrue(!say(5, "just text").startsWith("nickname="), "plain text before /nick is not a nickname");
        assertTrue(say(5, "/nick").contains("nickname"), "/nick asks for one");
        final String nick = "Zoë \"the\" 'coin' \\ 💰 日本";
        assertEquals("nickname=" + nick, say(5, nick));
        assertTrue(!say(5, "not a nickname").startsWith("nickname="), "only the next text after /nick");
        assertEquals("balance=100 nickname=" + nick, say(5, "/me"));

        say(5, "/nick");
        assertTrue(!say(6, "someone else's text").startsWith("nickname="), "another user's text is not a nickname");
        final String tooLong = "ü".repeat(33);
        assertTrue(say(5, tooLong).startsWith("error:"), "66 bytes of UTF-8");
        final String longest = "ü".repeat(32);
        assertEquals("nickname=" + longest, say(5, longest), "64 bytes of UTF-8");
        assertEquals("balance=100 nickname=" + longest, say(5, "/me"));
    }

    @Test
    void shouldSetAChatsLanguageInAnyChat() throws Exception
    {
        assertEquals("language=de", say(7, "/lang de"));
        assertEquals("language=pt-BR", text(post(message(7, -42, "group", "/lang pt-BR"))));
        assertTrue(say(7, "/lang").startsWith("error:"));
        assertTrue(say(7, "/lang a b").startsWith("error:"));
        assertTrue(say(7, "/lang \"x\"").startsWith("error:"));
        assertTrue(say(7, "/nope").startsWith("error:"));
    }

    @Test
    void shouldKeepBalancesAndNicknamesAcrossARestart() throws Exception
    {
        assertEquals("balance=60", say(8, "/send 9 40"));
        say(8, "/nick");
        assertEquals("nickname=Ann", say(8, "Ann"));
        server.close();
        server = newServer();
        assertEquals("balance=60 nickname=Ann", say(8, "/me"));
        assertEquals("balance=140", say(9, "/balance"));
    }

    private RingbotServer newServer() throws InterruptedException
    {
        return new RingbotServer(TestContexts.onFreePorts(data, 10_000, null).botUsername("wallet_test_bot"),
            WalletBot.create("wallet_test_bot"));
    }

    private String say(final long user, final String text) throws IOException, InterruptedException
    {
        return text(post(message(user, user, "private", text)));
    }

    private ObjectNode message(final long user, final long chat, final String chatType, final String text)
    {
        final ObjectNode update = JSON.createObjectNode().put("update_id", updateId++);
        final ObjectNode message = update.putObject("message").put("message_id", updateId).put("date", 1);
        message.putObject("from").put("id", user).put("is_bot", false).put("first_name", "U");
        message.putObject("chat").put("id", chat).put("type", chatType);
        message.put("text", text);
        return update;
    }

    private HttpResponse<String> post(final JsonNode update) throws IOException, InterruptedException
    {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.webhookPort() + "/webhook"))
            .header("X-Telegram-Bot-Api-Secret-Token", server.secret())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(update))).build(),
            HttpResponse.BodyHandlers.ofString());
    }

    private static String text(final HttpResponse<String> response) throws IOException
    {
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body()).get("text").asText();
    }
}

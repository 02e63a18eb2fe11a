package io.ringbot.io.outbound;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BotApiClientTest
{
    @Test
    void shouldCallTheBotApiOverKeepAliveConnectionsAndReportSlowAnswersAsNetworkErrors() throws Exception
    {
        try (StandInBotApi api = new StandInBotApi("1:t", 1000, 1000, 1000, 100_000);
            // a generous timeout: a loaded CI machine must not turn a normal answer into a timeout
            BotApiClient client = new BotApiClient(api.url() + "/", "1:t", 2, 3_000))
        {
            for (int i = 0; i < 20; i++)
            {
                final ApiAnswer answer = client.call("sendMessage", "{\"chat_id\":" + (i + 1) + ",\"text\":\"hi\"}")
                    .get(5, TimeUnit.SECONDS);
                assertTrue(answer.ok(), answer.toString());
                assertTrue(answer.messageId() > 0);
            }
            final ApiAnswer bad = client.call("sendMessage", "{\"chat_id\":1,\"text\":\"\"}").get(5, TimeUnit.SECONDS);
            assertEquals(400, bad.errorCode());
            assertEquals("true", client.call("deleteMessage", "{\"chat_id\":1,\"message_id\":3}")
                .get(5, TimeUnit.SECONDS).resultJson());

            api.delayMillis(8_000);
            final ApiAnswer slow = client.call("sendMessage", "{\"chat_id\":1,\"text\":\"x\"}").get(15, TimeUnit.SECONDS);
            assertFalse(slow.ok());
            assertEquals(-1, slow.httpStatus(), slow.toString());
        }
    }

    @Test
    void shouldAnswerANetworkErrorWhenNothingListens() throws Exception
    {
        final int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0))
        {
            port = socket.getLocalPort();
        }
        try (BotApiClient client = new BotApiClient("http://127.0.0.1:" + port, "1:t", 2, 1_000))
        {
            final ApiAnswer answer = client.call("getMe", "{}").get(5, TimeUnit.SECONDS);
            assertEquals(-1, answer.httpStatus());
            assertTrue(answer.description().contains("cannot connect"), answer.description());
        }
    }

    @Test
    void shouldRefuseAUrlThatIsNotHttp()
    {
        try
        {
            new BotApiClient("ftp://x", "1:t", 1, 1000).close();
            throw new AssertionError("accepted ftp");
        }
        catch (final IllegalArgumentException expected)
        {
            assertTrue(expected.getMessage().contains("BOT_API_URL"));
        }
    }
}

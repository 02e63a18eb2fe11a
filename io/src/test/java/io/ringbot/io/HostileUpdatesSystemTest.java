package io.ringbot.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringbot.io.config.ServerContext;
import io.ringbot.store.status.RingbotCounter;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile update bodies, sent as an attacker would (raw bytes on one keep-alive socket) to the real
 * server: numbers that would wrap, far update_ids, ill-formed text, oversized names, admin commands in
 * a group, and /production's masking. Each gets its defined answer and the updates after it are applied.
 */
@Tag("system")
class HostileUpdatesSystemTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "hostile_test_secret_Qz7Xk9";
    private static final String TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
    private static final long ADMIN = 1000;

    @TempDir
    Path data;

    @Test
    void shouldAnswerHostileUpdatesAsDefinedAndKeepApplyingTheOnesAfterThem() throws Exception
    {
        final ServerContext context = TestContexts.onFreePorts(data, 1_000, SECRET);
        context.outbound().botToken(TOKEN);
        context.engine().adminIds(new long[]{ADMIN});
        try (RingbotServer server = new RingbotServer(context, null);
            Socket socket = new Socket("127.0.0.1", server.webhookPort()))
        {
            socket.setSoTimeout(10_000);
            assertEquals("count=1", text(post(socket, message(10_000_000, 42, 42, "private", "\"Ann\"", "one"))));

            final String wrapped = post(socket, message(10_000_001, 42, 42, "private", "\"Ann\"", "x")
                .replace("\"from\":{\"id\":42", "\"from\":{\"id\":18446744073709552393"));
            assertTrue(wrapped.startsWith("HTTP/1.1 400"), wrapped);
            assertTrue(wrapped.contains("a user's id must be an integer from 1 to 4503599627370495"), wrapped);
            assertTrue(post(socket, message(10_000_002, 42, 42, "private", "\"Ann\"", "x")
                .replace("\"update_id\":10000002", "\"update_id\":18446744073709551621")).startsWith("HTTP/1.1 400"));
            assertTrue(post(socket, message(10_000_003, 42, 42, "private", "\"Ann\"", "x")
                .replace("\"id\":42,\"is_bot\"", "\"id\":777e0,\"is_bot\"")).startsWith("HTTP/1.1 400"));
            assertEquals(3, server.counters().counter(RingbotCounter.ENGINE_BAD_NUMBER).get());

            assertEquals("count=2", text(post(socket, message(2_000_000_000, 42, 42, "private", "\"Ann\"", "far ahead"))));
            assertEquals("count=3", text(post(socket, message(10_000_004, 42, 42, "private", "\"Ann\"", "after it"))));
            assertEquals("count=4", text(post(socket, message(5, 42, 42, "private", "\"Ann\"", "far behind"))));
            assertEquals("count=5", text(post(socket, message(10_000_005, 42, 42, "private", "\"Ann\"", "after it"))));
            assertTrue(body(post(socket, message(10_000_004, 42, 42, "private", "\"Ann\"", "after it"))).isEmpty(),
                "a redelivery from before the jumps is still recognised");
            assertEquals(2, server.counters().counter(RingbotCounter.ENGINE_UPDATE_ID_JUMPS).get());

            final String greeting = text(post(socket, message(10_000_006, 43, 43, "private", "\"A\\udc00B\"", "/start")));
            assertTrue(greeting.startsWith("Hello, A\uFFFDB!"), greeting);
            assertTrue(body(post(socket, message(10_000_006, 43, 43, "private", "\"A\\udc00B\"", "/start"))).isEmpty());
            final String huge = text(post(socket, message(10_000_007, 44, 44, "private", "\"" + "\\ud83d\\ude00".repeat(60_000) + "\"", "/start")));
            assertTrue(huge.endsWith("/help lists the commands.") && huge.length() < 200, huge.length() + " chars");

            assertTrue(body(post(socket, message(10_000_008, ADMIN, -100555, "group", "\"Boss\"", "/production"))).isEmpty(),
                "no admin command in a group");
            final String production = text(post(socket, message(10_000_009, ADMIN, ADMIN, "private", "\"Boss\"", "/production")));
            assertTrue(production.contains("webhook secret: set (" + SECRET.length() + " chars, not shown)"), production);
            // six-character fragments: shorter ones turn up by chance in the data folder's temporary path
            assertFalse(production.contains(SECRET.substring(SECRET.length() - 6)) ||
                production.contains(TOKEN.substring(0, 10)) || production.contains(TOKEN.substring(10, 16)) ||
                production.contains(TOKEN.substring(TOKEN.length() - 6)), production);
            assertEquals(0, server.counters().counter(RingbotCounter.ENGINE_HANDLER_ERRORS).get());
        }
    }

    private static String message(final long updateId, final long from, final long chat, final String type,
        final String firstName, final String text)
    {
        return "{\"update_id\":" + updateId + ",\"message\":{\"message_id\":1,\"date\":1700000000,\"from\":{\"id\":" + from +
            ",\"is_bot\":false,\"first_name\":" + firstName + "},\"chat\":{\"id\":" + chat + ",\"type\":\"" + type + "\"}," +
            "\"text\":\"" + text + "\"}}";
    }

    /** One request on the socket; the whole answer (head and body) as text. */
    private static String post(final Socket socket, final String json) throws IOException
    {
        final byte[] body = json.getBytes(StandardCharsets.UTF_8);
        final OutputStream out = socket.getOutputStream();
        out.write(("POST /webhook HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n" +
            "X-Telegram-Bot-Api-Secret-Token: " + SECRET + "\r\nContent-Length: " + body.length + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        final InputStream in = socket.getInputStream();
        final ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n"))
        {
            final int b = in.read();
            if (b < 0)
            {
                throw new IOException("closed after " + head);
            }
            head.write(b);
        }
        final String headText = head.toString(StandardCharsets.ISO_8859_1);
        int length = 0;
        for (final String line : headText.split("\r\n"))
        {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:"))
            {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        final byte[] answer = in.readNBytes(length);
        return headText + new String(answer, StandardCharsets.UTF_8);
    }

    private static String body(final String answer)
    {
        assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
        return answer.substring(answer.indexOf("\r\n\r\n") + 4);
    }

    private static String text(final String answer) throws IOException
    {
        final JsonNode reply = JSON.readTree(body(answer));
        return reply.get("text").asText();
    }
}

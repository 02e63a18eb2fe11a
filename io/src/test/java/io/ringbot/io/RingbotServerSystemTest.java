package io.ringbot.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringbot.store.status.RingbotCounter;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real server on free loopback ports: every shared fixture over HTTP, the bad inputs, then a restart
 * on the same data folder to check that counts and de-duplication survived.
 */
@Tag("system")
class RingbotServerSystemTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path data;

    @ParameterizedTest
    @ValueSource(strings = {"dedicated", "shared"})
    void shouldServeEveryFixtureAndKeepStateAcrossARestart(final String threading) throws Exception
    {
        final List<Path> fixtures = fixtures();
        assertTrue(fixtures.size() > 100, "fixtures found: " + fixtures.size());
        try (RingbotServer server = start(threading))
        {
            assertEquals(threading, server.engine().threading().name().toLowerCase(Locale.ROOT));
            final String url = url(server);
            for (final Path fixture : fixtures)
            {
                final HttpResponse<String> response = post(url, server.secret(), Files.readString(fixture));
                final boolean notAnUpdate = fixture.getParent().getFileName().toString().equals("Messages") ||
                    fixture.getFileName().toString().startsWith("update-with-write-access");
                assertEquals(notAnUpdate ? 400 : 200, response.statusCode(), fixture + ": " + response.body());
            }
            assertEquals("count=1", text(post(url, server.secret(), textUpdate(2_000_000_001L, 77, "one"))));
            assertEquals("count=2", text(post(url, server.secret(), textUpdate(2_000_000_002L, 77, "two"))));

            assertEquals(401, post(url, "wrong", textUpdate(2_000_000_003L, 77, "x")).statusCode());
            assertEquals(404, post(url.replace("/webhook", "/nope"), server.secret(), "{}").statusCode());
            assertEquals(405, http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
            assertEquals(413, post(url, server.secret(), "{\"update_id\":1,\"x\":\"" + "a".repeat(1_100_000) + "\"}").statusCode());
            assertEquals(400, post(url, server.secret(), "not json").statusCode());
            assertEquals(400, post(url, server.secret(), "{\"message\":{}}").statusCode());
            assertEquals(0, server.counters().counter(RingbotCounter.ENGINE_HANDLER_ERRORS).get());
        }
        try (RingbotServer server = start(threading))
        {
            final String url = url(server);
            final HttpResponse<String> redelivered = post(url, server.secret(), textUpdate(2_000_000_002L, 77, "two"));
            assertEquals(200, redelivered.statusCode());
            assertEquals("", redelivered.body(), "a redelivered update changes nothing after a restart");
            assertEquals("count=3", text(post(url, server.secret(), textUpdate(2_000_000_004L, 77, "three"))));
        }
    }

    @Test
    void shouldKeepAGeneratedSecretInTheDataFolder() throws Exception
    {
        final String first;
        try (RingbotServer server = start())
        {
            assertTrue(server.secretGenerated());
            first = server.secret();
            assertEquals(first, Files.readString(data.resolve(WebhookSecrets.FILE_NAME)).trim());
        }
        try (RingbotServer server = start())
        {
            assertEquals(first, server.secret());
        }
    }

    private RingbotServer start() throws InterruptedException
    {
        return start("auto");
    }

    private RingbotServer start(final String threading) throws InterruptedException
    {
        return new RingbotServer(TestContexts.onFreePorts(data, 10_000, null).engineThreading(threading), null);
    }

    private static String url(final RingbotServer server)
    {
        return "http://127.0.0.1:" + server.webhookPort() + "/webhook";
    }

    private HttpResponse<String> post(final String url, final String secret, final String body)
        throws IOException, InterruptedException
    {
        return http.send(HttpRequest.newBuilder(URI.create(url))
            .header("X-Telegram-Bot-Api-Secret-Token", secret)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String text(final HttpResponse<String> response) throws IOException
    {
        assertEquals(200, response.statusCode(), response.body());
        final JsonNode reply = JSON.readTree(response.body());
        return reply.get("text").asText();
    }

    private static String textUpdate(final long updateId, final long user, final String text)
    {
        return "{\"update_id\":" + updateId + ",\"message\":{\"message_id\":1,\"date\":1,\"from\":{\"id\":" + user +
            ",\"is_bot\":false,\"first_name\":\"U\"},\"chat\":{\"id\":" + user + ",\"type\":\"private\"},\"text\":\"" + text + "\"}}";
    }

    private static List<Path> fixtures() throws IOException
    {
        final Path root = Path.of(System.getProperty("ringbot.shared.dir", "../shared"), "fixtures", "telegram");
        try (Stream<Path> files = Files.walk(root))
        {
            return files.filter(p -> p.toString().endsWith(".json"))
                .filter(p -> !p.getParent().getFileName().toString().equals("spec"))
                .sorted().collect(Collectors.toList());
        }
    }
}

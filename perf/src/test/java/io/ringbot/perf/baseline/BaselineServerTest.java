package io.ringbot.perf.baseline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The baseline over a real loopback socket, with the JDK's HTTP client as an independent peer.
 */
class BaselineServerTest
{
    private static final String SECRET = "test_secret-1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static BaselineServer server;
    private static HttpClient client;

    @BeforeAll
    static void start() throws Exception
    {
        server = BaselineServer.configure("--port", "0", "--secret", SECRET, "--max-body", "4096").start();
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
            .build();
    }

    @AfterAll
    static void stop()
    {
        server.close();
    }

    @Test
    void shouldCountPlainTextPerUserAndReplyInTheAnswer() throws Exception
    {
        final JsonNode first = JSON.readTree(post("/webhook", SECRET, text(1, 501, "hi 👋")).body());
        final JsonNode second = JSON.readTree(post("/webhook", SECRET, text(2, 501, "مرحبا")).body());
        final JsonNode other = JSON.readTree(post("/webhook", SECRET, text(3, 502, "hello")).body());

        assertEquals("sendMessage", first.get("method").asText());
        assertEquals(501, first.get("chat_id").asLong());
        assertEquals("count=1", first.get("text").asText());
        assertEquals("count=2", second.get("text").asText());
        assertEquals("count=1", other.get("text").asText());
        assertEquals(502, other.get("chat_id").asLong());
    }

    @Test
    void shouldAnswerOtherUpdatesWithAnEmptyOk() throws Exception
    {
        final HttpResponse<String> command = post("/webhook", SECRET, text(10, 601, "/start"));
        final HttpResponse<String> callback = post("/webhook", SECRET,
            "{\"update_id\":11,\"callback_query\":{\"id\":\"77\",\"from\":{\"id\":601},\"data\":\"like\"}}");

        assertEquals(200, command.statusCode());
        assertEquals("", command.body());
        assertEquals(200, callback.statusCode());
        assertEquals("", callback.body());
        assertEquals("count=1", JSON.readTree(post("/webhook", SECRET, text(12, 601, "x")).body()).get("text").asText(),
            "commands do not count");
    }

    @Test
    void shouldRejectAWrongOrMissingSecret() throws Exception
    {
        assertEquals(401, post("/webhook", SECRET + "x", text(20, 701, "hi")).statusCode());
        assertEquals(401, post("/webhook", "", text(21, 701, "hi")).statusCode());
        assertEquals(401, post("/webhook", null, text(22, 701, "hi")).statusCode());
    }

    @Test
    void shouldRejectBodiesThatAreNotUpdates() throws Exception
    {
        assertEquals(400, post("/webhook", SECRET, "{\"update_id\":").statusCode());
        assertEquals(400, post("/webhook", SECRET, "{\"message\":{\"text\":\"hi\"}}").statusCode());
        assertEquals(400, post("/webhook", SECRET, "{\"update_id\":\"7\"}").statusCode());
        assertEquals(400, post("/webhook", SECRET, "[1,2]").statusCode());
        assertEquals(400, post("/webhook", SECRET, "{\"update_id\":7} trailing").statusCode());
    }

    @Test
    void shouldRejectAnOversizedBody() throws Exception
    {
        final String big = text(30, 801, "a".repeat(5000));

        assertEquals(413, post("/webhook", SECRET, big).statusCode());
    }

    @Test
    void shouldAnswerOnlyItsPath() throws Exception
    {
        assertEquals(404, post("/other", SECRET, text(40, 901, "hi")).statusCode());
        final HttpResponse<String> get = client.send(HttpRequest.newBuilder(uri("/webhook")).GET().build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(405, get.statusCode());
        assertTrue(post("/webhook?x=1", SECRET, text(41, 901, "hi")).body().contains("count=1"));
    }

    private static String text(final long updateId, final long user, final String text) throws IOException
    {
        return "{\"update_id\":" + updateId + ",\"message\":{\"message_id\":1,\"from\":{\"id\":" + user
            + ",\"is_bot\":false,\"first_name\":\"A\"},\"chat\":{\"id\":" + user + ",\"type\":\"private\"},"
            + "\"date\":1764000000,\"text\":" + JSON.writeValueAsString(text) + "}}";
    }

    private static HttpResponse<String> post(final String path, final String secret, final String body)
        throws IOException, InterruptedException
    {
        final HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
        if (secret != null && !secret.isEmpty())
        {
            request.header(BaselineHandler.SECRET_HEADER, secret);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(final String path)
    {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }
}

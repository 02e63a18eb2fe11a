package io.ringbot.io.outbound;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApiAnswerTest
{
    private static ApiAnswer parse(final int status, final String body)
    {
        return ApiAnswer.parse(status, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldReadTheMessageIdOfASentMessage()
    {
        final ApiAnswer a = parse(200, "{\"ok\":true,\"result\":{\"message_id\":77,\"from\":{\"id\":1},\"chat\":{\"id\":5}," +
            "\"date\":1,\"text\":\"hi\",\"entities\":[{\"type\":\"bold\"}]}}");
        assertTrue(a.ok());
        assertEquals(77, a.messageId());
        assertEquals(0, a.errorCode());
    }

    @Test
    void shouldKeepTheRawResultForCallersThatParseIt()
    {
        final String updates = "[{\"update_id\":5,\"message\":{\"text\":\"é \\\"x\\\"\"}},{\"update_id\":6}]";
        assertEquals(updates, parse(200, "{\"ok\":true,\"result\":" + updates + "}").resultJson());
        final String info = "{\"url\":\"https://bot.example.com/webhook\",\"pending_update_count\":0}";
        assertEquals(info, parse(200, "{\"ok\":true,\"result\":" + info + ",\"x\":1}").resultJson());
    }

    @Test
    void shouldReadAnErrorWithRetryAfter()
    {
        final ApiAnswer a = parse(429, "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 5\"," +
            "\"parameters\":{\"retry_after\":5}}");
        assertFalse(a.ok());
        assertEquals(429, a.errorCode());
        assertEquals(5, a.retryAfterSeconds());
    }

    @Test
    void shouldReadTrueResults()
    {
        final ApiAnswer a = parse(200, "{\"ok\":true,\"result\":true}");
        assertTrue(a.ok());
        assertEquals("true", a.resultJson());
    }

    @Test
    void shouldNeverThrowOnMutatedAnswers()
    {
        final byte[] valid = ("{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests\"," +
            "\"parameters\":{\"retry_after\":5},\"result\":{\"message_id\":7,\"x\":[1,{\"y\":null}]}}")
            .getBytes(StandardCharsets.UTF_8);
        final java.util.Random random = new java.util.Random(11);
        for (int i = 0; i < 20_000; i++)
        {
            final byte[] body = java.util.Arrays.copyOf(valid, random.nextInt(valid.length + 8));
            for (int m = random.nextInt(4); m >= 0; m--)
            {
                if (body.length > 0)
                {
                    body[random.nextInt(body.length)] = (byte)random.nextInt(256);
                }
            }
            final ApiAnswer a = ApiAnswer.parse(200, body);
            assertTrue(a.ok() || a.errorCode() != 0, "an answer that is not ok has an error code");
        }
    }

    @Test
    void shouldTurnAnythingElseIntoAnErrorWithTheHttpStatus()
    {
        for (final String body : new String[] {"", "<html>bad gateway</html>", "[1,2]", "{\"ok\":tru", "{\"ok\":true,\"result\":{"})
        {
            final ApiAnswer a = parse(502, body);
            assertFalse(a.ok(), body);
            assertEquals(502, a.errorCode(), body);
        }
        assertFalse(parse(500, "{\"ok\":true,\"result\":true}").ok(), "ok only with HTTP 200");
        assertEquals(-1, ApiAnswer.networkError("refused").httpStatus());
    }

    @Test
    void shouldReadAnOkAnswerWhoseDescriptionIsNotWellFormedUtf8()
    {
        final byte[] body = "{\"ok\":true,\"result\":{\"message_id\":9},\"description\":\"a\u00ff\u00c3(\"}"
            .getBytes(StandardCharsets.ISO_8859_1);
        final ApiAnswer a = ApiAnswer.parse(200, body);
        assertTrue(a.ok(), a.toString());
        assertEquals(9, a.messageId());
        assertTrue(a.has(AnswerAnomaly.ILL_FORMED_UTF8));
        assertFalse(parse(200, "{\"ok\":true,\"result\":{\"message_id\":9,\"text\":\"\uFFFD\"}}")
            .has(AnswerAnomaly.ILL_FORMED_UTF8), "a U+FFFD that was sent is not an anomaly");
    }

    @Test
    void shouldKeepTheDescriptionWhenTheErrorCodeIsNotAStatus()
    {
        for (final String code : new String[] {"123456789012", "\"400\"", "4.0e2", "-7", "99999999999999999999999"})
        {
            final ApiAnswer a = parse(403, "{\"ok\":false,\"error_code\":" + code +
                ",\"description\":\"Forbidden: bot was blocked by the user\"}");
            assertEquals(403, a.errorCode(), code);
            assertEquals("Forbidden: bot was blocked by the user", a.description(), code);
            assertTrue(a.has(AnswerAnomaly.ERROR_CODE_UNREADABLE), code);
        }
    }

    @Test
    void shouldSaturateAHugeRetryAfterAndMarkAnUnreadableOne()
    {
        assertEquals(Integer.MAX_VALUE, parse(429, "{\"ok\":false,\"error_code\":429,\"parameters\":{\"retry_after\":" +
            "99999999999999999999}}").retryAfterSeconds());
        assertEquals(Integer.MAX_VALUE, parse(429, "{\"ok\":false,\"error_code\":429,\"parameters\":{\"retry_after\":" +
            "2147483647}}").retryAfterSeconds());
        for (final String value : new String[] {"\"soon\"", "-5", "1.5", "null", "0", "{}"})
        {
            final ApiAnswer a = parse(429, "{\"ok\":false,\"error_code\":429,\"parameters\":{\"retry_after\":" + value + "}}");
            assertEquals(ApiAnswer.RETRY_AFTER_UNREADABLE, a.retryAfterSeconds(), value);
            assertTrue(a.has(AnswerAnomaly.RETRY_AFTER_UNREADABLE), value);
            assertEquals(AnswerKind.TOO_MANY_REQUESTS, a.kind());
        }
        assertEquals(7, ApiAnswer.parse(429, "<html>slow down</html>".getBytes(StandardCharsets.UTF_8), 7)
            .retryAfterSeconds(), "a proxy's 429 waits its Retry-After header");
    }

    @Test
    void shouldCallAnOkWithAnErrorStatusAnUnknownOutcome()
    {
        final ApiAnswer a = parse(500, "{\"ok\":true,\"result\":{\"message_id\":3}}");
        assertFalse(a.ok());
        assertTrue(a.unknownOutcome(), "it says done: never sent again");
    }

    @Test
    void shouldKindEachAnswer()
    {
        assertEquals(AnswerKind.OK, parse(200, "{\"ok\":true,\"result\":true}").kind());
        assertEquals(AnswerKind.API_ERROR, parse(400, "{\"ok\":false,\"error_code\":400,\"description\":\"x\"}").kind());
        assertEquals(AnswerKind.TOKEN_REFUSED, parse(401, "{\"ok\":false,\"error_code\":401}").kind());
        assertEquals(AnswerKind.SERVER_ERROR, parse(500, "{\"ok\":false,\"error_code\":500}").kind());
        assertEquals(AnswerKind.SERVER_ERROR, parse(502, "<html>").kind());
        assertEquals(AnswerKind.NOT_BOT_API, parse(200, "<html>").kind());
        assertEquals(ApiAnswer.UNREADABLE, parse(200, "<html>").errorCode());
        assertEquals(AnswerKind.NOT_BOT_API, parse(404, "<html>").kind());
        assertEquals(AnswerKind.NOT_BOT_API, parse(200, "{\"ok\":false}").kind());
    }
}

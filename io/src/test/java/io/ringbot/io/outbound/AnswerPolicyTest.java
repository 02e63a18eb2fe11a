package io.ringbot.io.outbound;

import io.ringbot.io.outbound.AnswerPolicy.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** The answer policy as a table: each answer a Bot API (or what stands in its place) may give, and the verdict. */
class AnswerPolicyTest
{
    private static final int MAX_ATTEMPTS = 5;

    private static ApiAnswer parse(final int status, final String body)
    {
        return ApiAnswer.parse(status, body.getBytes(StandardCharsets.UTF_8));
    }

    private static ApiAnswer error(final int code, final String description)
    {
        return parse(code, "{\"ok\":false,\"error_code\":" + code + ",\"description\":\"" + description + "\"}");
    }

    /** answer, the verdict on the first attempt, the verdict on the last one. */
    static Stream<Arguments> answers()
    {
        return Stream.of(
            arguments("ok", parse(200, "{\"ok\":true,\"result\":{\"message_id\":7}}"), Verdict.SENT, Verdict.SENT),
            arguments("429", parse(429, "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests\"," +
                "\"parameters\":{\"retry_after\":3}}"), Verdict.PAUSE_CHAT, Verdict.PAUSE_CHAT),
            arguments("429 without retry_after", error(429, "Too Many Requests"), Verdict.PAUSE_CHAT,
                Verdict.PAUSE_CHAT),
            arguments("401", error(401, "Unauthorized"), Verdict.PAUSE_ALL, Verdict.PAUSE_ALL),
            arguments("400", error(400, "Bad Request: chat not found"), Verdict.FAILED, Verdict.FAILED),
            arguments("403 blocked", error(403, "Forbidden: bot was blocked by the user"), Verdict.FAILED,
                Verdict.FAILED),
            arguments("unreadable record", ApiAnswer.unreadableRecord(), Verdict.FAILED, Verdict.FAILED),
            arguments("500", error(500, "Internal Server Error"), Verdict.RETRY, Verdict.GIVE_UP),
            arguments("502 page", parse(502, "<html>Bad Gateway</html>"), Verdict.RETRY, Verdict.GIVE_UP),
            arguments("408", error(408, "Request Timeout"), Verdict.RETRY, Verdict.GIVE_UP),
            arguments("not sent", ApiAnswer.networkError("connection refused"), Verdict.RETRY, Verdict.GIVE_UP),
            arguments("redirect", ApiAnswer.redirected(302, "https://elsewhere.example"), Verdict.RETRY,
                Verdict.GIVE_UP),
            arguments("403 page of a proxy", parse(403, "<html>Forbidden</html>"), Verdict.RETRY, Verdict.GIVE_UP),
            arguments("200 page", parse(200, "<html>hello</html>"), Verdict.NOT_BOT_API, Verdict.NOT_BOT_API),
            arguments("200 ok:false without error_code", parse(200, "{\"ok\":false}"), Verdict.NOT_BOT_API,
                Verdict.NOT_BOT_API),
            arguments("ok with HTTP 500", parse(500, "{\"ok\":true,\"result\":true}"), Verdict.UNKNOWN,
                Verdict.UNKNOWN),
            arguments("no answer", ApiAnswer.unknownOutcome(AnswerKind.NO_ANSWER, "timeout"), Verdict.UNKNOWN,
                Verdict.UNKNOWN),
            arguments("not HTTP", ApiAnswer.unknownOutcome(AnswerKind.NOT_HTTP, "garbage"), Verdict.UNKNOWN,
                Verdict.UNKNOWN),
            arguments("too large", ApiAnswer.unknownOutcome(AnswerKind.TOO_LARGE, "100 MB"), Verdict.UNKNOWN,
                Verdict.UNKNOWN));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("answers")
    void eachAnswerHasItsVerdict(final String name, final ApiAnswer answer, final Verdict first, final Verdict last)
    {
        assertEquals(first, AnswerPolicy.verdict(answer, 1, MAX_ATTEMPTS), "first attempt");
        assertEquals(first, AnswerPolicy.verdict(answer, MAX_ATTEMPTS - 1, MAX_ATTEMPTS), "one attempt left");
        assertEquals(last, AnswerPolicy.verdict(answer, MAX_ATTEMPTS, MAX_ATTEMPTS), "last attempt");
    }

    @Test
    void theTableCoversEveryKindAndEveryVerdict()
    {
        final Set<AnswerKind> kinds = EnumSet.noneOf(AnswerKind.class);
        final Set<Verdict> verdicts = EnumSet.noneOf(Verdict.class);
        answers().forEach(a ->
        {
            final ApiAnswer answer = (ApiAnswer)a.get()[1];
            kinds.add(answer.kind());
            verdicts.add((Verdict)a.get()[2]);
            verdicts.add((Verdict)a.get()[3]);
        });
        assertEquals(EnumSet.allOf(AnswerKind.class), kinds);
        assertEquals(EnumSet.allOf(Verdict.class), verdicts);
    }

    @Test
    void onlyA403ThatSaysBlockedOrDeactivatedMarksTheUser()
    {
        assertTrue(AnswerPolicy.blocked(error(403, "Forbidden: bot was blocked by the user")));
        assertTrue(AnswerPolicy.blocked(error(403, "Forbidden: user is deactivated")));
        assertFalse(AnswerPolicy.blocked(error(403, "Forbidden: bot is not a member of the channel chat")));
        assertFalse(AnswerPolicy.blocked(error(400, "Bad Request: user is deactivated")));
        assertFalse(AnswerPolicy.blocked(parse(403, "{\"ok\":false,\"error_code\":403}")));
    }
}

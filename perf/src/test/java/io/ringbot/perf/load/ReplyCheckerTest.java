package io.ringbot.perf.load;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ReplyCheckerTest
{
    private static final long CHAT = 4242;

    private final ReplyChecker checker = new ReplyChecker(4);

    @Test
    void shouldTakeTheFirstCountAsBaseAndPassEachNextOne()
    {
        assertNull(count(0, CHAT, 17));
        assertNull(count(0, CHAT, 18));
        assertNull(count(0, CHAT, 19));
        assertNull(count(1, CHAT, 1), "users are followed apart");
    }

    @Test
    void shouldFailACountThatIsNotOneMore()
    {
        assertNull(count(0, CHAT, 1));

        assertEquals(CheckFailure.WRONG_COUNT, count(0, CHAT, 3));
        assertNull(count(0, CHAT, 4), "a miss re-bases, so one fault counts once");
        assertEquals(CheckFailure.WRONG_COUNT, count(0, CHAT, 4), "a repeated count fails");
    }

    @Test
    void shouldFailAReplyToAnotherChat()
    {
        assertEquals(CheckFailure.WRONG_CHAT, count(0, CHAT + 1, 1));
        assertEquals(CheckFailure.WRONG_CHAT, check(Expectation.COUNT, 0, "{\"method\":\"sendMessage\",\"text\":\"count=1\"}"));
    }

    @Test
    void shouldAcceptTheChatIdAsAString()
    {
        assertNull(check(Expectation.COUNT, 0, "{\"chat_id\":\"4242\",\"text\":\"you said hi, count=1 so far\"}"));
    }

    @Test
    void shouldFailRepliesWithoutACount()
    {
        assertEquals(CheckFailure.MISSING_COUNT, check(Expectation.COUNT, 0, "{\"chat_id\":4242,\"text\":\"hello\"}"));
        assertEquals(CheckFailure.MISSING_COUNT, check(Expectation.COUNT, 0, "{\"chat_id\":4242,\"text\":\"count=\"}"));
        assertEquals(CheckFailure.MISSING_REPLY, check(Expectation.COUNT, 0, ""));
        assertEquals(CheckFailure.BAD_JSON, check(Expectation.COUNT, 0, "{\"chat_id\":4242,"));
        assertEquals(CheckFailure.BAD_JSON, check(Expectation.COUNT, 0, "[1]"));
        assertEquals(CheckFailure.BAD_JSON, check(Expectation.COUNT, 0, "{\"chat_id\":4242} {}"));
    }

    @Test
    void shouldTakeANewBaseAfterForgetting()
    {
        assertNull(count(2, CHAT, 5));
        checker.forget(2);

        assertNull(count(2, CHAT, 9));
        assertNull(count(2, CHAT, 10));
    }

    @Test
    void shouldCheckTheStartGreetingsMethod()
    {
        assertNull(check(Expectation.SEND_MESSAGE, 0,
            "{\"method\":\"sendMessage\",\"chat_id\":4242,\"text\":\"Hello, Mario! 👋\",\"reply_markup\":{\"k\":[1]}}"));
        assertEquals(CheckFailure.WRONG_METHOD, check(Expectation.SEND_MESSAGE, 0, "{\"method\":\"sendPhoto\"}"));
        assertEquals(CheckFailure.MISSING_REPLY, check(Expectation.SEND_MESSAGE, 0, ""));
    }

    @Test
    void shouldCheckTheCallbackQueryId()
    {
        final String answer = "{\"method\":\"answerCallbackQuery\",\"callback_query_id\":\"%s\",\"text\":\"❤\"}";

        assertNull(checker.check(Expectation.CALLBACK_ID, 0, CHAT, 987654321L, body(String.format(answer, "987654321"))));
        assertEquals(CheckFailure.WRONG_CALLBACK_ID,
            checker.check(Expectation.CALLBACK_ID, 0, CHAT, 987654321L, body(String.format(answer, "987654322"))));
    }

    @Test
    void shouldAcceptAnyBodyWhenOnlyTheStatusCounts()
    {
        assertNull(check(Expectation.STATUS, 0, ""));
        assertNull(check(Expectation.STATUS, 0, "not json"));
    }

    private CheckFailure count(final int slot, final long chat, final long n)
    {
        return checker.check(Expectation.COUNT, slot, CHAT,
            0, body("{\"method\":\"sendMessage\",\"chat_id\":" + chat + ",\"text\":\"count=" + n + "\"}"));
    }

    private CheckFailure check(final Expectation expectation, final int slot, final String json)
    {
        return checker.check(expectation, slot, CHAT, 0, body(json));
    }

    private static byte[] body(final String json)
    {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}

package io.ringbot.bot;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BotAllowedUpdatesTest
{
    private static final UpdateHandler NOTHING = ctx ->
    {
    };

    @Test
    void shouldAskForMessagesOfACommandBot()
    {
        assertEquals(List.of("message"), new Bot().command("start", NOTHING).allowedUpdates());
        assertEquals(List.of("message"), new Bot().text(NOTHING).allowedUpdates());
    }

    @Test
    void shouldAskForCallbacksOnlyOfACallbackBot()
    {
        assertEquals(List.of("callback_query"), new Bot().callback("like", NOTHING).allowedUpdates());
        assertEquals(List.of("callback_query"), new Bot().anyCallback(NOTHING).allowedUpdates());
    }

    @Test
    void shouldAskForBothWhenBothAreHandled()
    {
        assertEquals(List.of("message", "callback_query"),
            new Bot().command("start", NOTHING).callback("like", NOTHING).allowedUpdates());
    }

    @Test
    void shouldAskForMessagesWhenNothingIsHandled()
    {
        assertEquals(List.of("message"), new Bot().allowedUpdates());
    }

    @Test
    void shouldAskForTheKindsWithAHandlerAndForEveryKindWhenARouteMayTakeAny()
    {
        assertEquals(List.of("message", "inline_query", "my_chat_member"), new Bot().text(NOTHING)
            .on(UpdateKind.MY_CHAT_MEMBER, NOTHING).on(UpdateKind.INLINE_QUERY, NOTHING).allowedUpdates());
        final List<String> every = new Bot().on(ctx -> true, NOTHING).allowedUpdates();
        assertEquals(UpdateKind.values().length - 1, every.size(), every.toString());
        assertEquals(every, new Bot().otherwise(NOTHING).allowedUpdates());
        assertEquals(every, new Bot().before(NOTHING).allowedUpdates());
    }
}

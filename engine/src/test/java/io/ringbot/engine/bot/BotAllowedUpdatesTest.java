package io.ringbot.engine.bot;

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
}

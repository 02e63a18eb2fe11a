package io.ringbot.bot;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void shouldNarrowOrWidenTheDerivedKindsWhenTheBotSaysWhich()
    {
        final Bot narrowed = new Bot().command("start", NOTHING).otherwise(NOTHING).on(ctx -> true, NOTHING)
            .allowedUpdates(UpdateKind.MESSAGE, UpdateKind.CALLBACK_QUERY, UpdateKind.MESSAGE);
        assertEquals(List.of("message", "callback_query"), narrowed.allowedUpdates(), "in order, once each");
        final Bot widened = new Bot().command("start", NOTHING).on(ctx -> true, NOTHING)
            .allowedUpdates(UpdateKind.MESSAGE, UpdateKind.CHAT_MEMBER, UpdateKind.MESSAGE_REACTION);
        assertEquals(List.of("message", "chat_member", "message_reaction"), widened.allowedUpdates());
        assertEquals(List.of("poll"), new Bot().command("start", NOTHING).allowedUpdates(UpdateKind.POLL)
            .allowedUpdates(), "the bot's word wins over the routes, even one that leaves commands out");
    }

    @Test
    void shouldRefuseAnEmptyOrUnknownListOfKinds()
    {
        final IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
            () -> new Bot().allowedUpdates(new UpdateKind[0]));
        assertTrue(empty.getMessage().contains("at least one"), empty.getMessage());
        final IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
            () -> new Bot().allowedUpdates(UpdateKind.MESSAGE, UpdateKind.UNKNOWN));
        assertTrue(unknown.getMessage().contains("UNKNOWN"), unknown.getMessage());
    }
}

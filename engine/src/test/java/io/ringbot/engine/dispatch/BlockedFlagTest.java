package io.ringbot.engine.dispatch;

import io.ringbot.bot.Bot;
import io.ringbot.bot.UpdateKind;
import io.ringbot.engine.EngineHarness;
import io.ringbot.engine.outbound.BlockedFlag;
import io.ringbot.store.record.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine keeps {@link Record#FLAG_BLOCKED} from {@code my_chat_member} in the user's private chat:
 * "kicked" (the user blocked the bot) sets it before the handler runs, "member" (unblocked, restarted)
 * clears it; the bot's membership in a group leaves it; any other update from the user clears it.
 */
class BlockedFlagTest
{
    private static final long USER = 5;

    @TempDir
    Path dir;

    private final List<String> seen = new ArrayList<>();

    private Bot bot()
    {
        return new Bot()
            .on(UpdateKind.MY_CHAT_MEMBER, ctx -> seen.add(ctx.myChatMember().newChatMember().status() + " blocked=" +
                BlockedFlag.isSet(ctx.user().flags())))
            .text(ctx -> seen.add("text blocked=" + BlockedFlag.isSet(ctx.user().flags())));
    }

    @Test
    void shouldSetTheFlagWhenTheUserBlocksTheBotAndClearItWhenTheyUnblock()
    {
        try (EngineHarness engine = new EngineHarness(dir, 1_000, bot()))
        {
            engine.send(myChatMember(1, USER, "private", "kicked"));
            assertTrue(blocked(engine), "kicked in the private chat: the user blocked the bot");
            engine.send(myChatMember(2, USER, "private", "member"));
            assertFalse(blocked(engine), "member again: unblocked");
            engine.send(myChatMember(3, USER, "private", "kicked"));
            assertTrue(blocked(engine));
            assertEquals(List.of("KICKED blocked=true", "MEMBER blocked=false", "KICKED blocked=true"), seen,
                "the handler sees the flag as the update leaves it");
            final long version = engine.store().users().find(USER).version();
            engine.send(myChatMember(4, USER, "private", "kicked"));
            assertEquals(version, engine.store().users().find(USER).version(),
                "set already: the record is not changed (nor journaled) again");
            assertTrue(blocked(engine));
            engine.send(EngineHarness.text(5, USER, "hello again"));
            assertFalse(blocked(engine), "a message from the user: they write again");
            assertEquals("text blocked=false", seen.get(seen.size() - 1));
        }
    }

    @Test
    void shouldLeaveTheFlagForTheBotsMembershipInAGroup()
    {
        try (EngineHarness engine = new EngineHarness(dir, 1_000, bot()))
        {
            engine.send(myChatMember(1, USER, "private", "kicked"));
            assertTrue(blocked(engine));
            engine.send(myChatMember(2, -100, "supergroup", "member"));
            assertTrue(blocked(engine), "the user added the bot to a group: their private chat stays blocked");
            engine.send(myChatMember(3, USER, "private", "member"));
            engine.send(myChatMember(4, -100, "supergroup", "kicked"));
            assertFalse(blocked(engine), "the user removed the bot from a group: they did not block it");
        }
    }

    private static boolean blocked(final EngineHarness engine)
    {
        return BlockedFlag.isSet(engine.store().users().find(USER).flags());
    }

    private static String myChatMember(final long updateId, final long chatId, final String chatType, final String status)
    {
        final String bot = "{\"id\":9,\"is_bot\":true,\"first_name\":\"B\"}";
        return "{\"update_id\":" + updateId + ",\"my_chat_member\":{\"chat\":{\"id\":" + chatId + ",\"type\":\"" +
            chatType + "\"},\"from\":{\"id\":" + USER + ",\"is_bot\":false,\"first_name\":\"U\"},\"date\":5," +
            "\"old_chat_member\":{\"status\":\"left\",\"user\":" + bot + "},\"new_chat_member\":{\"status\":\"" +
            status + "\",\"user\":" + bot + (status.equals("kicked") ? ",\"until_date\":0" : "") + "}}}";
    }
}

package io.ringbot.io.outbound;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FloodControlTest
{
    private final OutboundContext ctx = new OutboundContext().marginMillis(0);

    private static PendingCall message(final long chatId)
    {
        return new PendingCall("sendMessage", new byte[0], 0, chatId, 0, -1, null, -1);
    }

    @Test
    void shouldAllowABurstOfThreeThenOneASecondPerChat()
    {
        final FloodControl flood = new FloodControl(ctx);
        final ChatLane lane = new ChatLane(42, 3, 20, 0, 0);
        int passed = 0;
        for (long now = 0; now < 10_000; now += 10)
        {
            if (flood.chatMayPass(lane, message(42), now))
            {
                flood.onSend(lane, message(42), now);
                flood.onAnswer(lane, message(42), now);
                passed++;
            }
        }
        assertEquals(3 + 9, passed, "3 at once, then one per second for 10 s (the 10th second not yet)");
    }

    @Test
    void shouldAllowTwentyAMinuteToAGroup()
    {
        final FloodControl flood = new FloodControl(ctx.chatPerSecond(100).chatBurst(100));
        final ChatLane group = new ChatLane(-100, 100, 20, 0, 0);
        int passed = 0;
        for (long now = 0; now < 59_000; now += 100)
        {
            if (flood.chatMayPass(group, message(-100), now))
            {
                flood.onSend(group, message(-100), now);
                flood.onAnswer(group, message(-100), now);
                passed++;
            }
        }
        assertEquals(20, passed);
        assertTrue(flood.chatMayPass(group, message(-100), 60_000), "the first leaves the minute");
    }

    @Test
    void shouldNeverPassMoreThanTheTotalInAnySecond()
    {
        final FloodControl flood = new FloodControl(ctx.totalPerSecond(30));
        final long[] times = new long[1000];
        int passed = 0;
        for (long now = 0; now < 3_000 && passed < times.length; now += 7)
        {
            while (flood.totalMayPass(now))
            {
                final ChatLane lane = new ChatLane(passed, 3, 20, 0, now);
                flood.onSend(lane, message(passed), now);
                flood.onAnswer(lane, message(passed), now);
                times[passed++] = now;
            }
        }
        for (int i = 30; i < passed; i++)
        {
            assertTrue(times[i] - times[i - 30] >= 1000, "31 calls within a second at " + i);
        }
        assertTrue(passed >= 90, "about 30 a second pass: " + passed);
    }

    @Test
    void shouldCountCallsInFlightAndUntilAWindowAfterTheirAnswer()
    {
        final FloodControl flood = new FloodControl(ctx.totalPerSecond(2));
        final ChatLane a = new ChatLane(1, 3, 20, 0, 0);
        final ChatLane b = new ChatLane(2, 3, 20, 0, 0);
        flood.onSend(a, message(1), 0);
        flood.onSend(b, message(2), 0);
        assertFalse(flood.totalMayPass(5_000), "two in flight: they may arrive at any time");
        flood.onAnswer(a, message(1), 5_000);
        assertFalse(flood.totalMayPass(5_500), "one in flight, one that may have arrived half a second ago");
        assertTrue(flood.totalMayPass(6_000));
        flood.onSend(a, message(1), 6_000);
        flood.onAnswer(a, message(1), 6_100);
        flood.onAnswer(b, message(2), 6_200);
        assertFalse(flood.totalMayPass(7_050), "both answered within the last second");
        assertTrue(flood.totalMayPass(7_100), "one answered within the last second");
    }

    @Test
    void shouldSpaceAChatsMessagesFromTheAnswerOfThePrevious()
    {
        final FloodControl flood = new FloodControl(ctx.chatBurst(1));
        final ChatLane lane = new ChatLane(42, 1, 20, 0, 0);
        flood.onSend(lane, message(42), 0);
        flood.onAnswer(lane, message(42), 800); // it may have arrived at 800
        assertFalse(flood.chatMayPass(lane, message(42), 1_000));
        assertTrue(flood.chatMayPass(lane, message(42), 1_800));
    }

    @Test
    void shouldRaiseTheTotalWithPaidBroadcasts()
    {
        final FloodControl flood = new FloodControl(ctx.paidBroadcast(true));
        int passed = 0;
        while (flood.totalMayPass(0))
        {
            final ChatLane lane = new ChatLane(passed, 3, 20, 0, 0);
            flood.onSend(lane, message(passed), 0);
            flood.onAnswer(lane, message(passed), 0);
            passed++;
        }
        assertEquals(1000, passed);
    }

    @Test
    void shouldNotCountOtherMethodsAgainstTheChat()
    {
        final FloodControl flood = new FloodControl(ctx);
        final ChatLane lane = new ChatLane(42, 3, 20, 0, 0);
        final PendingCall answer = new PendingCall("answerCallbackQuery", new byte[0], 0, 42, 0, -1, null, -1);
        for (int i = 0; i < 10; i++)
        {
            assertTrue(flood.chatMayPass(lane, answer, 0));
            flood.onSend(lane, answer, 0);
            flood.onAnswer(lane, answer, 0);
        }
        assertTrue(flood.chatMayPass(lane, message(42), 0));
        assertFalse(PendingCall.isMessage("sendChatAction"));
        assertTrue(PendingCall.isMessage("sendPhoto"));
    }
}

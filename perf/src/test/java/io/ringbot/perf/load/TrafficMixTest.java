package io.ringbot.perf.load;

import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrafficMixTest
{
    @Test
    void shouldParseWeightsOfEveryKind()
    {
        final TrafficMix mix = TrafficMix.parse(TrafficMix.DEFAULT);

        assertEquals(80, mix.weight(UpdateKind.TEXT));
        assertEquals(5, mix.weight(UpdateKind.COMMAND));
        assertEquals(10, mix.weight(UpdateKind.CALLBACK));
        assertEquals(3, mix.weight(UpdateKind.EDIT));
        assertEquals(2, mix.weight(UpdateKind.MEDIA));
        assertEquals(TrafficMix.DEFAULT, mix.toString());
    }

    @Test
    void shouldGiveLeftOutKindsNoWeight()
    {
        final TrafficMix mix = TrafficMix.parse(" Text = 3 , media=1 ");

        assertEquals(3, mix.weight(UpdateKind.TEXT));
        assertEquals(0, mix.weight(UpdateKind.CALLBACK));
        assertEquals("text=3,media=1", mix.toString());
        assertFalse(mix.expectsBotReplies());
        assertTrue(TrafficMix.parse("text=1,callback=1").expectsBotReplies());
    }

    @Test
    void shouldRejectMalformedMixesWithTheReason()
    {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TrafficMix.parse("text=80,voice=2"))
            .getMessage().contains("unknown update kind 'voice'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TrafficMix.parse("text"))
            .getMessage().contains("kind=weight"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TrafficMix.parse("text=x"))
            .getMessage().contains("whole number"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TrafficMix.parse("text=-1,edit=3"))
            .getMessage().contains("negative"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TrafficMix.parse("text=0"))
            .getMessage().contains("no positive weight"));
    }

    @Test
    void shouldPickKindsInProportionToTheirWeights()
    {
        final TrafficMix mix = TrafficMix.parse("text=80,command=5,callback=10,edit=5");
        final SplittableRandom random = new SplittableRandom(7);
        final Map<UpdateKind, Integer> picks = new EnumMap<>(UpdateKind.class);
        final int draws = 100_000;
        for (int i = 0; i < draws; i++)
        {
            picks.merge(mix.pick(random), 1, Integer::sum);
        }

        assertEquals(0.80, picks.get(UpdateKind.TEXT) / (double)draws, 0.01);
        assertEquals(0.05, picks.get(UpdateKind.COMMAND) / (double)draws, 0.01);
        assertEquals(0.10, picks.get(UpdateKind.CALLBACK) / (double)draws, 0.01);
        assertEquals(0.05, picks.get(UpdateKind.EDIT) / (double)draws, 0.01);
        assertFalse(picks.containsKey(UpdateKind.MEDIA));
    }
}

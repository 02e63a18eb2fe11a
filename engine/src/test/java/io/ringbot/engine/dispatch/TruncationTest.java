package io.ringbot.engine.dispatch;

import io.ringbot.bot.Reply;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Reply text is cut at Telegram's limits in UTF-16 code units, never inside a surrogate pair. */
class TruncationTest
{
    @Test
    void shouldNeverEndInsideASurrogatePair()
    {
        assertEquals(4095, Truncation.prefixOfChars("a".repeat(4095) + "\uD83D\uDE00", 4096));
        assertEquals(4096, Truncation.prefixOfChars("a".repeat(4096) + "\uD83D\uDE00", 4096));
        assertEquals(3, Truncation.prefixOfChars("abc", 4096));
        assertEquals(0, Truncation.prefixOfChars("\uD83D\uDE00", 1));
    }
}

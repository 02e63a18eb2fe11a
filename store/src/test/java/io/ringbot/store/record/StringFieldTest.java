package io.ringbot.store.record;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StringFieldTest
{
    private static final RecordSchema SCHEMA = RecordSchema.named("texts");
    private static final StringField FOUR = SCHEMA.stringField("four", 4);
    private static final StringField LONG = SCHEMA.stringField("long", 300);

    private final Record record = Record.heap(SCHEMA);
    private final StringBuilder out = new StringBuilder();

    @Test
    void shouldCutAtTheLastWholeCharacterThatFits()
    {
        assertTrue(FOUR.set(record, "ab"));
        assertEquals("ab", FOUR.get(record, out).toString());
        assertFalse(FOUR.set(record, "abc€"));
        assertEquals("abc", FOUR.get(record, out).toString(), "€ is 3 bytes: it does not fit after abc");
        assertFalse(FOUR.set(record, "x\uD83D\uDE00"));
        assertEquals("x", FOUR.get(record, out).toString(), "an emoji is 4 bytes, never split");
        assertTrue(FOUR.set(record, "\uD83D\uDE00"));
        assertEquals("\uD83D\uDE00", FOUR.get(record, out).toString());
        assertEquals(3, FOUR.fittedLength("abc€"));
    }

    @Test
    void shouldStoreAnUnpairedSurrogateAsAQuestionMark()
    {
        LONG.set(record, "a\uD83Db");
        assertEquals("a?b", LONG.get(record, out).toString());
    }

    @Test
    void shouldRoundTripEveryKindOfCharacter()
    {
        final String text = "plain, \"quoted\", ünïcödé, 中文, \uD83D\uDE00\uD83C\uDF89 and \u0000 nul";
        assertTrue(LONG.set(record, text));
        assertEquals(text, LONG.get(record, out).toString());
        assertEquals(text.getBytes(StandardCharsets.UTF_8).length, LONG.byteLength(record));
        assertEquals(text.getBytes(StandardCharsets.UTF_8).length, StringField.utf8Length(text));
    }

    @Test
    void shouldRefuseAFieldOfAnotherSchemaAndBadDeclarations()
    {
        final RecordSchema other = RecordSchema.named("other");
        assertThrows(IllegalArgumentException.class, () -> other.stringField("big", StringField.MAX_BYTES + 1));
        assertThrows(IllegalArgumentException.class, () -> other.longField("version"));
        assertThrows(IllegalArgumentException.class, () -> other.longField("bad name"));
        other.longField("x");
        assertThrows(IllegalArgumentException.class, () -> other.intField("x"));
        other.seal();
        assertThrows(IllegalStateException.class, () -> other.longField("late"));
    }
}

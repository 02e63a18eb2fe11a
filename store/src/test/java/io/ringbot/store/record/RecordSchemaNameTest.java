package io.ringbot.store.record;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordSchemaNameTest
{
    @Test
    void shouldAcceptANameThatCanBeACollectionAFileAndAHealthCheck()
    {
        assertEquals("orders", RecordSchema.named("orders").name());
        assertEquals("order_items-2", RecordSchema.named("order_items-2").name());
    }

    @Test
    void shouldRefuseANameThatIsNotALetterThenLettersDigitsOrDashes()
    {
        for (final String name : new String[]{"", "9orders", "or ders", "orders/x", "../users", "a".repeat(65)})
        {
            final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> RecordSchema.named(name));
            assertTrue(ex.getMessage().contains("a letter then"), ex.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> RecordSchema.named(null));
    }

    @Test
    void shouldRefuseTheNameOfOneOfHealthzsOwnChecksInAnyCase()
    {
        for (final String name : new String[]{"journal", "ring", "engine", "firestore", "botApi", "BOTAPI", "webhook", "source", "disk"})
        {
            final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> RecordSchema.named(name));
            assertTrue(ex.getMessage().contains("/healthz") && ex.getMessage().contains("choose another name"),
                ex.getMessage());
        }
    }
}

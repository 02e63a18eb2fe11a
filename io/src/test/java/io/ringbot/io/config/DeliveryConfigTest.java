package io.ringbot.io.config;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeliveryConfigTest
{
    private static ServerConfig base()
    {
        return new ServerConfig().botToken("1:t");
    }

    @Test
    void shouldRequireAnHttpsPublicUrl()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> base().publicUrl("http://bot.example.com").conclude());
        assertTrue(ex.getMessage().startsWith("PUBLIC_URL must be the https://"), ex.getMessage());
    }

    @Test
    void shouldRefusePollingWithAPublicUrl()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> base().publicUrl("https://bot.example.com").polling(true).conclude());
        assertTrue(ex.getMessage().contains("POLLING and PUBLIC_URL"), ex.getMessage());
    }

    @Test
    void shouldRequireATokenToRegisterOrPoll()
    {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new ServerConfig().polling(true).conclude())
            .getMessage().contains("POLLING needs BOT_TOKEN"));
        assertTrue(assertThrows(IllegalArgumentException.class,
            () -> new ServerConfig().publicUrl("https://a.example").conclude()).getMessage().contains("PUBLIC_URL needs BOT_TOKEN"));
    }

    @Test
    void shouldKeepWebhookMaxConnectionsInTelegramsRange()
    {
        assertThrows(IllegalArgumentException.class, () -> base().webhookMaxConnections(0).conclude());
        assertThrows(IllegalArgumentException.class, () -> base().webhookMaxConnections(101).conclude());
        assertThrows(IllegalArgumentException.class, () -> base().pollTimeoutSeconds(51).conclude());
        assertThrows(IllegalArgumentException.class, () -> base().webhookInfoIntervalSeconds(0).conclude());
        assertEquals(100, base().webhookMaxConnections(100).conclude().webhookMaxConnections());
    }

    @Test
    void shouldDropATrailingSlashOfThePublicUrl()
    {
        assertEquals("https://bot.example.com", base().publicUrl("https://bot.example.com/").conclude().publicUrl());
    }
}

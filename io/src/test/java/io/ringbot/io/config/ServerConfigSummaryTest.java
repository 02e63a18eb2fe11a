package io.ringbot.io.config;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServerConfigSummaryTest
{
    @Test
    void shouldShowNoCharacterOfTheSecretOrTheToken()
    {
        final String secret = "Zq8Xv3Kw9Jm2Lp7Rt5Yb1Nc4Hd6Gf0Sx";
        final String token = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
        final String summary = new ServerConfig().webhookSecret(secret).botToken(token).summary();
        assertTrue(summary.contains("webhook secret: set (" + secret.length() + " chars, not shown)"), summary);
        assertTrue(summary.contains("bot token: set (" + token.length() + " chars, not shown)"), summary);
        for (int i = 0; i + 3 <= secret.length(); i++)
        {
            assertFalse(summary.contains(secret.substring(i, i + 3)), "a piece of the secret: " + secret.substring(i, i + 3));
        }
        assertFalse(summary.contains("123"), summary);
        assertFalse(summary.contains("AAH"), summary);
        assertFalse(summary.contains("Zq"), summary);
    }
}

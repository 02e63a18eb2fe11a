package io.ringbot.io.config;

import io.ringbot.engine.EngineContext;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server's context validates every setting once, in the component's context that owns it, before anything is
 * opened; the checks that span two components (a token for delivery, two ports) are the server context's.
 */
class ServerContextTest
{
    private static ServerContext base()
    {
        final ServerContext context = new ServerContext();
        context.outbound().botToken("1:t");
        return context;
    }

    private static String refusal(final ServerContext context)
    {
        return assertThrows(IllegalArgumentException.class, context::conclude).getMessage();
    }

    private static String refusal(final Map<String, String> environment)
    {
        return assertThrows(IllegalArgumentException.class, () -> new ServerContext().environment(environment).conclude())
            .getMessage();
    }

    @Test
    void shouldRequireAnHttpsPublicUrl()
    {
        final ServerContext context = base();
        context.delivery().publicUrl("http://bot.example.com");
        assertTrue(refusal(context).startsWith("PUBLIC_URL must be the https://"), refusal(context));
    }

    @Test
    void shouldRefusePollingWithAPublicUrl()
    {
        final ServerContext context = base();
        context.delivery().publicUrl("https://bot.example.com").polling(true);
        assertTrue(refusal(context).contains("POLLING and PUBLIC_URL"), refusal(context));
    }

    @Test
    void shouldRequireATokenToRegisterOrPoll()
    {
        final ServerContext polling = new ServerContext();
        polling.delivery().polling(true);
        assertEquals("POLLING needs BOT_TOKEN", refusal(polling));
        final ServerContext registering = new ServerContext();
        registering.delivery().publicUrl("https://a.example");
        assertEquals("PUBLIC_URL needs BOT_TOKEN", refusal(registering));
    }

    @Test
    void shouldKeepTheDeliverySettingsInTelegramsRanges()
    {
        final String range = "WEBHOOK_MAX_CONNECTIONS must be between 1 and 100";
        assertTrue(refusal(Map.of("WEBHOOK_MAX_CONNECTIONS", "0")).startsWith(range));
        assertTrue(refusal(Map.of("WEBHOOK_MAX_CONNECTIONS", "101")).startsWith(range));
        assertTrue(refusal(Map.of("POLL_TIMEOUT_SECONDS", "51")).startsWith("POLL_TIMEOUT_SECONDS must be between 0 and 50"));
        assertTrue(refusal(Map.of("WEBHOOK_INFO_INTERVAL_SECONDS", "0"))
            .startsWith("WEBHOOK_INFO_INTERVAL_SECONDS must be at least 1"));
        assertEquals(100, new ServerContext().environment(Map.of("WEBHOOK_MAX_CONNECTIONS", "100")).conclude()
            .delivery().webhookMaxConnections());
    }

    @Test
    void shouldDropATrailingSlashOfThePublicUrl()
    {
        final ServerContext context = base();
        context.delivery().publicUrl("https://bot.example.com/");
        assertEquals("https://bot.example.com", context.conclude().delivery().publicUrl());
    }

    @Test
    void shouldRefuseARingTheEngineWouldRefuseBeforeAnythingOpens()
    {
        assertEquals("RING_SIZE must be a power of two between 2 and 1048576, was 2097152",
            refusal(Map.of("RING_SIZE", Integer.toString(EngineContext.RING_SIZE_MAX * 2))));
        assertEquals("RING_SIZE must be a power of two between 2 and 1048576, was 1000", refusal(Map.of("RING_SIZE", "1000")));
        assertEquals(EngineContext.RING_SIZE_MAX,
            new ServerContext().environment(Map.of("RING_SIZE", "1048576")).conclude().engine().ringSize());
    }

    @Test
    void shouldRefuseAPortOfZeroFromASettingButLetCodeAskForAnyFreePort()
    {
        assertEquals("PORT must be a TCP port between 1 and 65535, was 0", refusal(Map.of("PORT", "0")));
        assertEquals("OPS_PORT must be a TCP port between 1 and 65535, was 65536", refusal(Map.of("OPS_PORT", "65536")));
        final ServerContext context = new ServerContext();
        context.webhook().port(0);
        context.ops().port(0);
        context.conclude();
        assertEquals("PORT and OPS_PORT must differ, both were 9090", refusal(Map.of("PORT", "9090")));
    }

    @Test
    void shouldSayWhichVariableHoldsAValueOfTheWrongKind()
    {
        assertEquals("PORT must be a whole number, was \"\"", refusal(Map.of("PORT", "")));
        assertEquals("USERS_CAPACITY must be a whole number, was \"many\"", refusal(Map.of("USERS_CAPACITY", "many")));
        assertEquals("SEND_CHAT_PER_SECOND must be a number, was \"NaN\"", refusal(Map.of("SEND_CHAT_PER_SECOND", "NaN")));
        assertEquals("POLLING must be true or false, was \"yes\"", refusal(Map.of("POLLING", "yes")));
        assertEquals("JOURNAL_FLUSH_INTERVAL_MS must be a whole number, was \"fast\"",
            refusal(Map.of("JOURNAL_FLUSH_INTERVAL_MS", "fast")));
        assertTrue(refusal(Map.of("ADMIN_IDS", "12,ann")).startsWith("ADMIN_IDS must be comma-separated numeric"));
    }

    @Test
    void shouldCheckEachSettingInTheContextThatOwnsIt()
    {
        assertEquals("OPS_MAX_CONNECTIONS must be at least 1, was 0", refusal(Map.of("OPS_MAX_CONNECTIONS", "0")));
        assertEquals("DASHBOARD_SAMPLE_MS must be between 10 and 60000, was 5", refusal(Map.of("DASHBOARD_SAMPLE_MS", "5")));
        assertEquals("JOURNAL_MAX_BATCH must be between 1 and 500 (Firestore's limit per commit), was 501",
            refusal(Map.of("JOURNAL_MAX_BATCH", "501")));
        assertEquals("ENGINE_WAIT must be blocking, sleeping, yielding or busyspin, was \"spin\"",
            refusal(Map.of("ENGINE_WAIT", "spin")));
        assertEquals("USERS_CAPACITY must be between 1 and 1000000000, was 0", refusal(Map.of("USERS_CAPACITY", "0")));
        assertEquals("CLEARCACHE_IDLE_SECONDS must be 0 or more, was -1", refusal(Map.of("CLEARCACHE_IDLE_SECONDS", "-1")));
    }

    @Test
    void shouldApplyOneHeadDeadlineToTheWebhookAndTheOpsPort()
    {
        final ServerContext context = new ServerContext().environment(Map.of("HEAD_TIMEOUT_MS", "2500"));
        assertEquals(2500, context.webhook().headTimeoutMillis());
        assertEquals(2500, context.ops().requestTimeoutMillis());
    }

    @Test
    void shouldReadTheJournalsSettingsAndPreferTheProjectVariableOverItsAlias()
    {
        final ServerContext context = new ServerContext().environment(Map.of(
            "FIRESTORE_PROJECT_ID", "second",
            "FIRESTORE_COLLECTION_PREFIX", " prod_ ",
            "JOURNAL_MAX_BATCH", "250",
            "LOADER_READ_TIMEOUT_MS", "500"));
        assertEquals("second", context.journal().projectId());
        assertEquals("prod_", context.journal().collectionPrefix());
        assertEquals(250, context.journal().maxBatch());
        assertEquals(500, context.journal().readTimeoutMs());
        assertEquals("first", new ServerContext().environment(Map.of("FIREBASE_PROJECT_ID", "first",
            "FIRESTORE_PROJECT_ID", "second")).journal().projectId());
        assertFalse(new ServerContext().environment(Map.of("FIRESTORE_EMULATOR_HOST", "")).journal().firestoreConfigured());
    }

    @Test
    void shouldShowNoCharacterOfTheSecretOrTheToken()
    {
        final String secret = "Zq8Xv3Kw9Jm2Lp7Rt5Yb1Nc4Hd6Gf0Sx";
        final String token = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
        final ServerContext context = new ServerContext();
        context.webhook().secret(secret);
        context.outbound().botToken(token);
        final String summary = context.summary();
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

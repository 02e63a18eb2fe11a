package io.ringbot.io;

import io.ringbot.io.config.ServerContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The kept webhook secret: never empty, created owner-only, printed only when generated.
 */
class WebhookSecretsTest
{
    @TempDir
    Path data;

    @ParameterizedTest
    @ValueSource(strings = {"", "\n", "   \n", "has space", "émoji"})
    void shouldRefuseToStartWithAnEmptyOrInvalidKeptSecret(final String kept) throws Exception
    {
        Files.writeString(data.resolve(WebhookSecrets.FILE_NAME), kept);
        final IllegalStateException refused = assertThrows(IllegalStateException.class, () -> WebhookSecrets.loadOrGenerate(data));
        assertTrue(refused.getMessage().contains("delete it"), refused.getMessage());
        assertThrows(IllegalStateException.class,
            () -> new RingbotServer(TestContexts.onFreePorts(data, 100, null), null).close());
    }

    @Test
    void shouldRefuseABlankWebhookSecretSetting()
    {
        assertThrows(IllegalArgumentException.class, () -> new ServerContext().webhook().secret("   ").conclude());
    }

    @Test
    void shouldCreateTheSecretFileOwnerOnlyWithNoTemporaryFileLeft() throws Exception
    {
        final WebhookSecrets.Loaded generated = WebhookSecrets.loadOrGenerate(data);
        assertTrue(generated.generated);
        final Path file = data.resolve(WebhookSecrets.FILE_NAME);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(generated.secret, Files.readString(file).trim());
        try (Stream<Path> files = Files.list(data))
        {
            assertEquals(1, files.count(), "only the secret file");
        }
        final WebhookSecrets.Loaded again = WebhookSecrets.loadOrGenerate(data);
        assertFalse(again.generated);
        assertEquals(generated.secret, again.secret);
    }

    @Test
    void shouldPrintTheSecretOnlyWhenItWasGenerated() throws Exception
    {
        final String first;
        try (RingbotServer server = new RingbotServer(TestContexts.onFreePorts(data, 100, null), null))
        {
            first = server.secret();
            assertTrue(welcome(server, null).contains(first), "a generated secret is shown once");
        }
        try (RingbotServer server = new RingbotServer(TestContexts.onFreePorts(data, 100, null), null))
        {
            final String printed = welcome(server, null);
            assertFalse(printed.contains(first), printed);
            assertTrue(printed.contains("$(cat "), printed);
        }
        try (RingbotServer server = new RingbotServer(TestContexts.onFreePorts(data, 100, "configured_secret"), null))
        {
            final String printed = welcome(server, "<your --webhook-secret>");
            assertFalse(printed.contains("configured_secret"), printed);
            assertTrue(printed.contains("X-Telegram-Bot-Api-Secret-Token: <your --webhook-secret>"), printed);
        }
    }

    private static String welcome(final RingbotServer server, final String secretHint)
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        RingbotMain.Serve.printWelcome(server, secretHint, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }
}

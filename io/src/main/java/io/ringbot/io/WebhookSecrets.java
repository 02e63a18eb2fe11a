package io.ringbot.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

/**
 * The webhook secret when WEBHOOK_SECRET is unset: generated once, kept in the data folder
 * ({@code webhook-secret}, owner-only) so that restarts keep the secret Telegram was given.
 */
final class WebhookSecrets
{
    static final String FILE_NAME = "webhook-secret";
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";

    private WebhookSecrets()
    {
    }

    /**
     * @param dataDir the data folder.
     * @return the kept secret, and whether it was generated now.
     */
    static Loaded loadOrGenerate(final Path dataDir)
    {
        final Path file = dataDir.resolve(FILE_NAME);
        try
        {
            if (Files.exists(file))
            {
                return new Loaded(Files.readString(file).trim(), false);
            }
            final SecureRandom random = new SecureRandom();
            final StringBuilder secret = new StringBuilder(32);
            for (int i = 0; i < 32; i++)
            {
                secret.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            Files.createDirectories(dataDir);
            Files.writeString(file, secret + "\n");
            try
            {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            }
            catch (final UnsupportedOperationException ignore)
            {
                // not a POSIX file system: the file keeps its default permissions
            }
            return new Loaded(secret.toString(), true);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot keep the webhook secret in " + file + ": " + ex.getMessage(), ex);
        }
    }

    /** A secret and whether it was generated at this start. */
    static final class Loaded
    {
        final String secret;
        final boolean generated;

        Loaded(final String secret, final boolean generated)
        {
            this.secret = secret;
            this.generated = generated;
        }
    }
}

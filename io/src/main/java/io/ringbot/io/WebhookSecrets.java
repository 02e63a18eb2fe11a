package io.ringbot.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * The webhook secret when WEBHOOK_SECRET is unset: generated once, kept in the data folder
 * ({@code webhook-secret}, owner-only) so that restarts keep the secret Telegram was given.
 */
final class WebhookSecrets
{
    static final String FILE_NAME = "webhook-secret";
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]{1,256}");
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";

    private WebhookSecrets()
    {
    }

    /**
     * @param dataDir the data folder.
     * @return the kept secret, and whether it was generated now.
     * @throws IllegalStateException when the kept file holds no valid secret (empty, blank, other characters):
     *         an empty secret would let an empty header pass, so the server refuses to start.
     */
    static Loaded loadOrGenerate(final Path dataDir)
    {
        final Path file = dataDir.resolve(FILE_NAME);
        try
        {
            if (Files.exists(file))
            {
                final String kept = Files.readString(file).trim();
                if (!VALID.matcher(kept).matches())
                {
                    throw new IllegalStateException(file + " holds no valid webhook secret (" +
                        (kept.isEmpty() ? "it is empty" : "1-256 of A-Z, a-z, 0-9, _ and - expected") +
                        "): delete it to have a new one generated (then give Telegram the new one with setWebhook), " +
                        "or write the secret Telegram has into it, or set WEBHOOK_SECRET");
                }
                return new Loaded(kept, false);
            }
            final SecureRandom random = new SecureRandom();
            final StringBuilder secret = new StringBuilder(32);
            for (int i = 0; i < 32; i++)
            {
                secret.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            Files.createDirectories(dataDir);
            writeOwnerOnly(dataDir, file, secret + "\n");
            return new Loaded(secret.toString(), true);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot keep the webhook secret in " + file + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * Creates a temporary file readable by the owner only from its creation (never world-readable, not even
     * for a moment), writes it, and renames it into place atomically: the kept file is never half-written.
     */
    private static void writeOwnerOnly(final Path dir, final Path file, final String content) throws IOException
    {
        Path tmp;
        try
        {
            tmp = Files.createTempFile(dir, "." + FILE_NAME, ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        catch (final UnsupportedOperationException notPosix)
        {
            tmp = Files.createTempFile(dir, "." + FILE_NAME, ".tmp"); // not a POSIX file system: its defaults
        }
        try
        {
            Files.writeString(tmp, content);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        }
        finally
        {
            Files.deleteIfExists(tmp);
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

package io.ringbot.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The shared Telegram fixtures ({@code ../shared/fixtures/telegram} beside the repository).
 */
public final class Fixtures
{
    private Fixtures()
    {
    }

    public static Path root()
    {
        final String shared = System.getProperty("ringbot.shared.dir", "../shared");
        final Path root = Path.of(shared, "fixtures", "telegram").normalize();
        if (!Files.isDirectory(root))
        {
            throw new IllegalStateException("the Telegram fixtures are missing at " + root +
                ": the repository expects ../shared beside it (set -Dringbot.shared.dir to point elsewhere)");
        }
        return root;
    }

    /**
     * @return every JSON fixture except the API description.
     */
    public static List<Path> all()
    {
        try (Stream<Path> files = Files.walk(root()))
        {
            return files.filter(p -> p.toString().endsWith(".json"))
                .filter(p -> !p.getParent().getFileName().toString().equals("spec"))
                .sorted()
                .collect(Collectors.toList());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * @param fixture a fixture file.
     * @return true when it is not an Update at all (a getUpdates answer, a bare Message).
     */
    public static boolean isNotAnUpdate(final Path fixture)
    {
        final String name = fixture.getFileName().toString();
        final String folder = fixture.getParent().getFileName().toString();
        return name.equals("update-with-write-access-allowed-for-webapp.json") || folder.equals("Messages");
    }

    public static byte[] read(final Path fixture)
    {
        try
        {
            return Files.readAllBytes(fixture);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}

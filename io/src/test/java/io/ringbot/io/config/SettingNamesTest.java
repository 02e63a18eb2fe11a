package io.ringbot.io.config;

import io.ringbot.io.outbound.OutboundContext;
import io.ringbot.io.webhook.WebhookContext;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A message that says what to change names something a user can change: every upper-case name in a string
 * of the main code is an environment variable ringbot reads. Settings only code can make are named by their
 * setter.
 */
class SettingNamesTest
{
    private static final Pattern CHAR_LITERAL = Pattern.compile("'(?:[^'\\\\]|\\\\.)'");
    private static final Pattern STRING_LITERAL = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
    private static final Pattern VARIABLE = Pattern.compile("\\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\\b");
    private static final List<String> MODULES = List.of("store", "engine", "io", "tools");

    @Test
    void shouldNameTheSetterOfATooSmallBodyLimit()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> new WebhookContext().maxBodyBytes(100).conclude());
        assertEquals("WebhookContext.maxBodyBytes must be at least 1024 bytes, was 100", ex.getMessage());
    }

    @Test
    void shouldNameTheSettersOfTheOutboundRetryBackoff()
    {
        final IllegalArgumentException initial = assertThrows(IllegalArgumentException.class,
            () -> new OutboundContext().retryBackoffInitialMillis(0).conclude());
        assertEquals("OutboundContext.retryBackoffInitialMillis must be more than 0, was 0.0", initial.getMessage());
        final IllegalArgumentException max = assertThrows(IllegalArgumentException.class,
            () -> new OutboundContext().retryBackoffInitialMillis(500).retryBackoffMaxMillis(100).conclude());
        assertEquals("OutboundContext.retryBackoffMaxMillis must be at least retryBackoffInitialMillis (500), was 100",
            max.getMessage());
    }

    @Test
    void shouldNameOnlyRealVariablesInTheMainCodesStrings() throws IOException
    {
        final Set<String> variables = variables();
        final List<String> unknown = new ArrayList<>();
        int files = 0;
        for (final String module : MODULES)
        {
            final Path sources = root().resolve(module).resolve("src/main/java");
            try (Stream<Path> paths = Files.walk(sources))
            {
                for (final Path file : paths.filter(p -> p.toString().endsWith(".java")).toList())
                {
                    files++;
                    final List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                    for (int i = 0; i < lines.size(); i++)
                    {
                        for (final String name : namesInStrings(lines.get(i)))
                        {
                            if (!variables.contains(name))
                            {
                                unknown.add(name + " in " + root().relativize(file) + ':' + (i + 1));
                            }
                        }
                    }
                }
            }
        }
        assertTrue(files > 100, "source files read: " + files);
        assertEquals(List.of(), unknown, "names in strings that are no environment variable");
    }

    @Test
    void shouldAddTheFlagsOfTheVariablesAMessageNames()
    {
        assertEquals("RING_SIZE must be a power of two, was 3 (flag --ring-size)",
            Setting.withFlags("RING_SIZE must be a power of two, was 3"));
        assertEquals("POLLING and PUBLIC_URL exclude each other (flags --public-url, --polling)",
            Setting.withFlags("POLLING and PUBLIC_URL exclude each other"));
        assertEquals("unknown bot in --bot (BOT)", Setting.withFlags("unknown bot in --bot (BOT)"));
        assertEquals("OPS_MAX_CONNECTIONS must be at least 1 (flag --ops-max-connections)",
            Setting.withFlags("OPS_MAX_CONNECTIONS must be at least 1"), "MAX_CONNECTIONS inside it is not named");
        assertEquals("the ops request deadline must be at least 10 ms", Setting.withFlags("the ops request deadline must be at least 10 ms"));
    }

    @Test
    void shouldFindANameInAString()
    {
        assertEquals(List.of("MAX_BODY_BYTES"), namesInStrings("throw new X(\"MAX_BODY_BYTES must be \" + MIN_BYTES + '\"');"));
        assertFalse(namesInStrings("x(\"at least \" + ChangeLog.MIN_CAPACITY)").contains("MIN_CAPACITY"));
    }

    private static List<String> namesInStrings(final String line)
    {
        final List<String> names = new ArrayList<>();
        final Matcher literal = STRING_LITERAL.matcher(CHAR_LITERAL.matcher(line).replaceAll("' '"));
        while (literal.find())
        {
            final Matcher name = VARIABLE.matcher(literal.group());
            while (name.find())
            {
                names.add(name.group());
            }
        }
        return names;
    }

    private static Set<String> variables()
    {
        final Set<String> names = new HashSet<>();
        for (final Setting setting : Setting.values())
        {
            names.add(setting.envName());
            if (setting.alias() != null)
            {
                names.add(setting.alias());
            }
        }
        names.add("JAVA_OPTS"); // the launcher's
        return names;
    }

    private static Path root()
    {
        return Files.exists(Path.of("..", "pom.xml")) && Files.isDirectory(Path.of("..", "engine")) ?
            Path.of("..") : Path.of(".");
    }
}

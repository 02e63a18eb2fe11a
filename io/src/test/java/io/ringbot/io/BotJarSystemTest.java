package io.ringbot.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A team's bot compiled outside ringbot's modules (javac against them), packed into a jar, and run in a
 * process of its own: through {@code serve --bot-class --bot-jar}, and through its own {@code main}
 * ({@link Ringbot#serve}); both answer a webhook with the bot's own records.
 */
@Tag("system")
class BotJarSystemTest
{
    private static final String SECRET = "bot-jar-test-secret";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SOURCE = String.join("\n",
        "package com.example;",
        "",
        "import io.ringbot.bot.Bot;",
        "import io.ringbot.bot.BotFactory;",
        "import io.ringbot.io.Ringbot;",
        "import io.ringbot.store.record.LongField;",
        "import io.ringbot.store.record.RecordSchema;",
        "",
        "public final class EchoBot implements BotFactory",
        "{",
        "    public static final RecordSchema USERS = RecordSchema.named(\"users\");",
        "    public static final LongField ECHOES = USERS.longField(\"echoes\");",
        "    public static final RecordSchema CHATS = RecordSchema.named(\"chats\");",
        "",
        "    public Bot create()",
        "    {",
        "        return new Bot().records(USERS, CHATS)",
        "            .text(ctx -> ctx.sendMessage().text().append(\"echo \").append(ctx.update().text())",
        "                .append(\" #\").append(ctx.user().add(ECHOES, 1)));",
        "    }",
        "",
        "    public static void main(final String[] args)",
        "    {",
        "        Ringbot.serve(new EchoBot().create(), args);",
        "    }",
        "}",
        "");

    @TempDir
    Path dir;

    @Test
    void shouldRunABotFromItsJarAndFromItsOwnMain() throws Exception
    {
        final Path jar = compileBot();
        final int port = ServerProcess.freePort();
        Process server = start(List.of("io.ringbot.io.RingbotMain", "serve", "--bot-class", "com.example.EchoBot",
            "--bot-jar", jar.toString()), port, null);
        try
        {
            assertEquals("echo hi #1", say(port, 1, "hi"));
            assertEquals("echo again #2", say(port, 2, "again"));
        }
        finally
        {
            server.destroy();
        }
        assertTrue(server.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, server.exitValue(), "SIGTERM: a clean stop");

        server = start(List.of("com.example.EchoBot", "--bot-username", "echo_bot"), port, jar);
        try
        {
            assertEquals("echo from main #3", say(port, 3, "from main"), "the same store, the bot's own records");
        }
        finally
        {
            server.destroy();
        }
        assertTrue(server.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, server.exitValue());
    }

    /** Issue 18: another bot on the reference bot's folder used to migrate its fields away. */
    @Test
    void shouldRefuseAnotherBotsDataFolderLeavingItIntactForItsOwnBot() throws Exception
    {
        final Path jar = compileBot();
        final int port = ServerProcess.freePort();
        Process server = start(List.of("io.ringbot.io.RingbotMain", "serve"), port, null);
        try
        {
            assertEquals("count=1", say(port, 1, "hi"));
            assertEquals("count=2", say(port, 2, "hi"));
        }
        finally
        {
            server.destroy();
        }
        assertTrue(server.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, server.exitValue());
        final Path data = dir.resolve("data");
        final java.util.Map<String, byte[]> before = files(data);

        final List<String> args = new ArrayList<>(List.of("io.ringbot.io.RingbotMain", "serve",
            "--bot-class", "com.example.EchoBot", "--bot-jar", jar.toString(), "--port=" + port,
            "--ops-port=" + ServerProcess.freePort(), "--data-dir=" + data, "--webhook-secret=" + SECRET, "--users-capacity=1000"));
        final ProcessBuilder other = new ProcessBuilder(ServerProcess.command("256m", null, args)).redirectErrorStream(true);
        other.environment().remove("FIRESTORE_EMULATOR_HOST");
        other.environment().remove("BOT");
        final Process refused = other.start();
        final String output = new String(refused.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(refused.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, refused.exitValue(), output);
        assertTrue(output.contains("belongs to bot 'reference', this is bot 'com.example.EchoBot'"), output);
        assertTrue(output.contains(data.toAbsolutePath().normalize().toString()), output);
        final java.util.Map<String, byte[]> after = files(data);
        assertEquals(before.keySet(), after.keySet(), "no file added or removed");
        for (final String name : before.keySet())
        {
            assertTrue(java.util.Arrays.equals(before.get(name), after.get(name)), name + " changed");
        }

        server = start(List.of("io.ringbot.io.RingbotMain", "serve"), port, null);
        try
        {
            assertEquals("count=3", say(port, 3, "hi"), "the reference bot counts on");
        }
        finally
        {
            server.destroy();
        }
        assertTrue(server.waitFor(60, TimeUnit.SECONDS));
    }

    private static java.util.Map<String, byte[]> files(final Path folder) throws IOException
    {
        final java.util.Map<String, byte[]> files = new java.util.TreeMap<>();
        try (Stream<Path> list = Files.list(folder))
        {
            for (final Path f : (Iterable<Path>)list::iterator)
            {
                files.put(f.getFileName().toString(), Files.readAllBytes(f));
            }
        }
        return files;
    }

    @Test
    void shouldRefuseToStartWithABadBotAndSayWhatToChange() throws Exception
    {
        final ProcessBuilder builder = new ProcessBuilder(ServerProcess.command("256m", null, List.of(
            "io.ringbot.io.RingbotMain", "serve",
            "--bot-class", "com.example.Missing", "--bot-jar", dir.resolve("nope.jar").toString(),
            "--port=" + ServerProcess.freePort(), "--ops-port=" + ServerProcess.freePort(),
            "--data-dir=" + dir.resolve("data")))).redirectErrorStream(true);
        final Process process = builder.start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, process.exitValue(), output);
        assertTrue(output.contains("--bot-jar (BOT_JAR): no such file"), output);

        final ProcessBuilder unknown = new ProcessBuilder(ServerProcess.command("256m", null, List.of(
            "io.ringbot.io.RingbotMain", "serve",
            "--port=" + ServerProcess.freePort(), "--ops-port=" + ServerProcess.freePort(),
            "--data-dir=" + dir.resolve("data")))).redirectErrorStream(true);
        unknown.environment().put("BOT", "piggybank");
        final Process second = unknown.start();
        final String said = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(second.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, second.exitValue(), said);
        assertTrue(said.contains("unknown bot \"piggybank\" in --bot (BOT): use reference or wallet"), said);
    }

    /** javac against the modules' classes only, then a jar: the bot is not on the test's class path. */
    private Path compileBot() throws IOException
    {
        final Path src = dir.resolve("src/com/example/EchoBot.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, SOURCE);
        final Path classes = Files.createDirectories(dir.resolve("classes"));
        final JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        final ByteArrayOutputStream errors = new ByteArrayOutputStream();
        final int result = javac.run(null, errors, errors, "--release", "17", "-Xlint:all,-path", "-Werror",
            "-cp", modulesClassPath(), "-d", classes.toString(), src.toString());
        assertEquals(0, result, errors.toString(StandardCharsets.UTF_8));
        final Path jar = dir.resolve("echo-bot.jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
            Stream<Path> files = Files.walk(classes))
        {
            for (final Path c : (Iterable<Path>)files.filter(Files::isRegularFile)::iterator)
            {
                out.putNextEntry(new JarEntry(classes.relativize(c).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(c));
                out.closeEntry();
            }
        }
        assertFalse(Files.exists(dir.resolve("classes/com/example/EchoBot.java")));
        return jar;
    }

    /** The test's class path without its test classes: ringbot's modules and their dependencies. */
    private static String modulesClassPath()
    {
        final String separator = System.getProperty("path.separator");
        final StringBuilder path = new StringBuilder();
        for (final String entry : System.getProperty("java.class.path").split(separator))
        {
            if (!entry.endsWith("test-classes"))
            {
                path.append(path.length() == 0 ? "" : separator).append(entry);
            }
        }
        return path.toString();
    }

    private Process start(final List<String> mainAndArgs, final int port, final Path extraClassPath)
        throws IOException, InterruptedException
    {
        final List<String> args = new ArrayList<>(mainAndArgs);
        args.add("--port=" + port);
        args.add("--ops-port=" + ServerProcess.freePort()); // 0 is no port a user can name
        args.add("--data-dir=" + dir.resolve("data"));
        args.add("--webhook-secret=" + SECRET);
        args.add("--users-capacity=1000");
        return ServerProcess.start("256m", extraClassPath, args, env ->
        {
            env.remove("FIRESTORE_EMULATOR_HOST");
            env.remove("BOT");
        }, dir.resolve("server.log"), "http://127.0.0.1:" + port + "/webhook");
    }

    private static String say(final int port, final long updateId, final String text) throws Exception
    {
        final String body = "{\"update_id\":" + updateId + ",\"message\":{\"message_id\":1,\"date\":1,\"from\":{\"id\":7," +
            "\"is_bot\":false,\"first_name\":\"U\"},\"chat\":{\"id\":7,\"type\":\"private\"},\"text\":\"" + text + "\"}}";
        final HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + "/webhook"))
            .header("X-Telegram-Bot-Api-Secret-Token", SECRET).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body()).get("text").asText();
    }
}

package io.ringbot.io;

import io.ringbot.bot.Bot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BotLoaderTest
{
    @TempDir
    Path dir;

    @Test
    void shouldPickTheBuiltInBotsByName()
    {
        assertNull(BotLoader.load("reference", "", "", ""), "the server builds the reference bot");
        assertNull(BotLoader.load("", "", "", ""), "reference is the default");
        final Bot wallet = BotLoader.load("wallet", "", "", "my_bot");
        assertNotNull(wallet);
        assertTrue(wallet.commandNames().contains("send"));
        assertTrue(wallet.userSchema().field("balance") != null);
    }

    @Test
    void shouldLoadAFactoryFromTheClassPath()
    {
        final Bot bot = BotLoader.load("reference", TestFactory.class.getName(), "", "");
        assertTrue(bot.commandNames().contains("ping"));
    }

    @Test
    void shouldSayWhatToChangeForEveryBadValue() throws IOException
    {
        assertMessage("unknown bot \"walet\"", () -> BotLoader.load("walet", "", "", ""));
        assertMessage("--bot-jar (BOT_JAR) needs --bot-class", () -> BotLoader.load("reference", "", "x.jar", ""));
        assertMessage("either --bot (BOT) or --bot-class", () -> BotLoader.load("wallet", "com.example.MyBot", "", ""));
        assertMessage("no such file", () -> BotLoader.load("", "com.example.MyBot", dir.resolve("missing.jar").toString(), ""));
        final Path notAJar = Files.writeString(dir.resolve("empty.jar"), "");
        assertMessage("no class com.example.MyBot", () -> BotLoader.load("", "com.example.MyBot", notAJar.toString(), ""));
        assertMessage("no class com.example.MyBot", () -> BotLoader.load("", "com.example.MyBot", "", ""));
        assertMessage("does not implement io.ringbot.bot.BotFactory",
            () -> BotLoader.load("", String.class.getName(), "", ""));
        assertMessage("public no-argument constructor", () -> BotLoader.load("", NoConstructor.class.getName(), "", ""));
        assertMessage("returned null", () -> BotLoader.load("", NullFactory.class.getName(), "", ""));
    }

    private static void assertMessage(final String expected, final Runnable load)
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, load::run);
        assertTrue(ex.getMessage().contains(expected), ex.getMessage());
    }

    public static final class TestFactory implements io.ringbot.bot.BotFactory
    {
        public Bot create()
        {
            return new Bot().command("ping", ctx -> ctx.sendMessage().text("pong"));
        }
    }

    public static final class NoConstructor implements io.ringbot.bot.BotFactory
    {
        public NoConstructor(final int unused)
        {
        }

        public Bot create()
        {
            return new Bot();
        }
    }

    public static final class NullFactory implements io.ringbot.bot.BotFactory
    {
        public Bot create()
        {
            return null;
        }
    }
}

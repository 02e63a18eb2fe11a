package io.ringbot.io;

import io.ringbot.bot.Bot;
import io.ringbot.engine.reference.ReferenceBot;
import io.ringbot.io.config.ServeOptions;
import io.ringbot.io.config.ServerContext;
import io.ringbot.store.StateStore;
import io.ringbot.store.record.RecordSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A start on a data folder the bot's schema would drop fields from: exit 2 with the setting that allows it,
 * then a start with DROP_FIELDS migrates.
 */
class DataFolderStartTest
{
    /** The reference bot's users without lastName: a later version of the same bot. */
    private static final RecordSchema SLIM_USERS = RecordSchema.named("users");

    static
    {
        SLIM_USERS.stringField("firstName", 256);
        SLIM_USERS.stringField("username", 64);
        SLIM_USERS.stringField("languageCode", 40);
        SLIM_USERS.longField("messageCount");
    }

    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void shouldRefuseADroppedFieldWithExitTwoThenMigrateWithDropFields() throws Exception
    {
        final Path data = dir.resolve("data");
        new RingbotServer(config(data), null).close();
        final String recorded = Files.readString(StateStore.schemaFile(data, "users"));

        final Run refused = run(slimBot(), "--data-dir=" + data, "--port=" + ServerProcess.freePort(),
            "--ops-port=" + ServerProcess.freePort(), "--webhook-secret=s");

        assertEquals(2, refused.exit, refused.err);
        assertTrue(refused.err.contains("users.lastName: field 'lastName' was removed"), refused.err);
        assertTrue(refused.err.contains("DROP_FIELDS=users.lastName (or --drop-fields users.lastName)"), refused.err);
        assertEquals(recorded, Files.readString(StateStore.schemaFile(data, "users")), "nothing changed");

        final ServerContext allowing = config(data);
        allowing.store().dropFields("users.lastName");
        new RingbotServer(allowing, slimBot()).close();
        assertEquals(SLIM_USERS.toJson(), Files.readString(StateStore.schemaFile(data, "users")));
        assertFalse(Files.exists(data.resolve("users.migration")));
    }

    @Test
    void shouldRefuseADropFieldsEntryNamingTheVariableAndTheFlag() throws Exception
    {
        final Run bad = run(slimBot(), "--data-dir=" + dir.resolve("data"),
            "--port=" + ServerProcess.freePort(), "--ops-port=" + ServerProcess.freePort(),
            "--drop-fields=users.first name");

        assertEquals(2, bad.exit, bad.err);
        assertTrue(bad.err.contains("DROP_FIELDS takes comma-separated record types and fields"), bad.err);
        assertTrue(bad.err.contains("--drop-fields"), bad.err);
        assertFalse(Files.exists(dir.resolve("data").resolve("users.cm3")), "refused before the store opened");
    }

    @Test
    void shouldReadDropFieldsFromTheEnvironmentAndTheFlag()
    {
        assertEquals("", parse(Map.of()).store().dropFields());
        assertEquals("orders", parse(Map.of("DROP_FIELDS", "orders")).store().dropFields());
        assertEquals("users.firstName", parse(Map.of("DROP_FIELDS", "orders"), "--drop-fields", "users.firstName")
            .store().dropFields());
    }

    private static Bot slimBot()
    {
        return new Bot().name(ReferenceBot.NAME).records(SLIM_USERS, ReferenceBot.CHATS);
    }

    private static ServerContext config(final Path data)
    {
        return TestContexts.onFreePorts(data, 1_000, "s");
    }

    private static ServerContext parse(final Map<String, String> env, final String... args)
    {
        final CommandSpec spec = new RingbotMain.Serve(null, env).spec();
        new CommandLine(spec).parseArgs(args);
        return ServeOptions.context(spec);
    }

    private static Run run(final Bot bot, final String... args)
    {
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final PrintStream systemErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try
        {
            return new Run(Ringbot.run(bot, args), err.toString(StandardCharsets.UTF_8));
        }
        finally
        {
            System.setErr(systemErr);
        }
    }

    private record Run(int exit, String err)
    {
    }
}

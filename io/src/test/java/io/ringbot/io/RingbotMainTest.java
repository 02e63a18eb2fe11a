package io.ringbot.io;

import io.ringbot.engine.EngineContext;
import io.ringbot.io.config.ServeOptions;
import io.ringbot.io.config.ServerContext;
import io.ringbot.io.config.Setting;
import io.ringbot.io.delivery.DeliveryContext;
import io.ringbot.io.ops.OpsContext;
import io.ringbot.io.outbound.OutboundContext;
import io.ringbot.io.webhook.WebhookContext;
import io.ringbot.store.StoreContext;
import io.ringbot.store.journal.JournalContext;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ringbot serve}'s options, built from {@link Setting}: with nothing set they give exactly the contexts'
 * own defaults, an environment variable overrides a default and a flag overrides both, a bad value exits 2 naming
 * the variable and the flag, and --help shows every setting with its default but never a secret.
 */
class RingbotMainTest
{
    private static ServerContext parse(final Map<String, String> env, final String... args)
    {
        final CommandSpec spec = new RingbotMain.Serve(null, env).spec();
        new CommandLine(spec).parseArgs(args);
        return ServeOptions.context(spec);
    }

    private static String refusal(final Map<String, String> env, final String... args)
    {
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final PrintStream systemErr = System.err;
        final int exit;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try
        {
            exit = new CommandLine(new RingbotMain.Serve(null, env).spec()).execute(args);
        }
        finally
        {
            System.setErr(systemErr);
        }
        assertEquals(2, exit, err.toString(StandardCharsets.UTF_8));
        return err.toString(StandardCharsets.UTF_8).trim();
    }

    @Test
    void shouldConfigureExactlyTheContextsDefaultsWhenNothingIsSet() throws Exception
    {
        final ServerContext fromOptions = parse(Map.of());
        final ServerContext fromCode = new ServerContext();
        int compared = compare(fromCode, fromOptions, ServerContext.class, c -> c);
        compared += compare(fromCode, fromOptions, WebhookContext.class, ServerContext::webhook);
        compared += compare(fromCode, fromOptions, StoreContext.class, ServerContext::store);
        compared += compare(fromCode, fromOptions, EngineContext.class, ServerContext::engine);
        compared += compare(fromCode, fromOptions, OpsContext.class, ServerContext::ops);
        compared += compare(fromCode, fromOptions, OutboundContext.class, ServerContext::outbound);
        compared += compare(fromCode, fromOptions, JournalContext.class, ServerContext::journal);
        compared += compare(fromCode, fromOptions, DeliveryContext.class, ServerContext::delivery);
        assertTrue(compared > Setting.values().length, "compared " + compared + " getters");
        assertEquals(WebhookContext.PORT_DEFAULT, fromOptions.webhook().port());
        assertEquals(Path.of("data"), fromOptions.dataDir());
        assertEquals(1.0, fromOptions.outbound().chatPerSecond());
    }

    @Test
    void shouldPreferAFlagOverTheEnvironmentOverTheDefault()
    {
        assertEquals(8181, parse(Map.of("PORT", "8181")).webhook().port());
        assertEquals(8282, parse(Map.of("PORT", "8181"), "--port", "8282").webhook().port());
        assertEquals(8282, parse(Map.of(), "--port=8282").webhook().port());
        assertTrue(parse(Map.of("POLLING", "true")).delivery().polling());
        assertFalse(parse(Map.of("POLLING", "false")).delivery().polling());
        assertTrue(parse(Map.of("POLLING", "false"), "--polling").delivery().polling());
        assertFalse(parse(Map.of("POLLING", "true"), "--polling=false").delivery().polling());
        assertEquals(2.5, parse(Map.of("SEND_CHAT_PER_SECOND", "2.5")).outbound().chatPerSecond());
        assertEquals("wallet", parse(Map.of("BOT", "wallet")).bot());
        assertEquals("127.0.0.1:8686", parse(Map.of("FIRESTORE_EMULATOR_HOST", "127.0.0.1:1"),
            "--firestore-emulator-host", "127.0.0.1:8686").journal().emulatorHost());
        assertEquals(2000, parse(Map.of(), "--journal-retry-backoff-max-ms=2000").journal().retryBackoffMaxMs());
    }

    @Test
    void shouldTakeAnEmptyVariableAsSetToEmpty()
    {
        assertEquals("", parse(Map.of("BOT", "")).bot());
        assertEquals("ringbot: invalid configuration: PORT must be a whole number, was \"\" (flag --port)",
            refusal(Map.of("PORT", "")));
    }

    @Test
    void shouldRefuseABadValueNamingItsVariableAndFlag()
    {
        assertEquals("ringbot: invalid configuration: RING_SIZE must be a power of two between 2 and 1048576, " +
            "was 1000 (flag --ring-size)", refusal(Map.of("RING_SIZE", "1000")));
        assertEquals("ringbot: invalid configuration: RING_SIZE must be a power of two between 2 and 1048576, " +
            "was 2097152 (flag --ring-size)", refusal(Map.of(), "--ring-size=2097152"));
        assertEquals("ringbot: invalid configuration: PORT must be a TCP port between 1 and 65535, was 0 (flag --port)",
            refusal(Map.of(), "--port", "0"));
        assertEquals("ringbot: invalid configuration: POLLING must be true or false, was \"yes\" (flag --polling)",
            refusal(Map.of(), "--polling=yes"));
        assertEquals("ringbot: invalid configuration: OPS_MAX_CONNECTIONS must be at least 1, was 0 " +
            "(flag --ops-max-connections)", refusal(Map.of("OPS_MAX_CONNECTIONS", "0")));
        assertEquals("ringbot: invalid configuration: JOURNAL_MAX_COMMITS_IN_FLIGHT must be between 1 and 256, was 0 " +
            "(flag --journal-max-commits-in-flight)", refusal(Map.of(), "--journal-max-commits-in-flight=0"));
        assertEquals("ringbot: invalid configuration: STORE_DISK_RESERVE_MB must be 0 or more MiB (0 never refuses), was -1 " +
            "(flag --store-disk-reserve-mb)", refusal(Map.of(), "--store-disk-reserve-mb=-1"));
    }

    @Test
    void shouldTakeAVariableWithDollarBracesLiterally()
    {
        assertEquals("https://${host}", parse(Map.of("BOT_API_URL", "https://${host}")).outbound().botApiUrl());
    }

    @Test
    void shouldShowEverySettingAndDefaultInHelpButNoSecret()
    {
        final String help = new CommandLine(new RingbotMain.Serve(null,
            Map.of("BOT_TOKEN", "123:SECRETTOKEN", "WEBHOOK_SECRET", "s3cr3t_value", "RING_SIZE", "4096")).spec())
            .getUsageMessage(CommandLine.Help.Ansi.OFF);
        for (final Setting setting : Setting.values())
        {
            assertTrue(help.contains(setting.flag()), setting.flag() + " in\n" + help);
            assertTrue(help.contains("(" + setting.envName()), setting.envName() + " in\n" + help);
        }
        assertTrue(help.contains("Default: " + WebhookContext.PORT_DEFAULT), help);
        assertTrue(help.contains("Default: " + OutboundContext.BOT_API_URL_DEFAULT), help);
        assertTrue(help.contains("Default: " + WebhookContext.PATH_DEFAULT), help);
        assertTrue(help.contains("Default: " + JournalContext.FLUSH_INTERVAL_MS_DEFAULT), help);
        assertTrue(help.contains("Default: 4096"), "the environment's value\n" + help);
        assertFalse(help.contains("SECRETTOKEN"), help);
        assertFalse(help.contains("s3cr3t_value"), help);
        assertFalse(help.matches("(?s).*Default: *\\R.*"), "an empty Default: line\n" + help);
    }

    private static <T> int compare(final ServerContext expected, final ServerContext actual, final Class<T> type,
        final Function<ServerContext, T> context) throws Exception
    {
        int compared = 0;
        for (final Method getter : type.getMethods())
        {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers()) ||
                getter.getDeclaringClass() != type || getter.getName().startsWith("conclude") ||
                Set.of("summary", "webhook", "store", "engine", "ops", "outbound", "journal", "delivery")
                    .contains(getter.getName()))
            {
                continue;
            }
            final Object want = getter.invoke(context.apply(expected));
            final Object got = getter.invoke(context.apply(actual));
            if (want instanceof long[] wantIds)
            {
                assertTrue(Arrays.equals(wantIds, (long[])got), type.getSimpleName() + '.' + getter.getName());
            }
            else
            {
                assertEquals(want, got, type.getSimpleName() + '.' + getter.getName());
            }
            compared++;
        }
        return compared;
    }
}

package io.ringbot.io;

import io.ringbot.io.config.ServerConfig;
import io.ringbot.io.config.Setting;
import io.ringbot.io.config.SettingDefaults;
import io.ringbot.io.ops.OpsContext;
import io.ringbot.io.outbound.OutboundContext;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ringbot serve}'s options: their defaults are the contexts' (declared once), an environment variable
 * overrides a default and a flag overrides both, and --help shows the defaults but never a secret.
 */
class RingbotMainTest
{
    private static RingbotMain.Serve parse(final Map<String, String> env, final String... args)
    {
        final RingbotMain.Serve serve = new RingbotMain.Serve();
        final CommandLine commandLine = new CommandLine(serve).setDefaultValueProvider(new SettingDefaults(env));
        commandLine.parseArgs(args);
        return serve;
    }

    @Test
    void shouldConfigureExactlyTheContextsDefaultsWhenNothingIsSet() throws Exception
    {
        final ServerConfig fromOptions = parse(Map.of()).config();
        final ServerConfig fromCode = new ServerConfig();
        assertSameSettings(fromCode, fromOptions, ServerConfig.class);
        assertSameSettings(fromCode.outbound(), fromOptions.outbound(), OutboundContext.class);
        assertEquals(ServerConfig.PORT_DEFAULT, fromOptions.port());
        assertEquals(OpsContext.PORT_DEFAULT, fromOptions.opsPort());
        assertEquals(Path.of("data"), fromOptions.dataDir());
        assertEquals(1.0, fromOptions.outbound().chatPerSecond());
    }

    @Test
    void shouldPreferAFlagOverTheEnvironmentOverTheDefault()
    {
        assertEquals(ServerConfig.PORT_DEFAULT, parse(Map.of()).config().port());
        assertEquals(8181, parse(Map.of("PORT", "8181")).config().port());
        assertEquals(8282, parse(Map.of("PORT", "8181"), "--port", "8282").config().port());
        assertEquals(8282, parse(Map.of(), "--port=8282").config().port());
        assertTrue(parse(Map.of("POLLING", "true")).config().polling());
        assertFalse(parse(Map.of("POLLING", "false")).config().polling());
        assertTrue(parse(Map.of("POLLING", "false"), "--polling").config().polling());
        assertEquals(2.5, parse(Map.of("SEND_CHAT_PER_SECOND", "2.5")).config().outbound().chatPerSecond());
        assertEquals("wallet", parse(Map.of("BOT", "wallet")).botName);
    }

    @Test
    void shouldTakeAnEmptyVariableAsSetToEmpty()
    {
        // as picocli's ${env:NAME:-default} did: a variable set to "" is "", not the default
        assertEquals("", parse(Map.of("BOT", "")).botName);
        final CommandLine commandLine = new CommandLine(new RingbotMain.Serve())
            .setDefaultValueProvider(new SettingDefaults(Map.of("PORT", "")));
        commandLine.setErr(new PrintWriter(new StringWriter()));
        assertEquals(CommandLine.ExitCode.USAGE, commandLine.execute());
    }

    @Test
    void shouldRefuseABadValueNamingItsVariableAndFlag()
    {
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final PrintStream systemErr = System.err;
        final int exit;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try
        {
            exit = new CommandLine(new RingbotMain.Serve())
                .setDefaultValueProvider(new SettingDefaults(Map.of("RING_SIZE", "1000"))).execute();
        }
        finally
        {
            System.setErr(systemErr);
        }
        assertEquals(2, exit);
        assertEquals("ringbot: invalid configuration: RING_SIZE must be a power of two, was 1000 (flag --ring-size)",
            err.toString(StandardCharsets.UTF_8).trim());
    }

    @Test
    void shouldTakeAVariableWithDollarBracesLiterally()
    {
        assertEquals("https://${host}", parse(Map.of("BOT_API_URL", "https://${host}")).config().outbound().botApiUrl());
    }

    @Test
    void shouldShowEveryDefaultInHelpButNoSecret()
    {
        final String help = new CommandLine(new RingbotMain.Serve())
            .setDefaultValueProvider(new SettingDefaults(Map.of("BOT_TOKEN", "123:SECRETTOKEN", "WEBHOOK_SECRET", "s3cr3t_value")))
            .getUsageMessage(CommandLine.Help.Ansi.OFF);
        assertTrue(help.contains("Default: " + ServerConfig.PORT_DEFAULT), help);
        assertTrue(help.contains("Default: " + OutboundContext.BOT_API_URL_DEFAULT), help);
        assertTrue(help.contains("Default: " + ServerConfig.WEBHOOK_PATH_DEFAULT), help);
        assertFalse(help.contains("SECRETTOKEN"), help);
        assertFalse(help.contains("s3cr3t_value"), help);
        assertFalse(help.matches("(?s).*Default: *\\R.*"), "an empty Default: line\n" + help);
    }

    @Test
    void shouldHaveASettingForEveryOptionNamingItsVariable()
    {
        final Set<Setting> seen = new HashSet<>();
        for (final OptionSpec option : new CommandLine(new RingbotMain.Serve()).getCommandSpec().options())
        {
            if (option.usageHelp() || option.versionHelp())
            {
                continue;
            }
            final Setting setting = Setting.ofFlag(option.longestName());
            assertNotNull(setting, option.longestName() + " has no Setting");
            assertTrue(String.join(" ", option.description()).contains("(" + setting.envName() + ")"),
                option.longestName() + "'s description should name " + setting.envName());
            seen.add(setting);
        }
        assertEquals(Set.of(Setting.values()), seen, "a Setting without an option");
    }

    private static void assertSameSettings(final Object expected, final Object actual, final Class<?> type) throws Exception
    {
        int compared = 0;
        for (final Method getter : type.getMethods())
        {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers()) ||
                getter.getDeclaringClass() != type || Set.of("conclude", "summary", "outbound").contains(getter.getName()))
            {
                continue;
            }
            final Object want = getter.invoke(expected);
            final Object got = getter.invoke(actual);
            if (want instanceof long[] wantIds)
            {
                assertTrue(Arrays.equals(wantIds, (long[])got), getter.getName());
            }
            else
            {
                assertEquals(want, got, getter.getName());
            }
            compared++;
        }
        assertTrue(compared > 10, "compared " + compared + " settings");
    }
}

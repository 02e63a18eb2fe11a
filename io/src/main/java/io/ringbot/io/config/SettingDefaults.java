package io.ringbot.io.config;

import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.Map;

/**
 * The defaults of {@code ringbot serve}'s options: the option's environment variable when it is set (even to
 * an empty value), else the {@link Setting}'s default. A flag given on the command line wins over both.
 */
public final class SettingDefaults implements IDefaultValueProvider
{
    private final Map<String, String> environment;

    /**
     * Reads the process's environment.
     */
    public SettingDefaults()
    {
        this(System.getenv());
    }

    /**
     * @param environment the variables to read, e.g. a test's.
     */
    public SettingDefaults(final Map<String, String> environment)
    {
        this.environment = Map.copyOf(environment);
    }

    public String defaultValue(final ArgSpec argSpec)
    {
        if (!(argSpec instanceof OptionSpec option))
        {
            return null;
        }
        final Setting setting = Setting.ofFlag(option.longestName());
        if (setting == null)
        {
            return null;
        }
        final String value = environment.get(setting.envName());
        // picocli expands ${...} in defaults: "$${" keeps a value's own "${" as it is
        return value == null ? setting.defaultValue() : value.replace("${", "$${");
    }
}

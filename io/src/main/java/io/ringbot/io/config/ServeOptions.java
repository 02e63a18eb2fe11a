package io.ringbot.io.config;

import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.Map;

/**
 * The options of {@code ringbot serve}, built from {@link Setting} with picocli's programmatic API: one option per
 * setting, taken as text and read by the setting itself, so a value of the wrong kind is refused naming its
 * variable, as a value out of range is. An option's default is its variable's value when the variable is set (even
 * to empty), else the setting's default; --help shows it, except a secret's or an unset one's.
 */
public final class ServeOptions
{
    private ServeOptions()
    {
    }

    /**
     * @param command     what runs the command (a Callable).
     * @param environment the variables the defaults come from.
     * @return the {@code serve} command with an option for every setting.
     */
    public static CommandSpec spec(final Object command, final Map<String, String> environment)
    {
        final CommandSpec spec = CommandSpec.wrapWithoutInspection(command)
            .name("serve")
            .mixinStandardHelpOptions(true);
        spec.usageMessage().description("Run the server in the foreground.").showDefaultValues(true).abbreviateSynopsis(true);
        for (final Setting setting : Setting.values())
        {
            final String fromEnvironment = setting.valueIn(environment);
            final String value = fromEnvironment != null ? fromEnvironment : setting.defaultValue();
            // picocli expands ${...} in defaults: "$${" keeps a value's own "${" as it is
            final OptionSpec.Builder option = OptionSpec.builder(setting.flag())
                .type(String.class)
                .paramLabel("<value>")
                .description(setting.description() + " (" + setting.envName() +
                    (setting.alias() != null ? ", or " + setting.alias() : "") + ")")
                .defaultValue(value.replace("${", "$${"))
                .showDefaultValue(setting.secret() || value.isEmpty() ? Visibility.NEVER : Visibility.ALWAYS);
            if (setting.isSwitch())
            {
                option.arity("0..1").fallbackValue("true").paramLabel("<true|false>");
            }
            spec.addOption(option.build());
        }
        return spec;
    }

    /**
     * @param spec a {@link #spec} after parsing.
     * @return the context its options give (a flag, else the variable, else the default); not concluded.
     * @throws IllegalArgumentException naming the variable whose value is not of its kind.
     */
    public static ServerContext context(final CommandSpec spec)
    {
        final ServerContext context = new ServerContext();
        for (final Setting setting : Setting.values())
        {
            setting.apply(context, spec.findOption(setting.flag()).getValue());
        }
        return context;
    }
}

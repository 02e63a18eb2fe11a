package io.ringbot.tools;

import picocli.CommandLine.ITypeConverter;

/**
 * Turns {@code user}, {@code chat} or a record type name on the command line into its {@link RecordLayout}.
 */
final class KindConverter implements ITypeConverter<RecordLayout<?>>
{
    public RecordLayout<?> convert(final String value)
    {
        return RecordLayout.of(value);
    }
}

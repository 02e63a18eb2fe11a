package io.ringbot.tools;

import picocli.CommandLine.ITypeConverter;

import java.util.Iterator;
import java.util.List;

/**
 * Turns {@code user} or {@code chat} on the command line into its {@link RecordLayout}.
 */
final class KindConverter implements ITypeConverter<RecordLayout<?>>, Iterable<String>
{
    public RecordLayout<?> convert(final String value)
    {
        return RecordLayout.of(value);
    }

    /** The completion candidates picocli shows in help. */
    public Iterator<String> iterator()
    {
        return List.of("user", "chat").iterator();
    }
}

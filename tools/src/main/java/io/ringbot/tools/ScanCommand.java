package io.ringbot.tools;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * {@code scan user|chat|TYPE [--pending] [--limit N] [--where FIELD=VALUE]...}: the records that match, as
 * JSON lines.
 */
@Command(
    name = "scan",
    description = {
        "Prints the records that match as JSON lines.",
        "Records come in the map's order (not sorted). A summary goes to stderr; exits 1 when a record " +
            "could not be read consistently."
    })
final class ScanCommand extends ToolCommand
{
    @Parameters(index = "0", paramLabel = "user|chat|TYPE", converter = KindConverter.class, description = "which map: user, chat or a further record type (orders)")
    private RecordLayout<?> layout;

    @Option(names = {"--pending", "--dirty"}, description = "only records with a change the journal has not synced")
    private boolean pending;

    @Option(names = "--limit", paramLabel = "N", description = "print at most N records (default: all)")
    private long limit = Long.MAX_VALUE;

    @Option(
        names = "--where",
        paramLabel = "FIELD=VALUE",
        description = "only records whose field equals the value (numbers in decimal, text exactly); repeat to AND")
    private Map<String, String> where = new LinkedHashMap<>();

    public Integer call() throws IOException
    {
        return scan(layout);
    }

    private <V> int scan(final RecordLayout<V> layout) throws IOException
    {
        if (limit < 0)
        {
            throw new ParameterException(spec().commandLine(), "--limit must not be negative");
        }
        layout.load(folder());
        Predicate<V> filter = pending ? layout::isPending : record -> true;
        for (final Map.Entry<String, String> condition : where.entrySet())
        {
            final RecordField<V> field = layout.field(condition.getKey());
            if (field == null)
            {
                throw new ParameterException(spec().commandLine(), "--where: a " + layout.kind() + " has no field '" +
                    condition.getKey() + "'; it has: " + layout.fieldNames());
            }
            final String value = condition.getValue();
            filter = filter.and(record -> value.equals(field.valueString(record)));
        }
        return RecordPrinter.print(layout, folder(), filter, limit, out(), err());
    }
}

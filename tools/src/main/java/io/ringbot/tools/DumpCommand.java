package io.ringbot.tools;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;

/**
 * {@code dump user|chat|TYPE}: every record as JSON lines, a backup that {@code import} reads back.
 */
@Command(
    name = "dump",
    description = {
        "Prints every record as JSON lines: a backup that import reads back.",
        "Each record is consistent in itself; records changed while the dump runs may be old or new. " +
            "A summary goes to stderr; exits 1 when a record could not be read consistently."
    })
final class DumpCommand extends ToolCommand
{
    @Parameters(index = "0", paramLabel = "user|chat|TYPE", converter = KindConverter.class, description = "which map: user, chat or a further record type (orders)")
    private RecordLayout<?> layout;

    public Integer call() throws IOException
    {
        return dump(layout);
    }

    private <V> int dump(final RecordLayout<V> layout) throws IOException
    {
        return RecordPrinter.print(layout, folder(), record -> true, Long.MAX_VALUE, out(), err());
    }
}

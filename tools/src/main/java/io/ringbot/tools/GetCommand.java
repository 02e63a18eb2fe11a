package io.ringbot.tools;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;

/**
 * {@code get user|chat|TYPE ID}: one record as a JSON line.
 */
@Command(
    name = "get",
    description = {
        "Prints one record as JSON.",
        "The JSON includes version and syncedVersion: a change is pending for the journal while " +
            "version > syncedVersion. Exits 1 with a message when there is no such record."
    })
final class GetCommand extends ToolCommand
{
    @Parameters(index = "0", paramLabel = "user|chat|TYPE", converter = KindConverter.class, description = "which map: user, chat or a further record type (orders)")
    private RecordLayout<?> layout;

    @Parameters(index = "1", paramLabel = "ID", description = "the Telegram user or chat id, or the record's id")
    private long id;

    public Integer call() throws IOException
    {
        return get(layout);
    }

    private <V> int get(final RecordLayout<V> layout) throws IOException
    {
        try (SnapshotReader<V> reader = SnapshotReader.open(layout, folder()))
        {
            final V copy = layout.newHeapInstance();
            final SnapshotReader.Outcome outcome = reader.read(id, copy);
            if (outcome != SnapshotReader.Outcome.COPIED)
            {
                err().println(reader.describe(id, outcome));
                return InspectTool.EXIT_FAILED;
            }
            try (JsonLinesWriter json = new JsonLinesWriter(out()))
            {
                json.write(layout, copy);
            }
            out().flush();
            return InspectTool.EXIT_OK;
        }
    }
}

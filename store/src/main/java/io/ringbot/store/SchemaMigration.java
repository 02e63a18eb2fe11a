package io.ringbot.store;

import io.ringbot.store.record.RecordField;
import io.ringbot.store.record.RecordSchema;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Compares the layout a data folder records for a record type with the bot's schema before the store
 * opens its map. An unchanged layout opens as is. A changed one is refused for now with a message that
 * names the first field that differs and how to proceed.
 */
final class SchemaMigration
{
    private SchemaMigration()
    {
    }

    static void prepare(final Path dataDir, final RecordSchema schema, final long capacity) throws IOException
    {
        final Path layoutFile = StateStore.schemaFile(dataDir, schema.name());
        if (!Files.exists(StateStore.mapFile(dataDir, schema.name())) || !Files.exists(layoutFile))
        {
            return;
        }
        final String recordedJson = Files.readString(layoutFile, StandardCharsets.UTF_8);
        if (recordedJson.equals(schema.toJson()))
        {
            return;
        }
        final RecordSchema recorded = RecordSchema.fromJson(recordedJson);
        throw new IllegalStateException("the data folder holds '" + schema.name() + "' records of another layout (" +
            difference(recorded, schema) + "): start with the schema the folder was written with, or move " +
            StateStore.mapFile(dataDir, schema.name()).getFileName() + " and " + layoutFile.getFileName() +
            " away (records then load from Firestore again)");
    }

    /**
     * @return the first difference between two layouts, in words.
     */
    static String difference(final RecordSchema recorded, final RecordSchema schema)
    {
        for (final RecordField old : recorded.fields())
        {
            final RecordField now = schema.field(old.name());
            if (now == null)
            {
                return "field '" + old.name() + "' was removed";
            }
            if (now.type() != old.type())
            {
                return "field '" + old.name() + "' changed from " + old.type().jsonName() + " to " + now.type().jsonName();
            }
            if (now.maxBytes() != old.maxBytes())
            {
                return "field '" + old.name() + "' changed from " + old.maxBytes() + " to " + now.maxBytes() + " bytes";
            }
        }
        for (final RecordField now : schema.fields())
        {
            if (recorded.field(now.name()) == null)
            {
                return "field '" + now.name() + "' was added";
            }
        }
        return "the fields moved or were renamed";
    }

    /**
     * Writes a small file so that it is whole or absent after a crash: a temporary file, forced, then
     * renamed over the target, then the folder forced.
     */
    static void writeDurably(final Path file, final String text) throws IOException
    {
        final Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING))
        {
            channel.write(java.nio.ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
            channel.force(true);
        }
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceFolder(file.getParent());
    }

    static void forceFolder(final Path folder)
    {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ))
        {
            channel.force(true);
        }
        catch (final IOException ignore)
        {
            // not every file system lets a folder be opened for force
        }
    }
}

package io.ringbot.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The bot a data folder belongs to, recorded in {@code bot.json} beside the layouts: the records and their
 * layouts are that bot's, and another bot's schema would read them as its own (and migrate its fields away).
 * The first bot that opens a folder records itself; any other bot is refused. A folder from before bots
 * were recorded holds layouts and no {@code bot.json}: the first bot that opens it adopts it (logged).
 */
public final class FolderOwner
{
    /** The file, in the data folder. */
    public static final String FILE = "bot.json";

    private static final Logger LOG = LoggerFactory.getLogger(FolderOwner.class);
    private static final JsonFactory JSON = new JsonFactory();

    private FolderOwner()
    {
    }

    /**
     * @param dataDir a data folder.
     * @return the bot it records, or null when it records none.
     * @throws DataFolderRefusedException when {@code bot.json} cannot be read.
     */
    public static String recorded(final Path dataDir)
    {
        final Path file = dataDir.resolve(FILE);
        if (!Files.exists(file))
        {
            return null;
        }
        String name = null;
        try (JsonParser p = JSON.createParser(Files.readString(file, StandardCharsets.UTF_8)))
        {
            if (p.nextToken() == JsonToken.START_OBJECT)
            {
                while (p.nextToken() == JsonToken.FIELD_NAME)
                {
                    final String key = p.currentName();
                    final JsonToken value = p.nextToken();
                    if ("bot".equals(key) && value == JsonToken.VALUE_STRING)
                    {
                        name = p.getText();
                    }
                    else
                    {
                        p.skipChildren();
                    }
                }
            }
        }
        catch (final IOException ex)
        {
            name = null;
        }
        if (name == null || name.isBlank())
        {
            throw new DataFolderRefusedException(file + " should name the bot this data folder belongs to " +
                "({\"bot\":\"<name>\"}) and cannot be read: write the bot's name back into it, or delete it to let " +
                "the next bot that starts on the folder adopt it");
        }
        return name;
    }

    /**
     * Refuses a bot other than the folder's, before anything in the folder changes.
     *
     * @param dataDir the data folder.
     * @param botName the bot that opens it, or null to check nothing.
     * @throws DataFolderRefusedException naming both bots and the folder.
     */
    static void check(final Path dataDir, final String botName)
    {
        if (botName == null)
        {
            return;
        }
        final String owner = recorded(dataDir);
        if (owner != null && !owner.equals(botName))
        {
            throw new DataFolderRefusedException("the data folder " + dataDir.toAbsolutePath().normalize() +
                " belongs to bot '" + owner + "', this is bot '" + botName + "': its records and their layouts are " +
                "the other bot's. Give this bot its own folder (DATA_DIR / --data-dir), or start '" + owner +
                "' on this one. If '" + botName + "' is meant to take the folder over (a renamed bot), delete " +
                dataDir.resolve(FILE) + ": the next start adopts it, and a change that drops fields is still refused " +
                "unless DROP_FIELDS names them");
        }
    }

    /**
     * Records the bot once the folder's checks passed (a fresh folder, or one from before bots were recorded).
     *
     * @param dataDir     the data folder.
     * @param botName     the bot, or null to record nothing.
     * @param holdsTables whether the folder already holds record files (then adopting it is logged).
     * @throws IOException when the file cannot be written.
     */
    static void record(final Path dataDir, final String botName, final boolean holdsTables) throws IOException
    {
        if (botName == null || recorded(dataDir) != null)
        {
            return;
        }
        if (holdsTables)
        {
            LOG.warn("the data folder {} records no bot (made before bots were recorded): bot '{}' adopts it; from " +
                "now on only it starts on this folder ({})", dataDir, botName, dataDir.resolve(FILE));
        }
        final StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out))
        {
            g.writeStartObject();
            g.writeStringField("bot", botName);
            g.writeEndObject();
        }
        SchemaMigration.writeDurably(dataDir.resolve(FILE), out.toString());
    }
}

package io.ringbot.perf.load;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static io.ringbot.perf.load.UpdateTemplate.Slot.CALLBACK_ID;
import static io.ringbot.perf.load.UpdateTemplate.Slot.DATE;
import static io.ringbot.perf.load.UpdateTemplate.Slot.MESSAGE_ID;
import static io.ringbot.perf.load.UpdateTemplate.Slot.UPDATE_ID;
import static io.ringbot.perf.load.UpdateTemplate.Slot.USER_ID;

/**
 * The catalogue of update templates, shaped like the Bot API payloads in {@code shared/fixtures/telegram}
 * (private chats, so the chat id is the user id): texts in several scripts and sizes, {@code /start} and
 * other commands, {@code like} button presses, edits and captioned media.
 */
public final class UpdateTemplates
{
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Plain texts: none starts with '/', several need escaping or are multi-byte, one is long. */
    private static final String[] TEXTS = {
        "hello",
        "How are you today?",
        "Привет! Как дела? 👋",
        "مرحبا بالعالم، كيف حالك اليوم؟",
        "שלום עולם",
        "こんにちは世界 🌸🎉",
        "👨‍👩‍👧‍👦 family photo night 🇺🇦🇯🇵",
        "she said \"ok\" \\ then left\ta tab",
        "Zoë's café costs 5€ — naïve résumé",
        "check https://example.org/path?q=1&x=2 please",
        "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(12).trim(),
    };

    /** First names in several scripts: the /start greeting echoes one. */
    private static final String[] NAMES = { "Mario", "Анна", "محمد", "李雷", "Zoë 🚀", "Ana-María" };

    private static final String[] CAPTIONS = { "sunset 🌅", "Фото с отпуска", "صورة جميلة", "invoice #42" };

    private final Map<UpdateKind, UpdateTemplate[]> byKind = new EnumMap<>(UpdateKind.class);

    /**
     * Renders every template once.
     */
    public UpdateTemplates()
    {
        final List<UpdateTemplate> texts = new ArrayList<>();
        for (int i = 0; i < TEXTS.length; i++)
        {
            texts.add(template("text-" + i, UpdateKind.TEXT, Expectation.COUNT,
                message("message", NAMES[i % NAMES.length], TEXTS[i], null)));
        }

        final List<UpdateTemplate> commands = new ArrayList<>();
        for (int i = 0; i < NAMES.length; i++)
        {
            commands.add(template("start-" + i, UpdateKind.COMMAND, Expectation.SEND_MESSAGE,
                message("message", NAMES[i], "/start", "/start")));
        }
        commands.add(template("start-deep-link", UpdateKind.COMMAND, Expectation.STATUS,
            message("message", "Mario", "/start ref_42", "/start")));
        commands.add(template("help", UpdateKind.COMMAND, Expectation.STATUS,
            message("message", "Анна", "/help", "/help")));
        commands.add(template("settings", UpdateKind.COMMAND, Expectation.STATUS,
            message("message", "李雷", "/settings", "/settings")));

        final List<UpdateTemplate> edits = new ArrayList<>();
        for (int i = 0; i < 3; i++)
        {
            final ObjectNode update = message("edited_message", NAMES[i], TEXTS[i] + " (edited)", null);
            final ObjectNode edited = (ObjectNode)update.get("edited_message");
            edited.put("edit_date", DATE.sentinel());
            edits.add(template("edit-" + i, UpdateKind.EDIT, Expectation.STATUS, update));
        }

        final List<UpdateTemplate> media = new ArrayList<>();
        for (int i = 0; i < CAPTIONS.length; i++)
        {
            final ObjectNode update = message("message", NAMES[i], null, null);
            final ObjectNode message = (ObjectNode)update.get("message");
            if (i % 2 == 0)
            {
                addPhoto(message);
            }
            else
            {
                addDocument(message);
            }
            message.put("caption", CAPTIONS[i]);
            media.add(template("media-" + i, UpdateKind.MEDIA, Expectation.STATUS, update));
        }

        byKind.put(UpdateKind.TEXT, texts.toArray(new UpdateTemplate[0]));
        byKind.put(UpdateKind.COMMAND, commands.toArray(new UpdateTemplate[0]));
        byKind.put(UpdateKind.CALLBACK, new UpdateTemplate[] {
            template("callback-like", UpdateKind.CALLBACK, Expectation.CALLBACK_ID, callback("Mario")),
            template("callback-like-rtl", UpdateKind.CALLBACK, Expectation.CALLBACK_ID, callback("محمد")) });
        byKind.put(UpdateKind.EDIT, edits.toArray(new UpdateTemplate[0]));
        byKind.put(UpdateKind.MEDIA, media.toArray(new UpdateTemplate[0]));
    }

    /**
     * @param kind an update kind.
     * @return every template of that kind.
     */
    public List<UpdateTemplate> of(final UpdateKind kind)
    {
        return List.of(byKind.get(kind));
    }

    /**
     * @param kind   an update kind.
     * @param random the caller's random source.
     * @return one template of that kind, uniformly.
     */
    public UpdateTemplate pick(final UpdateKind kind, final SplittableRandom random)
    {
        final UpdateTemplate[] templates = byKind.get(kind);
        return templates[random.nextInt(templates.length)];
    }

    private static UpdateTemplate template(
        final String name, final UpdateKind kind, final Expectation expectation, final ObjectNode update)
    {
        try
        {
            return UpdateTemplate.of(name, kind, expectation, JSON.writeValueAsBytes(update));
        }
        catch (final JsonProcessingException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static ObjectNode message(
        final String field, final String firstName, final String text, final String command)
    {
        final ObjectNode update = JSON.createObjectNode();
        update.put("update_id", UPDATE_ID.sentinel());
        final ObjectNode message = update.putObject(field);
        message.put("message_id", MESSAGE_ID.sentinel());
        user(message.putObject("from"), firstName);
        chat(message.putObject("chat"), firstName);
        message.put("date", DATE.sentinel());
        if (text != null)
        {
            message.put("text", text);
        }
        if (command != null)
        {
            final ObjectNode entity = message.putArray("entities").addObject();
            entity.put("offset", 0);
            entity.put("length", command.length());
            entity.put("type", "bot_command");
        }
        return update;
    }

    private static ObjectNode callback(final String firstName)
    {
        final ObjectNode update = JSON.createObjectNode();
        update.put("update_id", UPDATE_ID.sentinel());
        final ObjectNode query = update.putObject("callback_query");
        query.put("id", String.valueOf(CALLBACK_ID.sentinel()));
        user(query.putObject("from"), firstName);
        final ObjectNode message = query.putObject("message");
        message.put("message_id", MESSAGE_ID.sentinel());
        final ObjectNode bot = message.putObject("from");
        bot.put("id", 7_000_000_001L);
        bot.put("is_bot", true);
        bot.put("first_name", "ringbot");
        bot.put("username", "ringbot_bot");
        chat(message.putObject("chat"), firstName);
        message.put("date", DATE.sentinel());
        message.put("text", "Do you like it?");
        final ObjectNode button = message.putObject("reply_markup").putArray("inline_keyboard").addArray().addObject();
        button.put("text", "👍 Like");
        button.put("callback_data", "like");
        query.put("chat_instance", "-4382918347120938471");
        query.put("data", "like");
        return update;
    }

    private static void user(final ObjectNode from, final String firstName)
    {
        from.put("id", USER_ID.sentinel());
        from.put("is_bot", false);
        from.put("first_name", firstName);
        from.put("username", "load_user");
        from.put("language_code", "en");
    }

    private static void chat(final ObjectNode chat, final String firstName)
    {
        chat.put("id", USER_ID.sentinel());
        chat.put("first_name", firstName);
        chat.put("username", "load_user");
        chat.put("type", "private");
    }

    private static void addPhoto(final ObjectNode message)
    {
        final int[][] sizes = { { 90, 67, 1_251 }, { 320, 240, 16_894 }, { 1280, 960, 183_201 } };
        final ArrayNode photos = message.putArray("photo");
        for (final int[] size : sizes)
        {
            final ObjectNode photo = photos.addObject();
            photo.put("file_id", "AgACAgIAAxkBAAIBZ2X" + size[0] + "dQABHkNLr7Qk");
            photo.put("file_unique_id", "AQADw" + size[0]);
            photo.put("file_size", size[2]);
            photo.put("width", size[0]);
            photo.put("height", size[1]);
        }
    }

    private static void addDocument(final ObjectNode message)
    {
        final ObjectNode document = message.putObject("document");
        document.put("file_id", "BQACAgIAAxkBAAIBaGX1d2Rv0YIAAc5mZ3X");
        document.put("file_unique_id", "AgADrDsAAk1");
        document.put("file_name", "report.pdf");
        document.put("mime_type", "application/pdf");
        document.put("file_size", 123_456);
    }
}

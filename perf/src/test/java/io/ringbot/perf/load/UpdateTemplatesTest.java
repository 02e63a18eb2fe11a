package io.ringbot.perf.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UpdateTemplatesTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long UPDATE_ID = 1_700_000_000_000_123L;
    private static final long USER = 777_000_123L;
    private static final long DATE = 1_764_000_000L;

    private final UpdateTemplates templates = new UpdateTemplates();

    @Test
    void shouldRenderEveryTemplateAsValidJsonWithTheValuesFilledIn() throws IOException
    {
        for (final UpdateKind kind : UpdateKind.values())
        {
            assertFalse(templates.of(kind).isEmpty(), kind + " has templates");
            for (final UpdateTemplate template : templates.of(kind))
            {
                final JsonNode update = render(template);

                assertEquals(UPDATE_ID, update.get("update_id").asLong(), template.name());
                assertFalse(update.toString().contains("7919000000000000"), template.name() + " has a hole left");
                final JsonNode payload = update.get(payloadField(kind));
                assertEquals(USER, payload.get("from").get("id").asLong(), template.name());
                final JsonNode message = kind == UpdateKind.CALLBACK ? payload.get("message") : payload;
                assertEquals(USER, message.get("chat").get("id").asLong(), template.name());
                assertEquals("private", message.get("chat").get("type").asText(), template.name());
                assertEquals(DATE, message.get("date").asLong(), template.name());
                assertTrue(template.maxLength() >= renderedLength(template), template.name());
            }
        }
    }

    @Test
    void shouldShapeEachKindLikeTelegramDoes() throws IOException
    {
        for (final UpdateTemplate text : templates.of(UpdateKind.TEXT))
        {
            final String body = render(text).get("message").get("text").asText();
            assertFalse(body.startsWith("/"), "plain text: " + body);
            assertEquals(Expectation.COUNT, text.expectation());
        }
        for (final UpdateTemplate command : templates.of(UpdateKind.COMMAND))
        {
            final JsonNode message = render(command).get("message");
            assertTrue(message.get("text").asText().startsWith("/"));
            assertEquals("bot_command", message.get("entities").get(0).get("type").asText());
        }
        assertTrue(templates.of(UpdateKind.COMMAND).stream()
            .anyMatch(t -> t.expectation() == Expectation.SEND_MESSAGE), "/start is among the commands");
        for (final UpdateTemplate callback : templates.of(UpdateKind.CALLBACK))
        {
            final JsonNode query = render(callback).get("callback_query");
            assertEquals("like", query.get("data").asText());
            assertEquals(Long.toString(UPDATE_ID + 1), query.get("id").asText());
        }
        for (final UpdateTemplate edit : templates.of(UpdateKind.EDIT))
        {
            assertEquals(DATE, render(edit).get("edited_message").get("edit_date").asLong());
        }
        for (final UpdateTemplate media : templates.of(UpdateKind.MEDIA))
        {
            final JsonNode message = render(media).get("message");
            assertTrue(message.has("photo") || message.has("document"));
            assertFalse(message.get("caption").asText().isEmpty());
        }
    }

    @Test
    void shouldCarryUnicodeEmojiAndRightToLeftText() throws IOException
    {
        final Set<String> texts = templates.of(UpdateKind.TEXT).stream()
            .map(t -> renderQuietly(t).get("message").get("text").asText())
            .collect(Collectors.toSet());

        assertTrue(texts.stream().anyMatch(t -> t.codePoints().anyMatch(c -> c >= 0x1F300)), "emoji");
        assertTrue(texts.stream().anyMatch(t -> t.codePoints()
            .anyMatch(c -> Character.getDirectionality(c) == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC)), "RTL");
        assertTrue(texts.stream().anyMatch(t -> t.contains("\"") && t.contains("\\")), "escaped characters");
        assertTrue(texts.stream().anyMatch(t -> t.length() > 500), "a long text");
    }

    @Test
    void shouldPickOnlyTemplatesOfTheAskedKind()
    {
        final SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 100; i++)
        {
            assertEquals(UpdateKind.EDIT, templates.pick(UpdateKind.EDIT, random).kind());
        }
    }

    private static String payloadField(final UpdateKind kind)
    {
        return switch (kind)
        {
            case CALLBACK -> "callback_query";
            case EDIT -> "edited_message";
            default -> "message";
        };
    }

    private static JsonNode renderQuietly(final UpdateTemplate template)
    {
        try
        {
            return render(template);
        }
        catch (final IOException ex)
        {
            throw new AssertionError(template.name(), ex);
        }
    }

    private static JsonNode render(final UpdateTemplate template) throws IOException
    {
        final ByteBuf out = Unpooled.buffer();
        template.render(out, values());
        return JSON.readTree(out.toString(StandardCharsets.UTF_8));
    }

    private static int renderedLength(final UpdateTemplate template)
    {
        final ByteBuf out = Unpooled.buffer();
        template.render(out, values());
        return out.readableBytes();
    }

    private static long[] values()
    {
        final long[] values = new long[UpdateTemplate.Slot.values().length];
        values[UpdateTemplate.Slot.UPDATE_ID.ordinal()] = UPDATE_ID;
        values[UpdateTemplate.Slot.USER_ID.ordinal()] = USER;
        values[UpdateTemplate.Slot.MESSAGE_ID.ordinal()] = 99;
        values[UpdateTemplate.Slot.DATE.ordinal()] = DATE;
        values[UpdateTemplate.Slot.CALLBACK_ID.ordinal()] = UPDATE_ID + 1;
        return values;
    }
}

package io.ringbot.bot.types;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringbot.bot.OutboundMethod;
import io.ringbot.bot.Reply;
import io.ringbot.bot.UpdateKind;
import io.ringbot.engine.Fixtures;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Walks the spec and checks the generated API against it: every type has its view class, every field its
 * {@code hasX()} and typed accessors, every union its variants, every method its {@link BotMethod}, every
 * update kind its context shortcut; the hand-kept method enums agree with the generated one.
 */
class GeneratedApiSurfaceTest
{
    @Test
    void shouldHaveAViewWithAnAccessorForEveryTypeAndFieldOfTheSpec() throws Exception
    {
        final List<String> missing = new ArrayList<>();
        int types = 0;
        int fields = 0;
        for (final Iterator<Map.Entry<String, JsonNode>> it = BotApiSpec.root().path("types").fields(); it.hasNext(); )
        {
            final Map.Entry<String, JsonNode> entry = it.next();
            final Class<?> view = Class.forName("io.ringbot.bot.types." + entry.getKey());
            assertTrue(ObjectView.class.isAssignableFrom(view) && Modifier.isPublic(view.getModifiers()), entry.getKey());
            types++;
            for (final JsonNode field : BotApiSpec.viewFields(entry.getValue()))
            {
                final String name = field.path("name").asText();
                final String where = entry.getKey() + "." + name;
                final List<String> kinds = new ArrayList<>();
                field.path("types").forEach(t -> kinds.add(t.asText()));
                check(view, "has" + BotApiSpec.camel(name, true), boolean.class, null, where, missing);
                final String accessor = BotApiSpec.camel(name, false);
                if (kinds.contains("Integer"))
                {
                    check(view, accessor, long.class, long.class, where, missing);
                }
                if (kinds.contains("String"))
                {
                    check(view, accessor, boolean.class, StringBuilder.class, where, missing);
                    check(view, accessor + "Equals", boolean.class, CharSequence.class, where, missing);
                }
                if (kinds.size() == 1)
                {
                    final String kind = kinds.get(0);
                    if (kind.equals("Float"))
                    {
                        check(view, accessor, double.class, double.class, where, missing);
                    }
                    else if (kind.equals("Boolean") || kind.equals("True"))
                    {
                        check(view, accessor, boolean.class, boolean.class, where, missing);
                    }
                    else if (kind.startsWith("Array of "))
                    {
                        check(view, accessor, kind.equals("Array of String") ? StringArray.class :
                            kind.equals("Array of Integer") ? LongArray.class : ObjectArray.class, null, where, missing);
                    }
                    else if (!kind.equals("Integer") && !kind.equals("String"))
                    {
                        check(view, accessor, Class.forName("io.ringbot.bot.types." + kind), null, where, missing);
                    }
                }
                fields++;
            }
            for (final String subtype : BotApiSpec.objectSubtypes(entry.getValue()))
            {
                check(view, "as" + subtype, Class.forName("io.ringbot.bot.types." + subtype), null, entry.getKey(), missing);
            }
        }
        assertEquals(List.of(), missing, "accessors the spec implies but the views lack");
        assertEquals(359, types);
        assertTrue(fields > 1500, "fields: " + fields);
    }

    @Test
    void shouldTellEveryDiscriminatedUnionsVariantsByAnEnum() throws Exception
    {
        for (final String union : List.of("ChatMember", "MessageOrigin", "ReactionType", "MaybeInaccessibleMessage",
            "BackgroundType", "BackgroundFill", "PaidMedia", "ChatBoostSource", "TransactionPartner",
            "RevenueWithdrawalState", "OwnedGift", "StoryAreaType", "RichText", "RichBlock"))
        {
            final Method kind = Class.forName("io.ringbot.bot.types." + union).getMethod("kind");
            final Object[] constants = kind.getReturnType().getEnumConstants();
            assertEquals(BotApiSpec.objectSubtypes(BotApiSpec.type(union)).size() + 1, constants.length, union);
            assertEquals("UNKNOWN", constants[constants.length - 1].toString());
        }
        assertEquals(ChatMemberStatus.class, ChatMember.class.getMethod("status").getReturnType());
        assertEquals(ChatMemberStatus.class, ChatMemberBanned.class.getMethod("status").getReturnType());
        assertEquals(ChatType.class, Chat.class.getMethod("type").getReturnType());
        assertEquals(ChatType.class, ChatFullInfo.class.getMethod("type").getReturnType());
        assertEquals(MessageEntityType.class, MessageEntity.class.getMethod("type").getReturnType());
        assertEquals("kicked", ChatMemberStatus.KICKED.wireName());
        assertEquals("text_link", MessageEntityType.TEXT_LINK.wireName());
    }

    @Test
    void shouldHaveEveryMethodOfTheSpecInBotMethod()
    {
        final List<String> spec = new ArrayList<>();
        BotApiSpec.root().path("methods").fieldNames().forEachRemaining(spec::add);
        final List<String> generated = new ArrayList<>();
        for (final BotMethod method : BotMethod.values())
        {
            generated.add(method.apiName());
        }
        assertEquals(spec, generated);
        assertEquals(180, generated.size());
        assertTrue(BotMethod.SEND_MESSAGE.returnsMessage());
        assertTrue(BotMethod.EDIT_MESSAGE_TEXT.returnsMessage(), BotMethod.EDIT_MESSAGE_TEXT.returns());
        assertTrue(!BotMethod.ANSWER_CALLBACK_QUERY.returnsMessage());
    }

    @Test
    void shouldNameTheHandKeptMethodEnumsByTheGeneratedOne()
    {
        for (final OutboundMethod method : OutboundMethod.values())
        {
            assertEquals(method == OutboundMethod.GENERIC ? "" : method.botMethod().apiName(), method.apiName(), method.name());
            if (method != OutboundMethod.GENERIC)
            {
                assertEquals(method.name(), method.botMethod().name());
            }
        }
        for (final Reply.Method method : Reply.Method.values())
        {
            assertEquals(method == Reply.Method.NONE ? "" : method.botMethod().apiName(), method.apiName(), method.name());
        }
    }

    @Test
    void shouldOfferAContextShortcutAndAPayloadForEveryUpdateKind() throws Exception
    {
        for (final UpdateKind kind : UpdateKind.values())
        {
            if (kind == UpdateKind.UNKNOWN)
            {
                assertEquals(ObjectView.ABSENT, new UpdateViews().update().payload(kind));
                continue;
            }
            final String accessor = BotApiSpec.camel(kind.fieldName(), false);
            final Method shortcut = UpdateShortcuts.class.getMethod(accessor);
            assertEquals(Update.class.getMethod(accessor).getReturnType(), shortcut.getReturnType(), accessor);
        }
    }

    @Test
    void shouldGenerateFromTheSharedSpecsCopy() throws Exception
    {
        final java.nio.file.Path shared = Fixtures.root().resolve("spec/bot-api.json");
        assertArrayEquals(Files.readAllBytes(shared), Files.readAllBytes(BotApiSpec.FILE),
            "engine/src/main/spec/bot-api.json is a copy of ../shared/fixtures/telegram/spec/bot-api.json");
    }

    private static void check(final Class<?> view, final String name, final Class<?> returns, final Class<?> parameter,
        final String where, final List<String> missing)
    {
        try
        {
            final Method method = parameter == null ? view.getMethod(name) : view.getMethod(name, parameter);
            if (!returns.isAssignableFrom(method.getReturnType()))
            {
                missing.add(where + ": " + name + " returns " + method.getReturnType().getSimpleName());
            }
        }
        catch (final NoSuchMethodException none)
        {
            missing.add(where + ": " + name + "(" + (parameter == null ? "" : parameter.getSimpleName()) + ")");
        }
    }
}

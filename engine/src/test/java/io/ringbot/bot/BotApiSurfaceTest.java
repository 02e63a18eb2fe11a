package io.ringbot.bot;

import io.ringbot.engine.reference.ReferenceBot;
import io.ringbot.engine.wallet.WalletBot;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bot API is {@code io.ringbot.bot}: nothing a handler can reach through it names an engine internal.
 * Every public type of the package (found in the compiled classes, so a new one is checked too) is read
 * reflectively: its supertypes and the types of its public and protected members must come from the API,
 * the store's record schema ({@code io.ringbot.store.record}) or the JDK.
 */
class BotApiSurfaceTest
{
    private static final Pattern ENGINE_CLASS = Pattern.compile("io/ringbot/engine/[A-Za-z0-9_/$]+");

    /** The API types that must be there (the scan finds the rest). */
    private static final List<Class<?>> API = List.of(Bot.class, BotContext.class, BotFactory.class,
        UpdateHandler.class, UpdatePredicate.class, RecordState.class, OtherUser.class, Reply.class,
        Reply.Method.class, Update.class, UpdateKind.class, JsonCursor.class, RecordIdOf.class, OutboundCalls.class,
        OutboundCall.class, OutboundMethod.class, SendResult.class, SendResultHandler.class);

    @Test
    void shouldNameNoEngineInternalInAnyPublicOrProtectedMember() throws Exception
    {
        final List<Class<?>> types = apiTypes();
        assertTrue(types.containsAll(API), "found " + types);
        final Set<String> leaks = new TreeSet<>();
        for (final Class<?> type : types)
        {
            check(type, type.getGenericSuperclass(), "extends", leaks);
            for (final Type implemented : type.getGenericInterfaces())
            {
                check(type, implemented, "implements", leaks);
            }
            for (final Field field : type.getDeclaredFields())
            {
                if (exposed(field))
                {
                    check(type, field.getGenericType(), field.getName(), leaks);
                }
            }
            for (final Method method : type.getDeclaredMethods())
            {
                if (exposed(method) && !method.isSynthetic())
                {
                    check(type, method.getGenericReturnType(), method.getName(), leaks);
                    checkSignature(type, method, leaks);
                }
            }
            for (final Constructor<?> constructor : type.getDeclaredConstructors())
            {
                if (exposed(constructor))
                {
                    checkSignature(type, constructor, leaks);
                }
            }
        }
        assertEquals(Set.of(), leaks, "engine internals reachable from the bot API");
    }

    @Test
    void shouldLeaveBeginningAContextAndRoutingToTheEngine() throws Exception
    {
        for (final Class<?> type : apiTypes())
        {
            for (final Method method : type.getMethods())
            {
                final String name = method.getName();
                assertFalse(name.equals("begin") || name.equals("bind") || name.equals("reset") ||
                    name.equals("handle") || name.equals("route") || name.equals("endWrite"),
                    type.getSimpleName() + "." + name + " is the engine's");
            }
        }
        assertTrue(Modifier.isAbstract(BotContext.class.getModifiers()), "the engine's context is its own class");
        assertTrue(Modifier.isAbstract(RecordState.class.getModifiers()));
        assertTrue(Modifier.isAbstract(Reply.class.getModifiers()));
        assertTrue(Modifier.isAbstract(Update.class.getModifiers()));
    }

    @Test
    void shouldWriteTheExampleBotsWithTheApiAlone() throws IOException
    {
        final Set<String> used = new TreeSet<>();
        for (final Class<?> bot : List.of(ReferenceBot.class, WalletBot.class))
        {
            final List<Class<?>> classes = new ArrayList<>(List.of(bot.getDeclaredClasses()));
            classes.add(bot);
            for (final Class<?> type : classes)
            {
                final String own = type.getPackageName().replace('.', '/') + "/";
                try (InputStream in = type.getResourceAsStream("/" + type.getName().replace('.', '/') + ".class"))
                {
                    // the constant pool names every class the bytecode refers to
                    final String bytes = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
                    final Matcher matcher = ENGINE_CLASS.matcher(bytes);
                    while (matcher.find())
                    {
                        final String name = matcher.group();
                        if (!name.startsWith(own))
                        {
                            used.add(type.getSimpleName() + " uses " + name);
                        }
                    }
                }
            }
        }
        assertEquals(Set.of(), used, "the example bots use only io.ringbot.bot and the record schema types");
    }

    private static boolean exposed(final Member member)
    {
        final int modifiers = member.getModifiers();
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static void checkSignature(final Class<?> owner, final Executable executable, final Set<String> leaks)
    {
        for (final Type parameter : executable.getGenericParameterTypes())
        {
            check(owner, parameter, executable.getName(), leaks);
        }
        for (final Type thrown : executable.getGenericExceptionTypes())
        {
            check(owner, thrown, executable.getName(), leaks);
        }
    }

    private static void check(final Class<?> owner, final Type type, final String where, final Set<String> leaks)
    {
        if (type instanceof Class<?>)
        {
            Class<?> raw = (Class<?>)type;
            while (raw.isArray())
            {
                raw = raw.getComponentType();
            }
            final String name = raw.getName();
            if (name.startsWith("io.ringbot.") && !name.startsWith("io.ringbot.bot.") &&
                !name.startsWith("io.ringbot.store.record."))
            {
                leaks.add(owner.getSimpleName() + "." + where + ": " + name);
            }
        }
        else if (type instanceof ParameterizedType)
        {
            check(owner, ((ParameterizedType)type).getRawType(), where, leaks);
            for (final Type argument : ((ParameterizedType)type).getActualTypeArguments())
            {
                check(owner, argument, where, leaks);
            }
        }
        else if (type instanceof GenericArrayType)
        {
            check(owner, ((GenericArrayType)type).getGenericComponentType(), where, leaks);
        }
        else if (type instanceof WildcardType)
        {
            for (final Type bound : ((WildcardType)type).getUpperBounds())
            {
                check(owner, bound, where, leaks);
            }
            for (final Type bound : ((WildcardType)type).getLowerBounds())
            {
                check(owner, bound, where, leaks);
            }
        }
        else if (type instanceof TypeVariable<?>)
        {
            for (final Type bound : ((TypeVariable<?>)type).getBounds())
            {
                if (bound != type && !(bound instanceof ParameterizedType &&
                    ((ParameterizedType)bound).getRawType() == Enum.class))
                {
                    check(owner, bound, where, leaks);
                }
            }
        }
    }

    /** The public types compiled into {@code io.ringbot.bot}, nested ones included. */
    private static List<Class<?>> apiTypes() throws IOException, URISyntaxException, ClassNotFoundException
    {
        final Path classes = Path.of(Bot.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        final Path dir = classes.resolve("io/ringbot/bot");
        final List<Class<?>> types = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir))
        {
            for (final Path file : (Iterable<Path>)files.sorted()::iterator)
            {
                final String name = file.getFileName().toString();
                if (name.endsWith(".class") && !name.equals("package-info.class"))
                {
                    final Class<?> type = Class.forName("io.ringbot.bot." + name.substring(0, name.length() - 6));
                    if (Modifier.isPublic(type.getModifiers()) && !type.isSynthetic() && !type.isAnonymousClass())
                    {
                        types.add(type);
                    }
                }
            }
        }
        return types;
    }
}

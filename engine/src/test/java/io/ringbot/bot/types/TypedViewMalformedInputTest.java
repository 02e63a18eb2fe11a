package io.ringbot.bot.types;

import io.ringbot.engine.Fixtures;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The views read whatever bytes they are given: truncated and mutated fixtures, read through every accessor
 * reachable from the root (found by reflection), answer values or defaults and never throw.
 */
class TypedViewMalformedInputTest
{
    private static final byte[] NOISE = "{}[]\",:\\ntfu0-.eE9 \u00ff".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

    private final UpdateViews views = new UpdateViews();
    private final StringBuilder text = new StringBuilder();
    private int reads;

    @Test
    void shouldNeverThrowOnTruncatedOrMutatedUpdates() throws Exception
    {
        final Random random = new Random(21);
        int documents = 0;
        for (final Path fixture : Fixtures.all())
        {
            final byte[] bytes = Fixtures.read(fixture);
            for (int round = 0; round < 12; round++)
            {
                final byte[] mutated = Arrays.copyOf(bytes, bytes.length);
                for (int i = 0; i < 1 + round; i++)
                {
                    mutated[random.nextInt(mutated.length)] = NOISE[random.nextInt(NOISE.length)];
                }
                final int length = round % 3 == 0 ? random.nextInt(mutated.length + 1) : mutated.length;
                readEverything(views.wrap(mutated, length), 0, fixture + " round " + round);
                documents++;
            }
        }
        assertTrue(documents > 1000, "documents read: " + documents);
        assertTrue(reads > 100_000, "reads: " + reads);
    }

    private void readEverything(final View view, final int depth, final String where) throws Exception
    {
        if (!view.isPresent() || depth > 6)
        {
            return;
        }
        if (view instanceof ArrayView)
        {
            final ArrayView array = (ArrayView)view;
            for (int i = -1; i <= Math.min(array.length(), 4); i++)
            {
                if (array instanceof ObjectArray)
                {
                    readEverything(((ObjectArray<?>)array).get(i), depth + 1, where);
                }
                else if (array instanceof StringArray)
                {
                    ((StringArray)array).get(i, text);
                    ((StringArray)array).equals(i, "x");
                }
                else
                {
                    ((LongArray)array).get(i, 0);
                }
                reads++;
            }
            return;
        }
        for (final Method method : view.getClass().getDeclaredMethods())
        {
            if (!Modifier.isPublic(method.getModifiers()) || Modifier.isStatic(method.getModifiers()))
            {
                continue;
            }
            final Class<?>[] parameters = method.getParameterTypes();
            final Object result;
            try
            {
                if (parameters.length == 0)
                {
                    result = method.invoke(view);
                }
                else if (parameters[0] == long.class)
                {
                    result = method.invoke(view, 0L);
                }
                else if (parameters[0] == double.class)
                {
                    result = method.invoke(view, 0.0);
                }
                else if (parameters[0] == boolean.class)
                {
                    result = method.invoke(view, false);
                }
                else if (parameters[0] == StringBuilder.class)
                {
                    text.setLength(0);
                    result = method.invoke(view, text);
                }
                else if (parameters[0] == CharSequence.class)
                {
                    result = method.invoke(view, "x");
                }
                else
                {
                    continue; // payload(UpdateKind): the accessors cover it
                }
            }
            catch (final InvocationTargetException ex)
            {
                fail(where + ": " + view.getClass().getSimpleName() + "." + method.getName() + " threw", ex.getCause());
                return;
            }
            reads++;
            if (result instanceof View)
            {
                readEverything((View)result, depth + 1, where);
            }
        }
    }
}

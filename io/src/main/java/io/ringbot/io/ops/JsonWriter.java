package io.ringbot.io.ops;

/**
 * A small append-only JSON writer for the ops endpoints' flat documents of numbers and short strings:
 * the main code has no JSON library, and these documents do not justify one. Commas are placed for the
 * caller; non-finite doubles become {@code null} (JSON has no NaN).
 */
final class JsonWriter
{
    private static final int MAX_DEPTH = 16;

    private final StringBuilder out;
    private final boolean[] first = new boolean[MAX_DEPTH];
    private int depth;
    private boolean afterName;

    JsonWriter(final StringBuilder out)
    {
        this.out = out;
    }

    JsonWriter startObject()
    {
        beforeValue();
        out.append('{');
        push();
        return this;
    }

    JsonWriter endObject()
    {
        depth--;
        out.append('}');
        return this;
    }

    JsonWriter startArray()
    {
        beforeValue();
        out.append('[');
        push();
        return this;
    }

    JsonWriter endArray()
    {
        depth--;
        out.append(']');
        return this;
    }

    JsonWriter name(final String name)
    {
        comma();
        string(name);
        out.append(':');
        afterName = true;
        return this;
    }

    JsonWriter value(final long value)
    {
        beforeValue();
        out.append(value);
        return this;
    }

    JsonWriter value(final double value)
    {
        beforeValue();
        if (Double.isFinite(value))
        {
            // Integral values without ".0" keep the documents short and easy to read.
            if (value == Math.rint(value) && Math.abs(value) < 1e15)
            {
                out.append((long)value);
            }
            else
            {
                out.append(value);
            }
        }
        else
        {
            out.append("null");
        }
        return this;
    }

    JsonWriter value(final boolean value)
    {
        beforeValue();
        out.append(value);
        return this;
    }

    JsonWriter value(final String value)
    {
        beforeValue();
        if (value == null)
        {
            out.append("null");
        }
        else
        {
            string(value);
        }
        return this;
    }

    /**
     * @param json a complete JSON value rendered earlier, appended as it is.
     * @return this.
     */
    JsonWriter raw(final String json)
    {
        beforeValue();
        out.append(json);
        return this;
    }

    JsonWriter field(final String name, final long value)
    {
        return name(name).value(value);
    }

    JsonWriter field(final String name, final double value)
    {
        return name(name).value(value);
    }

    JsonWriter field(final String name, final boolean value)
    {
        return name(name).value(value);
    }

    JsonWriter field(final String name, final String value)
    {
        return name(name).value(value);
    }

    private void push()
    {
        if (depth == MAX_DEPTH)
        {
            throw new IllegalStateException("JSON nested deeper than " + MAX_DEPTH);
        }
        first[depth++] = true;
    }

    private void beforeValue()
    {
        if (afterName)
        {
            afterName = false;
        }
        else
        {
            comma();
        }
    }

    private void comma()
    {
        if (depth > 0)
        {
            if (first[depth - 1])
            {
                first[depth - 1] = false;
            }
            else
            {
                out.append(',');
            }
        }
    }

    private void string(final String s)
    {
        out.append('"');
        for (int i = 0, n = s.length(); i < n; i++)
        {
            final char c = s.charAt(i);
            switch (c)
            {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                // '<' and '&' too, so a document embedded in a page can never close a script element.
                case '<' -> out.append("\\u003c");
                case '&' -> out.append("\\u0026");
                default ->
                {
                    if (c < 0x20)
                    {
                        out.append(String.format("\\u%04x", (int)c));
                    }
                    else
                    {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}

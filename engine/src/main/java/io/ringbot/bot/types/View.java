package io.ringbot.bot.types;

/**
 * A reused flyweight over one JSON value of an update (an object or an array): the base of every generated
 * view. Its parent points it at a position; reads never allocate. A view is valid while the handler that got
 * it runs: the bytes are the ring slot's.
 */
public abstract class View
{
    UpdateViews source;
    int start = -1;

    View()
    {
    }

    /** @return true when a value starting with this byte is one this view reads ('{' or '['). */
    abstract boolean accepts(byte first);

    /** Points this view at the value at {@code position}, absent when there is none or it has another type. */
    final void viewAt(final UpdateViews source, final int position)
    {
        this.source = source;
        this.start = source != null && position >= 0 && position < source.length &&
            accepts(source.bytes[position]) ? position : -1;
    }

    /**
     * @return true when the value is present (an object or array as the spec says); an absent view answers
     * every read with its default.
     */
    public final boolean isPresent()
    {
        return start >= 0;
    }

    static int skipSpace(final byte[] bytes, final int limit, final int from)
    {
        int pos = from;
        while (pos < limit)
        {
            final byte b = bytes[pos];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t')
            {
                break;
            }
            pos++;
        }
        return pos;
    }
}

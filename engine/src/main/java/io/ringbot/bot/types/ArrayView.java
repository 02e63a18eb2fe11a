package io.ringbot.bot.types;

/**
 * A view of one JSON array: indexes its elements' offsets once per array on first use, so {@code get(i)} is
 * one array load. The index grows (allocating) only for an array longer than any this view has seen.
 */
public abstract class ArrayView extends View
{
    private int[] elements = new int[8];
    private int count;
    private int indexedStart = -1;
    private long indexedGeneration = -1;

    ArrayView()
    {
    }

    @Override
    final boolean accepts(final byte first)
    {
        return first == '[';
    }

    /**
     * @return the number of elements, 0 when absent.
     */
    public final int length()
    {
        index();
        return count;
    }

    /**
     * @return true when the array is absent or empty.
     */
    public final boolean isEmpty()
    {
        return length() == 0;
    }

    /** @return where element {@code i} starts, or -1 past the end. */
    final int elementOffset(final int i)
    {
        index();
        return i >= 0 && i < count ? elements[i] : -1;
    }

    private void index()
    {
        if (start < 0)
        {
            count = 0;
            indexedStart = -1;
            return;
        }
        if (indexedStart == start && indexedGeneration == source.generation)
        {
            return;
        }
        indexedStart = start;
        indexedGeneration = source.generation;
        count = 0;
        final byte[] bytes = source.bytes;
        final int limit = source.length;
        int pos = View.skipSpace(bytes, limit, start + 1);
        if (pos >= limit || bytes[pos] == ']')
        {
            return;
        }
        while (pos < limit)
        {
            if (count == elements.length)
            {
                elements = java.util.Arrays.copyOf(elements, count * 2);
            }
            elements[count++] = pos;
            final int end = source.cursor.wrap(bytes, limit, pos).valueEnd();
            pos = View.skipSpace(bytes, limit, end);
            if (pos >= limit || bytes[pos] != ',')
            {
                break;
            }
            pos = View.skipSpace(bytes, limit, pos + 1);
        }
    }
}

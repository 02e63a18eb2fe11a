package io.ringbot.bot.types;

/**
 * An array of integers, read in place.
 */
public final class LongArray extends ArrayView
{
    /**
     * An absent array; its parent points it at one.
     */
    public LongArray()
    {
    }

    /**
     * @param index        from 0.
     * @param defaultValue answered past the end or for an element that is not an integer.
     * @return the element.
     */
    public long get(final int index, final long defaultValue)
    {
        final int offset = elementOffset(index);
        return offset < 0 ? defaultValue : source.cursor.wrap(source.bytes, source.length, offset).asLong(defaultValue);
    }
}

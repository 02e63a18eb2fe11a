package io.ringbot.bot.types;

/**
 * An array of strings, read in place.
 */
public final class StringArray extends ArrayView
{
    /**
     * An absent array; its parent points it at one.
     */
    public StringArray()
    {
    }

    /**
     * @param index from 0.
     * @param into  where the decoded string is appended.
     * @return true when the element exists and was appended.
     */
    public boolean get(final int index, final StringBuilder into)
    {
        final int offset = elementOffset(index);
        return offset >= 0 && source.cursor.wrap(source.bytes, source.length, offset).text(into);
    }

    /**
     * @param index    from 0.
     * @param expected a text.
     * @return true when the element is a string equal to it (compared in place).
     */
    public boolean equals(final int index, final CharSequence expected)
    {
        final int offset = elementOffset(index);
        return offset >= 0 && source.cursor.wrap(source.bytes, source.length, offset).textEquals(expected);
    }
}

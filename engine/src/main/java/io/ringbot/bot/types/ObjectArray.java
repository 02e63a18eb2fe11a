package io.ringbot.bot.types;

import java.util.function.Supplier;

/**
 * An array of objects (or of arrays): {@code ctx.message().photo().last().fileId(sb)}. One element view,
 * reused by every {@link #get(int)}: read an element before asking for the next.
 *
 * @param <T> the element's view.
 */
public final class ObjectArray<T extends View> extends ArrayView
{
    private final Supplier<T> factory;
    private T element;

    /**
     * @param factory makes the one element view, on first use.
     */
    public ObjectArray(final Supplier<T> factory)
    {
        this.factory = factory;
    }

    /**
     * @param index from 0.
     * @return the element's view, absent past the end.
     */
    public T get(final int index)
    {
        if (element == null)
        {
            element = factory.get();
        }
        element.viewAt(source, elementOffset(index));
        return element;
    }

    /**
     * @return the first element (absent when empty).
     */
    public T first()
    {
        return get(0);
    }

    /**
     * @return the last element (absent when empty): the largest size of a photo.
     */
    public T last()
    {
        return get(length() - 1);
    }
}

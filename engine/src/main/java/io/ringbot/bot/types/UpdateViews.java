package io.ringbot.bot.types;

import io.ringbot.bot.JsonCursor;

/**
 * The typed views of one update's bytes: the root {@link Update} and, hanging from it, one reused view per
 * field path, made on first use and kept (so after warm-up no read allocates). The handler context owns one;
 * a test or benchmark may make its own. Each {@link #wrap} starts a new generation: every view's index of
 * the previous update is dropped on its next read.
 */
public final class UpdateViews
{
    byte[] bytes = new byte[0];
    int length;
    long generation;
    final JsonCursor cursor = new JsonCursor();
    private final Update update = new Update();

    /**
     * Points the views at an update's JSON.
     *
     * @param bytes  the update's bytes (the ring slot's: valid while the update is handled).
     * @param length how many of them.
     * @return the root view.
     */
    public Update wrap(final byte[] bytes, final int length)
    {
        this.bytes = bytes;
        this.length = Math.min(Math.max(length, 0), bytes.length);
        generation++;
        update.viewAt(this, View.skipSpace(bytes, this.length, 0));
        return update;
    }

    /**
     * @return the root view, as the last {@link #wrap} left it.
     */
    public Update update()
    {
        return update;
    }
}

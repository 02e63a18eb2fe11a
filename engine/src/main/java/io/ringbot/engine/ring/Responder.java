package io.ringbot.engine.ring;

/**
 * Takes an answered slot from the engine to whoever answers the caller (the webhook's event loop).
 */
@FunctionalInterface
public interface Responder
{
    /**
     * Called on the engine thread once the slot's status and reply are set. Must not block: hand the
     * slot to the thread that owns the connection, which writes the answer and then calls
     * {@link SlotReleaser#release(long)} with the sequence.
     *
     * @param event    the answered slot.
     * @param sequence its ring sequence.
     */
    void onAnswered(UpdateEvent event, long sequence);
}

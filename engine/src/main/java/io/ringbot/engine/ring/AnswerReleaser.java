package io.ringbot.engine.ring;

/**
 * Told by a responder once an answer is written, so the event that carried it can be reused.
 */
@FunctionalInterface
public interface AnswerReleaser
{
    /**
     * @param sequence the event's ring sequence (or its index in a pool that is not the ring).
     */
    void release(long sequence);
}

package io.ringbot.engine;

/**
 * Applies the journal's acknowledgements on the engine thread: the journal thread never writes bot
 * state, it publishes what Firestore acknowledged and the engine advances the synced versions.
 */
@FunctionalInterface
public interface JournalAckHandler
{
    JournalAckHandler NONE = (body, length) ->
    {
    };

    /**
     * @param body   the ack event's body, as the journal encoded it.
     * @param length its length.
     */
    void onAcks(byte[] body, int length);
}

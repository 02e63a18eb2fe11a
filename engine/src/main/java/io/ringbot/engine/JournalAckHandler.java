package io.ringbot.engine;

/**
 * Applies the journal's acknowledgements on the engine thread: the journal thread never writes bot
 * state, it publishes what Firestore acknowledged and the engine advances the synced versions.
 */
@FunctionalInterface
public interface JournalAckHandler
{
    JournalAckHandler NONE = payload ->
    {
    };

    /**
     * @param payload the ack event's payload, as the journal's side published it.
     */
    void onAcks(Object payload);
}

package io.ringbot.engine.load;

import io.ringbot.store.journal.RecordType;

/**
 * Asks for a record that is not in the local store to be read from Firestore, off the engine thread;
 * the result comes back as a {@link LoadedRecord} event on the ring. Must not block.
 */
@FunctionalInterface
public interface LoadRequests
{
    /**
     * @param type what kind of record.
     * @param id   its id.
     * @return false when no read can be made (the loader is closed): go on with a fresh record.
     */
    boolean request(RecordType type, long id);
}

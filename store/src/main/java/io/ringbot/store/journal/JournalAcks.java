package io.ringbot.store.journal;

/**
 * Where the journal reports that Firestore holds a record at a version. The engine implements it by
 * publishing an event to its ring; on that event the engine thread (the only writer of records) sets
 * {@code syncedVersion = max(syncedVersion, version)} and, when the record's version is already newer,
 * offers the id to the {@link ChangeLog} again.
 * <p>
 * Called on the journal's thread (or the thread running {@link JournalAgent#flush}). It may wait briefly
 * for room in the ring but must not drop an acknowledgement: a dropped one leaves the record dirty with
 * no offer to come, and it is journaled again only by the next rescan (at the latest, the next start).
 */
@FunctionalInterface
public interface JournalAcks
{
    /**
     * @param type    the record's type.
     * @param id      the record's id.
     * @param version the version Firestore now holds.
     */
    void onSynced(RecordType type, long id, long version);
}

package io.ringbot.store.journal;

import java.util.Map;

/**
 * Receives the outcome of a {@link RecordLoader#load}: exactly one method is called, on the loader's
 * thread (never the caller's). The engine's implementation publishes the outcome to its ring and decodes
 * the fields there with a {@link DocumentEncoder}.
 */
public interface LoadCallback
{
    /**
     * @param type   the record's type.
     * @param id     the record's id.
     * @param fields the document's fields as Firestore returned them (Long, Double, Timestamp, String, ...);
     *               owned by the callee.
     */
    void onLoaded(RecordType type, long id, Map<String, Object> fields);

    /**
     * Firestore has no document for this record: it is new.
     *
     * @param type the record's type.
     * @param id   the record's id.
     */
    void onNotFound(RecordType type, long id);

    /**
     * The read failed or timed out; whether the record exists is unknown.
     *
     * @param type   the record's type.
     * @param id     the record's id.
     * @param reason what went wrong (a {@link java.util.concurrent.TimeoutException} after the read timeout).
     */
    void onFailed(RecordType type, long id, Throwable reason);
}

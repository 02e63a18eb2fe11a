package io.ringbot.store.journal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The journal's and loader's only view of the store of record (Firestore, or memory in tests). Every
 * implementation passes {@code JournalSinkConformance}.
 * <p>
 * Writes are whole-document {@code set}s, idempotent, so a commit may be retried after any failure.
 * Collections are named {@code collectionPrefix() + type.collection()}.
 */
public interface JournalSink extends AutoCloseable
{
    /**
     * Firestore's limit on writes in one commit (the emulator does not enforce it, so sinks do).
     */
    int MAX_WRITES_PER_COMMIT = 500;

    /**
     * Commits the writes atomically. Never blocks the caller on the network.
     *
     * @param writes 1 to {@link #MAX_WRITES_PER_COMMIT} writes, at most one per document; the list and
     *               its maps must not change until the future completes.
     * @return a future completed on acknowledgement, or exceptionally; cancelling it gives up the wait
     * (and, where possible, the call).
     * @throws IllegalArgumentException when {@code writes} is empty, over the limit or names a document twice.
     */
    CompletableFuture<Void> commit(List<DocumentWrite> writes);

    /**
     * Reads one document. Never blocks the caller on the network.
     *
     * @param type    the record's type.
     * @param id      the record's id.
     * @param timeout how long to wait for the answer.
     * @return a future of the document's fields (empty when there is no such document), completed
     * exceptionally with a {@link java.util.concurrent.TimeoutException} after the timeout.
     */
    CompletableFuture<Optional<Map<String, Object>>> read(RecordType type, long id, Duration timeout);

    /**
     * @return the prefix of every collection name, e.g. {@code "prod_"}; may be empty.
     */
    String collectionPrefix();

    /**
     * Releases the sink's resources; outstanding futures may fail.
     */
    void close();

    /**
     * Checks a commit against the limits every sink enforces.
     *
     * @param writes the writes of one commit.
     * @throws IllegalArgumentException when it breaks one.
     */
    static void checkCommit(final List<DocumentWrite> writes)
    {
        if (writes.isEmpty())
        {
            throw new IllegalArgumentException("a commit needs at least one write");
        }
        if (writes.size() > MAX_WRITES_PER_COMMIT)
        {
            throw new IllegalArgumentException("a commit takes at most " + MAX_WRITES_PER_COMMIT +
                " writes (Firestore's limit), was given " + writes.size() + ": split it");
        }
        // At most 500 writes: the quadratic check costs ~0.1 ms and allocates nothing.
        for (int i = 1, size = writes.size(); i < size; i++)
        {
            final DocumentWrite w = writes.get(i);
            for (int j = 0; j < i; j++)
            {
                final DocumentWrite other = writes.get(j);
                if (other.id() == w.id() && other.type().equals(w.type()))
                {
                    throw new IllegalArgumentException(
                        "a commit writes each document once; " + w.type() + " " + w.id() + " appears twice");
                }
            }
        }
    }
}

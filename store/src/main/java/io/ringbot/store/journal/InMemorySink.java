package io.ringbot.store.journal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A {@link JournalSink} in memory, for tests and runs without Firestore. It behaves like Firestore where
 * the journal can tell (same limits, whole-document sets, a read of a missing document is empty) and
 * lets a test make commits fail or wait, and reads hang.
 * <p>
 * Thread safe. Commits complete on the caller's thread unless held.
 */
public final class InMemorySink implements JournalSink
{
    private final String collectionPrefix;
    private final Map<String, Map<String, Object>> documents = new ConcurrentHashMap<>();
    private final List<Held> held = new ArrayList<>();
    private final List<Integer> commitSizes = new ArrayList<>();
    private int failNext;
    private RuntimeException failure;
    private boolean holdCommits;
    private boolean holdReads;
    private boolean closed;
    private long commits;
    private long writes;
    private long reads;

    public InMemorySink()
    {
        this("");
    }

    /**
     * @param collectionPrefix the prefix of every collection name.
     */
    public InMemorySink(final String collectionPrefix)
    {
        this.collectionPrefix = collectionPrefix;
    }

    public CompletableFuture<Void> commit(final List<DocumentWrite> writes)
    {
        JournalSink.checkCommit(writes);
        synchronized (this)
        {
            if (closed)
            {
                return CompletableFuture.failedFuture(new IllegalStateException("sink closed"));
            }
            if (failNext > 0)
            {
                failNext--;
                return CompletableFuture.failedFuture(failure);
            }
            final CompletableFuture<Void> future = new CompletableFuture<>();
            if (holdCommits)
            {
                held.add(new Held(List.copyOf(writes), future));
                return future;
            }
            apply(writes);
            future.complete(null);
            return future;
        }
    }

    public CompletableFuture<Optional<Map<String, Object>>> read(final RecordType type, final long id, final Duration timeout)
    {
        synchronized (this)
        {
            if (closed)
            {
                return CompletableFuture.failedFuture(new IllegalStateException("sink closed"));
            }
            reads++;
            if (holdReads)
            {
                return new CompletableFuture<Optional<Map<String, Object>>>()
                    .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        final Map<String, Object> doc = documents.get(path(type, id));
        return CompletableFuture.completedFuture(doc == null ? Optional.empty() : Optional.of(new HashMap<>(doc)));
    }

    public String collectionPrefix()
    {
        return collectionPrefix;
    }

    public void close()
    {
        final List<Held> abandoned;
        synchronized (this)
        {
            closed = true;
            abandoned = new ArrayList<>(held);
            held.clear();
        }
        for (final Held h : abandoned)
        {
            h.future.completeExceptionally(new IllegalStateException("sink closed"));
        }
    }

    /**
     * Makes the next commits fail without writing anything.
     *
     * @param count   how many.
     * @param failure what they fail with.
     * @return this.
     */
    public synchronized InMemorySink failNextCommits(final int count, final RuntimeException failure)
    {
        this.failNext = count;
        this.failure = failure;
        return this;
    }

    /**
     * @param hold true to keep commits unacknowledged (and unwritten) until {@link #releaseHeld()}.
     * @return this.
     */
    public synchronized InMemorySink holdCommits(final boolean hold)
    {
        this.holdCommits = hold;
        return this;
    }

    /**
     * @param hold true to make reads never answer (they time out).
     * @return this.
     */
    public synchronized InMemorySink holdReads(final boolean hold)
    {
        this.holdReads = hold;
        return this;
    }

    /**
     * Writes and acknowledges every held commit, in order.
     *
     * @return how many there were.
     */
    public int releaseHeld()
    {
        final List<Held> released;
        synchronized (this)
        {
            released = new ArrayList<>(held);
            held.clear();
            for (final Held h : released)
            {
                if (!h.future.isDone())
                {
                    apply(h.writes);
                }
            }
        }
        for (final Held h : released)
        {
            h.future.complete(null);
        }
        return released.size();
    }

    /**
     * @return commits waiting for {@link #releaseHeld()} (cancelled ones included).
     */
    public synchronized int heldCount()
    {
        return held.size();
    }

    /**
     * Adds a document as if written by someone else (e.g. a record created on another server).
     *
     * @param type   the record's type.
     * @param id     the record's id.
     * @param fields its fields.
     */
    public void put(final RecordType type, final long id, final Map<String, Object> fields)
    {
        documents.put(path(type, id), Collections.unmodifiableMap(new HashMap<>(fields)));
    }

    /**
     * @param type the record's type.
     * @param id   the record's id.
     * @return the stored fields, or null.
     */
    public Map<String, Object> document(final RecordType type, final long id)
    {
        return documents.get(path(type, id));
    }

    public int documentCount()
    {
        return documents.size();
    }

    /**
     * @return commits acknowledged.
     */
    public synchronized long commits()
    {
        return commits;
    }

    /**
     * @return documents written by acknowledged commits.
     */
    public synchronized long writes()
    {
        return writes;
    }

    public synchronized long reads()
    {
        return reads;
    }

    /**
     * @return the number of writes of each acknowledged commit, in order.
     */
    public synchronized List<Integer> commitSizes()
    {
        return List.copyOf(commitSizes);
    }

    private void apply(final List<DocumentWrite> writes)
    {
        for (int i = 0, size = writes.size(); i < size; i++)
        {
            final DocumentWrite w = writes.get(i);
            // a merge, as Firestore's: fields the write does not name stay
            final String path = path(w.type(), w.id());
            final Map<String, Object> merged = documents.containsKey(path) ? new HashMap<>(documents.get(path)) : new HashMap<>();
            merged.putAll(w.fields());
            documents.put(path, Collections.unmodifiableMap(merged));
        }
        commits++;
        this.writes += writes.size();
        commitSizes.add(writes.size());
    }

    private String path(final RecordType type, final long id)
    {
        return collectionPrefix + type.collection() + '/' + id;
    }

    private record Held(List<DocumentWrite> writes, CompletableFuture<Void> future)
    {
    }
}

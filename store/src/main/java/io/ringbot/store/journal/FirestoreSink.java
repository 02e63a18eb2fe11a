package io.ringbot.store.journal;

import com.google.api.core.ApiFuture;
import com.google.auth.oauth2.ServiceAccountCredentials;
import com.google.cloud.firestore.CollectionReference;
import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.FirestoreOptions;
import com.google.cloud.firestore.SetOptions;
import com.google.cloud.firestore.WriteBatch;
import com.google.cloud.firestore.WriteResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The {@link JournalSink} over Firestore, with the official client.
 * <p>
 * A commit is one {@link WriteBatch} of whole-document {@code set}s (atomic, at most 500: Firestore's
 * limit, which the emulator does not enforce, so it is checked here). {@code BulkWriter} is not used:
 * its {@code flush()} can hang although every write completed (googleapis/java-firestore#1772), and it
 * throttles itself at start. Every future handed out completes on the client's threads; cancelling one
 * cancels the call.
 */
public final class FirestoreSink implements JournalSink
{
    private static final Logger LOG = LoggerFactory.getLogger(FirestoreSink.class);

    private final Firestore firestore;
    private final String collectionPrefix;
    private final ConcurrentHashMap<RecordType, CollectionReference> collections = new ConcurrentHashMap<>();
    private final Function<RecordType, CollectionReference> newCollection;

    /**
     * @param firestore        the client; closed by {@link #close()}.
     * @param collectionPrefix put before every collection name.
     */
    public FirestoreSink(final Firestore firestore, final String collectionPrefix)
    {
        this.firestore = firestore;
        this.collectionPrefix = collectionPrefix;
        this.newCollection = type -> firestore.collection(collectionPrefix + type.collection());
    }

    /**
     * Connects to the emulator ({@code emulatorHost}) or to Firestore with the service account in
     * {@code credentialsFile}, or else Application Default Credentials.
     *
     * @param ctx the configuration; concluded here.
     * @return the sink.
     * @throws IllegalArgumentException when no project id can be found.
     * @throws UncheckedIOException     when the credentials file cannot be read.
     */
    public static FirestoreSink create(final JournalContext ctx)
    {
        ctx.conclude();
        final FirestoreOptions.Builder options = FirestoreOptions.newBuilder();
        String projectId = ctx.projectId();
        if (ctx.emulatorHost() != null)
        {
            options.setEmulatorHost(ctx.emulatorHost());
        }
        else if (ctx.credentialsFile() != null)
        {
            try (InputStream in = Files.newInputStream(ctx.credentialsFile()))
            {
                final ServiceAccountCredentials credentials = ServiceAccountCredentials.fromStream(in);
                options.setCredentials(credentials);
                if (projectId == null)
                {
                    projectId = credentials.getProjectId();
                }
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("GOOGLE_APPLICATION_CREDENTIALS=" +
                    ctx.credentialsFile() + " is not a service account key: " + ex.getMessage(), ex);
            }
        }
        if (projectId == null)
        {
            // Without it the client would probe the metadata server, which can take seconds off GCP.
            throw new IllegalArgumentException("no Firestore project id: set FIREBASE_PROJECT_ID (the Firebase project's id)");
        }
        options.setProjectId(projectId);
        final Firestore firestore = options.build().getService();
        LOG.info("journal: Firestore project {}{}, collections named {}<record type> ({}users, {}chats, ...)",
            projectId, ctx.emulatorHost() != null ? " on the emulator at " + ctx.emulatorHost() : "",
            ctx.collectionPrefix(), ctx.collectionPrefix(), ctx.collectionPrefix());
        return new FirestoreSink(firestore, ctx.collectionPrefix());
    }

    public CompletableFuture<Void> commit(final List<DocumentWrite> writes)
    {
        JournalSink.checkCommit(writes);
        final WriteBatch batch = firestore.batch();
        for (int i = 0, size = writes.size(); i < size; i++)
        {
            final DocumentWrite w = writes.get(i);
            // a merge of exactly the schema's fields: fields other systems keep in the document survive
            batch.set(collection(w.type()).document(w.documentId()), w.fields(), SetOptions.merge());
        }
        final ApiFuture<List<WriteResult>> committed;
        try
        {
            committed = batch.commit();
        }
        catch (final RuntimeException ex)
        {
            return CompletableFuture.failedFuture(ex);
        }
        return bridge(committed, ignore -> null);
    }

    public CompletableFuture<Optional<Map<String, Object>>> read(final RecordType type, final long id, final Duration timeout)
    {
        final ApiFuture<DocumentSnapshot> got;
        try
        {
            got = collection(type).document(Long.toString(id)).get();
        }
        catch (final RuntimeException ex)
        {
            return CompletableFuture.failedFuture(ex);
        }
        final CompletableFuture<Optional<Map<String, Object>>> result =
            bridge(got, snapshot -> snapshot.exists() ? Optional.ofNullable(snapshot.getData()) : Optional.empty());
        result.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((v, ex) ->
        {
            if (ex instanceof TimeoutException)
            {
                got.cancel(true);
            }
        });
        return result;
    }

    /** Journal and loader threads: one reference per record type, made on first use. */
    private CollectionReference collection(final RecordType type)
    {
        return collections.computeIfAbsent(type, newCollection);
    }

    public String collectionPrefix()
    {
        return collectionPrefix;
    }

    /**
     * @return the client, for tests and tools that inspect what was written.
     */
    public Firestore firestore()
    {
        return firestore;
    }

    public void close()
    {
        try
        {
            firestore.close();
        }
        catch (final Exception ex)
        {
            LOG.warn("closing the Firestore client: {}", ex.toString());
        }
    }

    /**
     * A CompletableFuture that completes with the ApiFuture and cancels it when cancelled itself (a
     * derived future would not pass the cancel on).
     */
    private static <T, R> CompletableFuture<R> bridge(final ApiFuture<T> source, final Function<T, R> map)
    {
        final CompletableFuture<R> target = new CompletableFuture<>()
        {
            public boolean cancel(final boolean mayInterruptIfRunning)
            {
                source.cancel(mayInterruptIfRunning);
                return super.cancel(mayInterruptIfRunning);
            }
        };
        source.addListener(() ->
        {
            try
            {
                target.complete(map.apply(source.get()));
            }
            catch (final ExecutionException ex)
            {
                target.completeExceptionally(ex.getCause() != null ? ex.getCause() : ex);
            }
            catch (final CancellationException | InterruptedException ex)
            {
                target.completeExceptionally(ex);
            }
            catch (final RuntimeException ex)
            {
                target.completeExceptionally(ex);
            }
        }, Runnable::run);
        return target;
    }
}

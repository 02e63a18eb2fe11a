package io.ringbot.io;

import io.ringbot.engine.Engine;
import io.ringbot.engine.EngineContext;
import io.ringbot.engine.journal.AckApplier;
import io.ringbot.engine.journal.JournalChanges;
import io.ringbot.engine.journal.JournalDuty;
import io.ringbot.engine.journal.RingJournalAcks;
import io.ringbot.engine.load.RingLoadCallback;
import io.ringbot.store.StateStore;
import io.ringbot.store.journal.ChangeLog;
import io.ringbot.store.journal.FirestoreSink;
import io.ringbot.store.journal.JournalAgent;
import io.ringbot.store.journal.JournalContext;
import io.ringbot.store.journal.JournalSink;
import io.ringbot.store.journal.RecordLoader;
import io.ringbot.store.status.CountersFile;
import io.ringbot.store.status.ErrorRecorder;
import io.ringbot.store.status.RingbotCounter;
import org.HdrHistogram.Recorder;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SleepingMillisIdleStrategy;

import java.time.Duration;

/**
 * The Firestore side of a server, wired around the engine: the change log the engine fills, the
 * journal thread that drains it, the acknowledgements it sends back through the ring, and the loader
 * for read-through. Present only when Firestore is configured.
 */
final class Journal
{
    private final JournalContext ctx;
    private final StateStore store;
    private final CountersFile counters;
    private final ErrorRecorder errors;
    private final ChangeLog changeLog;
    private final JournalSink sink;
    private final RecordLoader loader;
    private RingLoadCallback loads;
    private JournalDuty duty;
    private AgentRunner runner;
    private boolean closed;

    private Journal(final JournalContext ctx, final StateStore store, final CountersFile counters, final ErrorRecorder errors)
    {
        this.ctx = ctx;
        this.store = store;
        this.counters = counters;
        this.errors = errors;
        changeLog = new ChangeLog(ctx.changeLogCapacity());
        sink = FirestoreSink.create(ctx);
        loader = new RecordLoader(ctx, sink);
    }

    /**
     * Prepares the journal and tells the engine's context about it.
     *
     * @return the journal, or null when Firestore is not configured (journaling off).
     */
    static Journal configure(
        final JournalContext ctx,
        final StateStore store,
        final CountersFile counters,
        final ErrorRecorder errors,
        final EngineContext engine)
    {
        if (!ctx.firestoreConfigured())
        {
            return null;
        }
        ctx.countersFile(counters).errorRecorder(errors).conclude();
        final Journal journal = new Journal(ctx, store, counters, errors);
        final JournalChanges changes = new JournalChanges(journal.changeLog);
        engine.recordChanges(changes)
            .journalAcks(new AckApplier(store.tables(), changes,
                counters.counter(RingbotCounter.JOURNAL_ACKS_APPLIED)))
            .loadRequests((type, id) -> journal.loads.request(type, id));
        return journal;
    }

    static String describe(final JournalContext ctx)
    {
        return ctx.firestoreConfigured() ?
            "journal: Firestore project " + ctx.projectId() + (ctx.emulatorHost() != null ? " (emulator " + ctx.emulatorHost() + ")" : "") :
            "journal: off (the store file is the only copy)";
    }

    /**
     * Starts the journal thread (its first duty rescans the store for changes not yet synced).
     *
     * @param engine the started engine.
     */
    void start(final Engine engine)
    {
        loads = new RingLoadCallback(engine, loader);
        final RingJournalAcks acks = new RingJournalAcks(engine);
        duty = new JournalDuty(new JournalAgent(ctx, store, changeLog, sink, acks), acks, changeLog, counters);
        runner = new AgentRunner(new SleepingMillisIdleStrategy(1), ex -> errors.onError("journal", ex), null, duty);
        AgentRunner.startOnThread(runner);
    }

    JournalSink sink()
    {
        return sink;
    }

    Recorder commitLatency()
    {
        return duty.journal().commitLatency();
    }

    Recorder lag()
    {
        return duty.journal().lag();
    }

    boolean firestoreReachable()
    {
        return duty == null || duty.firestoreReachable();
    }

    long shutdownFlushTimeoutMs()
    {
        return ctx.shutdownFlushTimeoutMs();
    }

    /**
     * Stops the journal thread and flushes what is pending (while the engine still runs).
     *
     * @param timeout how long the flush may take.
     * @return true when every change reached Firestore.
     */
    boolean close(final Duration timeout)
    {
        if (closed)
        {
            return true;
        }
        closed = true;
        boolean synced = true;
        if (runner != null)
        {
            runner.close();
            synced = duty.flush(timeout);
        }
        loader.close();
        sink.close();
        return synced;
    }
}

package io.ringbot.engine.journal;

import io.ringbot.store.journal.ChangeLog;
import io.ringbot.store.journal.JournalAgent;
import io.ringbot.store.status.CountersFile;
import io.ringbot.store.status.RingbotCounter;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.status.AtomicCounter;

/**
 * The journal thread's duty cycle: the journal's own work, then publishing the acknowledgements it
 * gathered (one ring event per batch), then its figures to the counters file. Also tells whether
 * Firestore answers: the last commit outcome, success or failure.
 */
public final class JournalDuty implements Agent
{
    private final JournalAgent journal;
    private final RingJournalAcks acks;
    private final ChangeLog changeLog;
    private final AtomicCounter commits;
    private final AtomicCounter commitsFailed;
    private final AtomicCounter latency;
    private final AtomicCounter latencyMax;
    private final AtomicCounter snapshotsBusy;
    private final AtomicCounter overflows;
    private long lastCommits;
    private long lastFailed;
    private volatile boolean reachable = true;

    public JournalDuty(final JournalAgent journal, final RingJournalAcks acks, final ChangeLog changeLog, final CountersFile counters)
    {
        this.journal = journal;
        this.acks = acks;
        this.changeLog = changeLog;
        commits = counters.counter(RingbotCounter.JOURNAL_COMMITS);
        commitsFailed = counters.counter(RingbotCounter.JOURNAL_COMMITS_FAILED);
        latency = counters.counter(RingbotCounter.JOURNAL_COMMIT_LATENCY_MS);
        latencyMax = counters.counter(RingbotCounter.JOURNAL_COMMIT_LATENCY_MAX_MS);
        snapshotsBusy = counters.counter(RingbotCounter.JOURNAL_SNAPSHOTS_BUSY);
        overflows = counters.counter(RingbotCounter.JOURNAL_CHANGELOG_OVERFLOWS);
    }

    public void onStart()
    {
        journal.onStart();
    }

    public int doWork() throws Exception
    {
        int work = journal.doWork();
        work += acks.flush();
        latency.setRelease(journal.lastCommitLatencyMs());
        latencyMax.setRelease(journal.maxCommitLatencyMs());
        snapshotsBusy.setRelease(journal.snapshotsBusy());
        overflows.setRelease(changeLog.overflows());
        final long c = commits.get();
        final long f = commitsFailed.get();
        if (c != lastCommits || f != lastFailed)
        {
            reachable = f == lastFailed;
            lastCommits = c;
            lastFailed = f;
        }
        return work;
    }

    public void onClose()
    {
        acks.flush();
    }

    public String roleName()
    {
        return JournalAgent.ROLE_NAME;
    }

    /**
     * The shutdown flush: writes everything pending, waits for the acknowledgements, publishes them to
     * the engine (which must still run to apply them). Call after the agent's runner is closed.
     *
     * @param timeout how long to wait.
     * @return true when everything was synced.
     */
    public boolean flush(final java.time.Duration timeout)
    {
        final boolean synced = journal.flush(timeout);
        acks.flush();
        return synced;
    }

    /**
     * @return false when the last commit that finished failed (Firestore down or refusing).
     */
    public boolean firestoreReachable()
    {
        return reachable;
    }

    public JournalAgent journal()
    {
        return journal;
    }
}

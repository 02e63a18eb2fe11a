package io.ringbot.io.ops;

/**
 * A health source whose answers a test sets: healthy by default (fresh heartbeat, empty ring and store,
 * journal on and Firestore reachable).
 */
final class FakeHealthSource implements HealthSource
{
    volatile long heartbeatMillis = System.currentTimeMillis();
    volatile boolean beating = true;
    volatile long ringCapacity = 1024;
    volatile long ringRemaining = 1024;
    volatile long usersEntries = 10;
    volatile long usersCapacity = 1000;
    volatile long chatsEntries = 5;
    volatile long chatsCapacity = 1000;
    volatile long storeOffHeapBytes = 64L * 1024 * 1024;
    volatile boolean journalEnabled = true;
    volatile long journalPending;
    volatile long journalOldestPendingMillis;
    volatile boolean firestoreReachable = true;
    volatile long fullTables;
    volatile RuntimeException failure;

    public long engineHeartbeatMillis()
    {
        check();
        // A live engine beats all the time: answer "just now" unless the test froze the heartbeat.
        return beating ? System.currentTimeMillis() : heartbeatMillis;
    }

    public long ringCapacity()
    {
        return ringCapacity;
    }

    public long ringRemaining()
    {
        return ringRemaining;
    }

    public int tableCount()
    {
        return 2;
    }

    public String tableName(final int table)
    {
        return table == 0 ? "users" : "chats";
    }

    public long tableEntries(final int table)
    {
        return table == 0 ? usersEntries : chatsEntries;
    }

    public long tableCapacity(final int table)
    {
        return table == 0 ? usersCapacity : chatsCapacity;
    }

    public boolean tableFull(final int table)
    {
        return ((fullTables >>> table) & 1) != 0;
    }

    public long storeOffHeapBytes()
    {
        return storeOffHeapBytes;
    }

    public boolean journalEnabled()
    {
        return journalEnabled;
    }

    public long journalPending()
    {
        return journalPending;
    }

    public long journalOldestPendingMillis()
    {
        return journalOldestPendingMillis;
    }

    public boolean firestoreReachable()
    {
        return firestoreReachable;
    }

    /**
     * Freezes the heartbeat at a moment.
     *
     * @param epochMillis the last heartbeat, 0 for none yet.
     */
    void heartbeatAt(final long epochMillis)
    {
        beating = false;
        heartbeatMillis = epochMillis;
    }

    private void check()
    {
        final RuntimeException f = failure;
        if (f != null)
        {
            throw f;
        }
    }
}

package io.ringbot.io.ops;

/**
 * What the ops server asks the running server about its health, besides the counters file.
 * <p>
 * Called on the ops event loop (about once a second, and once per {@code /healthz} or {@code /metrics}
 * request), never on the engine thread: every method must be thread safe, cheap and non-blocking, reading
 * volatile state or a counter (never waiting on the engine or on Firestore).
 */
public interface HealthSource
{
    /**
     * @return the epoch millisecond of the engine's last heartbeat, 0 before its first. The engine must
     * beat while idle too (at least once a second), or an idle server reads as down.
     */
    long engineHeartbeatMillis();

    /**
     * @return the ring's size in slots.
     */
    long ringCapacity();

    /**
     * @return the ring's free slots now.
     */
    long ringRemaining();

    /**
     * @return the store's record tables: users (0), chats (1), then the bot's further record types.
     */
    int tableCount();

    /**
     * @param table 0 .. {@link #tableCount()} - 1.
     * @return the table's record type name ("users", "chats", "orders", ...).
     */
    String tableName(int table);

    /**
     * @param table 0 .. {@link #tableCount()} - 1.
     * @return the records the table holds.
     */
    long tableEntries(int table);

    /**
     * @param table 0 .. {@link #tableCount()} - 1.
     * @return the records the table was sized for.
     */
    long tableCapacity(int table);
    /**
     * @param table 0 .. {@link #tableCount()} - 1.
     * @return true when the table had no room for a new record and has had none since: updates that need one
     * are refused 503.
     */
    default boolean tableFull(final int table)
    {
        return false;
    }

    /**
     * @return true while the disk holding the data folder is under its reserve: new records are refused 503.
     */
    default boolean diskLow()
    {
        return false;
    }

    /**
     * @return the usable bytes of the disk holding the data folder at the last sample, or -1 when not watched.
     */
    default long diskUsableBytes()
    {
        return -1;
    }

    /**
     * @return the reserve under which new records are refused ({@code STORE_DISK_RESERVE_MB}, in bytes).
     */
    default long diskReserveBytes()
    {
        return 0;
    }

    /**
     * @return the off-heap bytes the store's maps use (both tables), for the memory figures.
     */
    long storeOffHeapBytes();

    /**
     * @return true when changes are journaled to Firestore; false runs without a store of record.
     */
    boolean journalEnabled();

    /**
     * @return records changed but not yet acknowledged by Firestore.
     */
    long journalPending();

    /**
     * @return how long the oldest pending change has waited, in milliseconds (0 when none is pending).
     */
    long journalOldestPendingMillis();

    /**
     * @return records evicted from the local store so far (Firestore holds them; journaling only).
     */
    default long storeEvictions()
    {
        return 0;
    }

    /**
     * @return records read back from Firestore into the local store so far (journaling only).
     */
    default long storeReadBacks()
    {
        return 0;
    }

    /**
     * @return whether the last Firestore call (commit or read) got through; only asked when journaling.
     */
    boolean firestoreReachable();

    /**
     * @return the outbound Bot API's state: -1 off (no BOT_TOKEN), 0 ok, 1 unreachable, 2 token refused (401).
     */
    default int botApiState()
    {
        return -1;
    }

    /**
     * @return calls waiting to be sent.
     */
    default long outboundQueueDepth()
    {
        return 0;
    }

    /**
     * @return recipients of the unfinished broadcasts, and of those how many are done.
     */
    default long broadcastRecipients()
    {
        return 0;
    }

    default long broadcastDone()
    {
        return 0;
    }

    /**
     * @return whether ringbot registered the webhook (PUBLIC_URL) and watches it.
     */
    default boolean webhookRegistered()
    {
        return false;
    }

    /**
     * @return the updates Telegram holds for the webhook (getWebhookInfo's pending_update_count).
     */
    default long webhookPendingUpdates()
    {
        return 0;
    }

    /**
     * @return Telegram's last delivery error time, unix seconds (0: none).
     */
    default long webhookLastErrorDate()
    {
        return 0;
    }

    default String webhookLastErrorMessage()
    {
        return "";
    }

    /**
     * @return whether the registered webhook's URL or settings are no longer ours.
     */
    default boolean webhookDrift()
    {
        return false;
    }
}

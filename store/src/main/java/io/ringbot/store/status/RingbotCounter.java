package io.ringbot.store.status;

/**
 * Every fixed counter ringbot keeps, with a stable id (its position here) and a label. Counters per
 * update kind follow these in the counters file ({@link CountersFile#KIND_TYPE_ID}).
 * <p>
 * Each counter has one writing thread (the owner named in its label's prefix), so writers use release
 * stores without locks; readers anywhere, also in another process, read them live.
 */
public enum RingbotCounter
{
    ENGINE_UPDATES("engine: updates handled", "updates_handled_total"),
    ENGINE_DUPLICATES("engine: duplicate update_ids ignored", "duplicate_updates_total"),
    ENGINE_HANDLER_ERRORS("engine: handler exceptions", "handler_errors_total"),
    ENGINE_BAD_JSON("engine: bodies that are not JSON", "bad_json_total"),
    ENGINE_MISSING_UPDATE_ID("engine: JSON without a numeric update_id", "missing_update_id_total"),
    ENGINE_UNHANDLED("engine: updates the bot does not handle", "unhandled_updates_total"),
    ENGINE_STORE_FULL("engine: updates refused 503 because a record they need did not fit the store", "store_full_total"),
    ENGINE_REPLIES("engine: replies written", "replies_total"),
    ENGINE_HEARTBEAT_MS("engine: heartbeat, epoch ms", "engine_heartbeat_ms"),
    STORE_USERS_CREATED("store: users created", "users_created_total"),
    STORE_CHATS_CREATED("store: chats created", "chats_created_total"),
    STORE_BINDING_HITS("store: record binding cache hits", "binding_cache_hits_total"),
    STORE_BINDING_MISSES("store: record binding cache misses", "binding_cache_misses_total"),
    WEBHOOK_REQUESTS("webhook: requests", "webhook_requests_total"),
    WEBHOOK_UNAUTHORIZED("webhook: wrong or missing secret (401)", "webhook_unauthorized_total"),
    WEBHOOK_NOT_FOUND("webhook: unknown path (404)", "webhook_not_found_total"),
    WEBHOOK_BAD_METHOD("webhook: method not allowed (405)", "webhook_bad_method_total"),
    WEBHOOK_TOO_LARGE("webhook: body over the limit (413)", "webhook_too_large_total"),
    WEBHOOK_BAD_REQUEST("webhook: bad request (400)", "webhook_bad_request_total"),
    WEBHOOK_RING_FULL("webhook: ring full (503)", "webhook_ring_full_total"),
    WEBHOOK_CONNECTIONS_OPEN("webhook: open connections", "webhook_connections_open"),
    WEBHOOK_CONNECTIONS_ACCEPTED("webhook: connections accepted", "webhook_connections_accepted_total"),
    WEBHOOK_IDLE_CLOSED("webhook: idle connections closed", "webhook_idle_closed_total"),
    RING_CAPACITY("ring: capacity in slots", "ring_capacity"),
    RING_PUBLISHED("ring: sequence published", "ring_published"),
    RING_RELEASED("ring: sequence released", "ring_released"),
    JOURNAL_PENDING("journal: records pending", "journal_pending_records"),
    JOURNAL_OLDEST_PENDING_MS("journal: age of oldest pending change, ms", "journal_oldest_pending_ms"),
    JOURNAL_WRITES("journal: documents written", "journal_writes_total"),
    JOURNAL_COMMITS("journal: commits", "journal_commits_total"),
    JOURNAL_COMMITS_FAILED("journal: commits failed", "journal_commits_failed_total"),
    LOADER_READS("loader: Firestore reads", "loader_reads_total"),
    LOADER_FAILED("loader: Firestore reads failed or timed out", "loader_failed_total"),
    ERRORS("errors: distinct and repeated, all threads", "errors_total"),
    ENGINE_PARKED("engine: updates parked for a Firestore read", "parked_updates_total"),
    ENGINE_PARK_FULL("engine: updates answered 503 because the parking lot was full", "park_full_total"),
    ENGINE_PARKED_NOW("engine: updates parked now", "updates_waiting_for_reads"),
    JOURNAL_ACKS_APPLIED("engine: journal acknowledgements applied", "journal_acks_applied_total"),
    JOURNAL_COMMIT_LATENCY_MS("journal: last commit latency, ms", "journal_commit_latency_ms"),
    JOURNAL_COMMIT_LATENCY_MAX_MS("journal: worst commit latency, ms", "journal_commit_latency_max_ms"),
    JOURNAL_SNAPSHOTS_BUSY("journal: record snapshots that gave up on a busy seqlock", "journal_snapshots_busy_total"),
    JOURNAL_CHANGELOG_OVERFLOWS("journal: change log overflows (rescans)", "journal_changelog_overflows_total"),
    LOADER_FIELDS_REJECTED("loader: document fields of the wrong type or out of range (took their default)",
        "loader_fields_rejected_total"),
    OUTBOUND_ACCEPTED("engine: outbound calls queued", "outbound_accepted_total"),
    OUTBOUND_REJECTED("engine: outbound calls refused (queue full or call too large)", "outbound_rejected_total"),
    OUTBOUND_SENT("outbound: calls Telegram answered ok", "outbound_sent_total"),
    OUTBOUND_FAILED("outbound: calls answered with an error that is not retried", "outbound_failed_total"),
    OUTBOUND_RETRIES("outbound: retries after 5xx or network errors", "outbound_retries_total"),
    OUTBOUND_TOO_MANY_REQUESTS("outbound: 429 answers (retry_after waited out)", "outbound_429_total"),
    OUTBOUND_BLOCKED("outbound: 403 blocked or deactivated users", "outbound_blocked_total"),
    OUTBOUND_UNKNOWN_OUTCOME("outbound: calls sent and never answered (in flight at a crash, time out), outcome unknown, not sent again", "outbound_unknown_outcome_total"),
    OUTBOUND_IN_FLIGHT("outbound: calls in flight", "outbound_in_flight"),
    OUTBOUND_QUEUE_DEPTH("outbound: calls waiting to be sent", "outbound_queue_depth"),
    OUTBOUND_PAUSED_CHATS("outbound: chats paused by retry_after", "outbound_paused_chats"),
    OUTBOUND_API_STATE("outbound: Bot API state (0 ok, 1 unreachable, 2 token refused)", "outbound_api_state"),
    BROADCASTS("broadcast: broadcasts started", "broadcasts_total"),
    BROADCAST_RECIPIENTS("broadcast: recipients of unfinished broadcasts", "broadcast_recipients"),
    BROADCAST_DONE("broadcast: recipients done of unfinished broadcasts", "broadcast_done"),
    BROADCAST_SENT("broadcast: messages delivered", "broadcast_sent_total"),
    WEBHOOK_CONNECTIONS_REJECTED("webhook: connections refused over MAX_CONNECTIONS (503)", "webhook_connections_rejected_total"),
    WEBHOOK_TIMED_OUT("webhook: requests whose head or body missed its deadline (408)", "webhook_request_timeouts_total"),
    OPS_CONNECTIONS_REJECTED("ops: connections refused over OPS_MAX_CONNECTIONS (503)", "ops_connections_rejected_total"),
    OPS_MISDIRECTED("ops: requests with a Host not allowed (421)", "ops_misdirected_total"),
    OPS_ERRORS("ops: endpoint failures (500)", "ops_errors_total"),
    ENGINE_BAD_NUMBER("engine: numbers that are not integers in their field's range", "bad_number_total"),
    ENGINE_UPDATE_ID_JUMPS("engine: update_ids far from every recent one (window re-based)", "update_id_jumps_total"),
    WEBHOOK_REGISTERED("delivery: webhook registered by ringbot (1) or not managed (0)", "delivery_webhook_registered"),
    WEBHOOK_PENDING_UPDATES("delivery: updates Telegram holds for the webhook (getWebhookInfo)", "delivery_webhook_pending_updates"),
    WEBHOOK_LAST_ERROR_DATE("delivery: Telegram's last webhook delivery error, unix seconds (0 none)", "delivery_webhook_last_error_date"),
    WEBHOOK_DRIFT("delivery: the registered webhook is no longer ours (1)", "delivery_webhook_drift"),
    WEBHOOK_INFO_FAILURES("delivery: getWebhookInfo calls that failed", "delivery_webhook_info_failures_total"),
    POLL_UPDATES("delivery: updates received by long polling", "delivery_poll_updates_total"),
    POLL_ERRORS("delivery: getUpdates calls that failed and were retried", "delivery_poll_errors_total"),
    POLL_CONFIRMED_OFFSET("delivery: the next getUpdates offset, every update below it applied", "delivery_poll_offset"),
    POLL_REPLIES_LOST("delivery: polled updates' replies the outbound queue refused", "delivery_poll_replies_lost_total"),
    OUTBOUND_DROPPED("engine: outbound calls dropped with their update (handler failed, or a crash before it was applied)",
        "outbound_dropped_total"),
    ENGINE_UNDO_FULL("engine: updates failed for using more records than the undo log holds", "undo_log_full_total"),
    STORE_EVICTIONS("engine: synced idle records evicted from the local store (Firestore holds them)", "store_evictions_total"),
    STORE_READ_BACKS("engine: records read back from Firestore into the local store", "store_read_backs_total"),
    STORE_FULL_TABLES("engine: record types whose table has no room for a new record, bit i for type i (users 1, chats 2)",
        "store_full_tables"),
    STORE_DISK_USABLE_BYTES("disk guard: usable bytes on the disk holding DATA_DIR, sampled each second",
        "store_disk_usable_bytes"),
    STORE_DISK_LOW("disk guard: 1 while that is under STORE_DISK_RESERVE_MB: new records are refused", "store_disk_low");

    private final String label;
    private final String metricName;

    RingbotCounter(final String label, final String metricName)
    {
        this.label = label;
        this.metricName = metricName;
    }

    /**
     * @return the counter's id in the counters file: stable as long as new counters are appended.
     */
    public int id()
    {
        return ordinal();
    }

    public String label()
    {
        return label;
    }

    /**
     * @return the Prometheus-style name (without the {@code ringbot_} prefix).
     */
    public String metricName()
    {
        return metricName;
    }
}

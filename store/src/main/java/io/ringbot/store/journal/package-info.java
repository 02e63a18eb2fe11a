/**
 * The journal: keeps Firestore, the store of record, up to date with the off-heap records without the
 * engine ever waiting on it, and reads records the local store lacks.
 * <pre>
 *  engine thread (single writer)                journal thread (JournalAgent)            Firestore
 *  ─────────────────────────────                ─────────────────────────────            ─────────
 *  change record: seq odd, fields, version++,
 *  seq even; if it was clean ──offer(id)──▶ ChangeLog ──drain──▶ pending ──snapshot (seqlock)──┐
 *                                                                  ▲      coalesce, ≤1/s/doc,   │
 *                                                                  │      batches ≤500,         ▼
 *  on ack event: syncedVersion = max(.., v);                       │      ≤N in flight ──commit──▶ set
 *  if version > v: offer(id) again   ◀──JournalAcks.onSynced──────┴──────────────────────────◀── ack
 * </pre>
 * Invariants: only the engine writes records (the journal reads them through the seqlock); a record is
 * dirty while {@code version > syncedVersion}; the change log holds at most one entry per dirty record;
 * a document is never in two commits at once; a lost change-log entry (overflow) or a restart is
 * recovered by rescanning the maps for dirty records.
 * <p>
 * Cache miss: {@link io.ringbot.store.journal.RecordLoader} reads the document on its own thread and
 * calls back; the engine receives the outcome as a ring event and decodes it with
 * {@link io.ringbot.store.journal.DocumentEncoder}.
 */
package io.ringbot.store.journal;

/**
 * The engine's side of the Firestore journal: changed records offered to the change log (engine thread),
 * and acknowledgements gathered by the journal and applied by the engine ({@link
 * io.ringbot.engine.journal.AckApplier}).
 * <p>
 * Threads: {@code ringbot-journal} runs {@link io.ringbot.engine.journal.JournalDuty} (an Agrona agent that
 * wraps the store's {@code JournalAgent}) and {@link io.ringbot.engine.journal.RingJournalAcks}; the engine
 * runs {@link io.ringbot.engine.journal.JournalChanges} and {@link io.ringbot.engine.journal.AckApplier}.
 * Files: none of its own (the journal's figures go to {@code counters.dat}).
 */
package io.ringbot.engine.journal;

/**
 * The bot's persisted state in a data folder ({@link io.ringbot.store.StateStore}): one off-heap Chronicle Map
 * of fixed-size records per record type, the update-id window and the undo log; opened (migrated, recovered)
 * before the engine starts and closed after it stops.
 * <p>
 * Threads: the caller's opens, migrates and closes it; the engine thread is the only writer of its records
 * while it runs; the journal and the tools read records through their seqlocks.
 * <p>
 * Files in the data folder: {@code ringbot.lock} (one server per folder), {@code open.marker} (present while
 * open: a crash is found by it), {@code <type>.cm3} and {@code <type>.schema.json} per record type
 * ({@code users}, {@code chats}, the bot's further types), and, while a migration runs, its {@code .migrating}
 * files ({@link io.ringbot.store.SchemaMigration}).
 */
package io.ringbot.store;

/**
 * The undo log: an update's record changes are atomic with marking its update_id applied, across a kill -9.
 * <p>
 * Thread: the engine's (the only writer); recovery runs when the store opens, before the engine. Files:
 * {@code undo.log} in the data folder, memory-mapped.
 */
package io.ringbot.store.undo;

/**
 * The update_ids applied recently, so that Telegram's redelivery is never applied twice, also across a restart
 * or a crash.
 * <p>
 * Thread: the engine's (the only writer). Files: {@code update-ids.window} in the data folder, memory-mapped.
 */
package io.ringbot.store.dedup;

/**
 * Read-through: an update whose records are not in the local store waits in the
 * {@link io.ringbot.engine.load.ParkingLot} while they are read from Firestore; the outcome returns as a ring
 * event.
 * <p>
 * Threads: the engine's (the parking lot, the record needs); {@code ringbot-loader} (the store's
 * {@code RecordLoader}) runs {@link io.ringbot.engine.load.RingLoadCallback}, which publishes the outcome.
 * Files: none.
 */
package io.ringbot.engine.load;

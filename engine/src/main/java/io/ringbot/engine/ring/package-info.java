/**
 * The ring's slot ({@link io.ringbot.engine.ring.UpdateEvent}) and how an answered slot goes back to its
 * caller and is released for reuse.
 * <p>
 * Threads: producers (webhook event loops, the journal, the loader, the sender, the poller) fill slots; the
 * engine answers them; the responder's thread (a webhook event loop, or the engine for polled updates)
 * writes the answer and releases the slot ({@link io.ringbot.engine.ring.SlotReleaser}). Files: none.
 */
package io.ringbot.engine.ring;

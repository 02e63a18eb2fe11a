/**
 * The bare baseline server ({@code ./ringbot baseline}): a minimal Netty webhook doing the reference bot's work
 * with no ring and no off-heap store, the "what the hardware does" reference for {@code ringbot load --compare}.
 * <p>
 * Threads: one Netty event loop accepts and serves every connection (so its counters need no lock);
 * {@code baseline-shutdown} closes it. Files: none.
 */
package io.ringbot.perf.baseline;

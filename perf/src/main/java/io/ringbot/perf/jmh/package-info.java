/**
 * The JMH benchmarks of the hot path's parts (decoding, the engine's handler, the store, the outbound queue
 * and client, the journal's encoder), measured as BENCHMARKS.md reports them.
 * <p>
 * Threads: JMH's benchmark threads, each calling the code as its owning thread would (e.g. {@link
 * io.ringbot.perf.jmh.BenchEngine} hands updates to the engine's handler on the calling thread). Files: stores
 * and queues in temporary folders, deleted at tear-down.
 */
package io.ringbot.perf.jmh;

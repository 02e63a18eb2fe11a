/**
 * Live counters, latency histograms and the distinct error log, in a memory-mapped file another process (the
 * inspection tool) reads while the server runs.
 * <p>
 * Threads: each counter has one writing thread, named in its label's prefix ({@link
 * io.ringbot.store.status.RingbotCounter}); errors are recorded from any thread ({@link
 * io.ringbot.store.status.ErrorRecorder}, thread safe). Files: {@code counters.dat} in the data folder.
 */
package io.ringbot.store.status;

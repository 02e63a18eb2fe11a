/**
 * The load generator ({@code ./ringbot load}): scenarios of Telegram-like traffic sent to a server over
 * HTTP/1.1, every reply checked, latencies in HdrHistograms, reports printed or written as JSON and HTML.
 * <p>
 * Threads: one {@link io.ringbot.perf.load.LoadWorker} per Netty event loop of the client; {@code load-pacer}
 * paces an open-loop schedule. Files: the reports named by {@code --json} and {@code --html}; it reads the
 * server's {@code data/webhook-secret} when no secret is given.
 */
package io.ringbot.perf.load;

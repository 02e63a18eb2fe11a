/**
 * The ops endpoints on their own port: /healthz, /metrics, /dashboard and /stats.json, read from the counters
 * file and a {@link io.ringbot.io.ops.HealthSource}, never from the engine's own fields.
 * <p>
 * Thread: {@code ringbot-ops}, one Netty event loop that serves every connection and takes the dashboard's
 * samples. Files: none of its own; it reads {@code counters.dat}.
 */
package io.ringbot.io.ops;

/**
 * The webhook: Telegram's HTTP requests parsed in place, checked (path, method, secret, content type, size,
 * deadlines) and copied into a ring slot; the engine's answer written back on the connection's event loop
 * ({@link io.ringbot.io.webhook.ResponseTask}). Nothing here touches bot state or allocates per request.
 * <p>
 * Threads: {@code ringbot-webhook-1..IO_THREADS}, Netty event loops (the first also runs the engine in shared
 * threading). Files: none.
 */
package io.ringbot.io.webhook;

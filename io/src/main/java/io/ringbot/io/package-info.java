/**
 * The server: {@link io.ringbot.io.RingbotServer} opens the store, the counters, the engine, the journal, the
 * outbound sender, the ops endpoints and the webhook in that order and closes them in reverse;
 * {@link io.ringbot.io.RingbotMain} ({@code ./ringbot serve}) and {@link io.ringbot.io.Ringbot} (a team's own
 * main) start it from the settings ({@link io.ringbot.io.config}).
 * <p>
 * Threads: the caller's ({@code main}) starts and closes the server; {@code ringbot-shutdown} (the JVM's
 * shutdown hook) closes it on SIGTERM. {@link io.ringbot.io.Journal} starts {@code ringbot-journal} (an Agrona
 * {@code AgentRunner}) and the store's {@code ringbot-loader}.
 * <p>
 * Files: {@code webhook-secret} in the data folder (owner-only, when WEBHOOK_SECRET is unset,
 * {@link io.ringbot.io.WebhookSecrets}).
 */
package io.ringbot.io;

/**
 * How long to wait before trying again: {@link io.ringbot.store.retry.Backoff}, the one backoff of the journal,
 * the outbound queue and polling. In the store module, the bottom one, so that every module can use it.
 * <p>
 * Threads: runs on its caller's (the journal's, the outbound sender's, the poller's); owns no files.
 */
package io.ringbot.store.retry;

/**
 * How updates reach the server besides a webhook registered by hand: the webhook registered at start and
 * watched ({@link io.ringbot.io.delivery.WebhookRegistrar}), or long polling ({@link
 * io.ringbot.io.delivery.UpdatePoller}).
 * <p>
 * Threads: {@code ringbot-webhook-info} reads getWebhookInfo periodically; {@code ringbot-poller} calls
 * getUpdates and publishes each update on the ring; the engine answers polled updates through {@link
 * io.ringbot.io.delivery.PolledResponder}, queuing the reply as a Bot API call. Either calls through a
 * {@code BotApiClient} of its own, not the sender's (another {@code ringbot-botapi} event loop).
 * <p>
 * Files: {@code polling-offset} in the data folder, the offset confirmed to Telegram.
 */
package io.ringbot.io.delivery;

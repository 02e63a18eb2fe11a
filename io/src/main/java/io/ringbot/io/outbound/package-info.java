/**
 * The outbound Bot API client: the sender drains the queue the engine writes, sends each call under Telegram's
 * flood limits, retries what may be retried and hands every result to the engine; broadcasts run behind live
 * calls.
 * <p>
 * Threads: {@code ringbot-outbound} runs {@link io.ringbot.io.outbound.OutboundAgent} (the queue, the lanes, the
 * answers, the broadcasts); {@code ringbot-botapi} is the {@link io.ringbot.io.outbound.BotApiClient}'s Netty
 * event loop, on which answers arrive.
 * <p>
 * Files: it reads and frees {@code outbound-queue.dat} (the engine's, {@code io.ringbot.engine.outbound}); it
 * owns the {@code broadcast} folder of the data folder ({@link io.ringbot.io.outbound.BroadcastJob}).
 */
package io.ringbot.io.outbound;

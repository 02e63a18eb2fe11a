/**
 * The engine's side of outbound Bot API calls: a handler's call written in place into the persisted queue
 * ({@link io.ringbot.engine.outbound.OutboundProxy}, {@link io.ringbot.engine.outbound.OutboundRing}), visible
 * to the sender once the update commits, and each call's result handed back to the engine as a ring event.
 * <p>
 * Threads: the engine writes the queue and decodes results ({@link io.ringbot.engine.outbound.SendResultDecoder});
 * the sender ({@code ringbot-outbound}, in {@code io.ringbot.io.outbound}) reads the queue, encodes the JSON
 * ({@link io.ringbot.engine.outbound.OutboundCallEncoder}) and publishes results ({@link
 * io.ringbot.engine.outbound.RingSendResults} with a {@link io.ringbot.engine.outbound.SendResultEncoder}).
 * <p>
 * Files: {@code outbound-queue.dat} in the data folder, its layout in {@link
 * io.ringbot.engine.outbound.OutboundDescriptor}.
 */
package io.ringbot.engine.outbound;

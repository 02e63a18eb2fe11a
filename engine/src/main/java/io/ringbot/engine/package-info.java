/**
 * The ring and the engine, the single writer of all bot state ({@link io.ringbot.engine.Engine},
 * {@link io.ringbot.engine.EngineHandler}).
 * <p>
 * Thread: {@code ringbot-engine} (the Disruptor's consumer, {@link io.ringbot.engine.EngineThreading#DEDICATED}),
 * or the first {@code ringbot-webhook} event loop ({@link io.ringbot.engine.EngineThreading#SHARED},
 * {@link io.ringbot.engine.SharedEngineDuty}); {@code ringbot-engine-tick} only publishes a tick event now and
 * then to prove the engine alive. Producers on other threads (webhook event loops, the journal, the loader,
 * the sender, the poller) only claim and publish ring slots.
 * <p>
 * Files: none of its own; through the store it writes the record maps, {@code undo.log},
 * {@code update-ids.window} and its counters in {@code counters.dat} ({@link io.ringbot.store}).
 */
package io.ringbot.engine;

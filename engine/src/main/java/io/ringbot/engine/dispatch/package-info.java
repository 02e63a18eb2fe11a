/**
 * Running one decoded update through a bot: its records bound in place, the route chosen, the handler run,
 * the changes closed and offered to the journal, the reply encoded within Telegram's limits
 * ({@link io.ringbot.engine.dispatch.UpdateDispatcher}).
 * <p>
 * Thread: the engine's; every class here is reused from update to update. Files: none of its own; it
 * writes records in the store's maps.
 */
package io.ringbot.engine.dispatch;

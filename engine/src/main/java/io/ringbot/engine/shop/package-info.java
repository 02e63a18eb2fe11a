/**
 * The shop bot: an example with a record type beyond users and chats (orders, {@code /order}, {@code /pay}) and
 * updates that change other users' records ({@code /gift}), each declared with {@code Bot.needs}; the system
 * tests run it.
 * <p>
 * Thread: the engine's. Files: none of its own; its orders are the store's {@code orders.cm3}.
 */
package io.ringbot.engine.shop;

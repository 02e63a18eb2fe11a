/**
 * The reference bot ({@code --bot reference}, the default): the README's example bot, built on the public
 * {@link io.ringbot.bot} API only.
 * <p>
 * Thread: the engine's (its handlers). Files: none of its own; its records live in the store.
 */
package io.ringbot.engine.reference;

/**
 * The wallet bot ({@code --bot wallet}): balances sent between users (two users' records changed in one
 * update), nicknames and a chat's language.
 * <p>
 * Thread: the engine's. Files: none of its own; its balances live in the store's users records.
 */
package io.ringbot.engine.wallet;

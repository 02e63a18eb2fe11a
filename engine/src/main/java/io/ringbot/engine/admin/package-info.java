/**
 * The built-in admin commands (/stats, /production, /clearcache, /broadcast ...): reports read from the live
 * counters and the store, and the cache clearing that drops records Firestore holds.
 * <p>
 * Thread: the engine's (they are routes of the bot). Files: none of their own; /clearcache removes entries
 * of the store's record maps.
 */
package io.ringbot.engine.admin;

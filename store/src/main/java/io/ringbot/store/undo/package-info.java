/**
 * The undo log: an update's record changes are atomic with marking its update_id applied, across a kill -9.
 */
package io.ringbot.store.undo;

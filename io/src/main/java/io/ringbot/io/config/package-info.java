/**
 * The settings: every environment variable and flag is one {@link io.ringbot.io.config.Setting}, handed to the
 * setter of the component context that owns its default and its check; {@link io.ringbot.io.config.ServerContext}
 * composes those contexts and validates them once, before anything is opened; {@link
 * io.ringbot.io.config.ServeOptions} builds {@code ./ringbot serve}'s options from the settings.
 * <p>
 * Thread: the caller's, before the server starts. Files: none.
 */
package io.ringbot.io.config;

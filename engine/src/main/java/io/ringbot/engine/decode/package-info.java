/**
 * Decoding a Telegram update's JSON into a reused flyweight ({@link io.ringbot.engine.decode.DecodedUpdate})
 * without allocating: hashed field names, checked integer ranges, UTF-8 strings with U+FFFD for what is not
 * text.
 * <p>
 * Thread: the engine's. Files: none.
 */
package io.ringbot.engine.decode;

/**
 * The Bot API's types as typed, zero-allocation views over an update's JSON bytes, generated at build time
 * from the Bot API spec (engine/src/main/spec/bot-api.json) by tools/codegen: one view class per type with
 * {@code hasX()} and {@code x(default)} accessors (strings into the caller's {@link java.lang.StringBuilder},
 * arrays as {@link io.ringbot.bot.types.ObjectArray}s, unions with a {@code kind()} enum and {@code asX()}
 * variants, fixed-value strings as enums), the route {@link io.ringbot.bot.types.Filters}, and the
 * {@link io.ringbot.bot.types.BotMethod} enum. A handler reaches them through its context:
 * {@code ctx.message().photo().last().fileId(sb)}.
 */
package io.ringbot.bot.types;

package io.ringbot.bot;

import io.ringbot.bot.BotContext;

/**
 * What the bot does with the result of an outbound call, on the engine thread: the context has the
 * record of the user whose update made the call and of the target chat bound, so the handler can keep
 * a message_id in its state (and edit that message later). It may make further calls.
 */
@FunctionalInterface
public interface SendResultHandler
{
    void onSendResult(BotContext ctx, SendResult result);
}

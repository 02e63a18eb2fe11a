package io.ringbot.io.webhook;

import io.ringbot.engine.ring.Responder;

/**
 * The webhook's {@link Responder}: each slot's {@link ResponseTask}, attached at start, does the work.
 */
final class Responders
{
    static final Responder WEBHOOK = (event, sequence) -> ((ResponseTask)event.attachment()).dispatch(sequence);

    private Responders()
    {
    }
}

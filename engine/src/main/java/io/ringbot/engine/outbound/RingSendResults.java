package io.ringbot.engine.outbound;

import io.ringbot.engine.Engine;
import io.ringbot.engine.ring.UpdateEvent;

import java.util.concurrent.locks.LockSupport;

/**
 * The sender's side of results: each goes to the engine as one {@link UpdateEvent#SEND_RESULT} event,
 * encoded into the slot's body (no object handed over). Waits for room in the ring rather than drop a
 * result; gives up only when the engine has stopped.
 */
public final class RingSendResults
{
    private final Engine engine;

    public RingSendResults(final Engine engine)
    {
        this.engine = engine;
    }

    /**
     * @return false when the engine stopped before the result could be handed over.
     */
    public boolean publish(
        final long correlation,
        final long chatId,
        final long originUserId,
        final long messageId,
        final int errorCode,
        final int flags,
        final CharSequence method,
        final String description)
    {
        long sequence;
        while ((sequence = engine.tryClaim()) < 0)
        {
            if (!engine.isRunning())
            {
                return false;
            }
            LockSupport.parkNanos(50_000);
        }
        final UpdateEvent slot = engine.slot(sequence);
        final byte[] body = slot.bodyBufferFor(SendResultDecoder.MAX_LENGTH);
        final int length = SendResultDecoder.encode(body, correlation, chatId, originUserId, messageId, errorCode, flags,
            method, description);
        slot.bodyBufferFor(length);
        slot.type(UpdateEvent.SEND_RESULT);
        engine.publish(sequence);
        return true;
    }
}

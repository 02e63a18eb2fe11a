package io.ringbot.engine.outbound;

import io.ringbot.engine.Engine;
import io.ringbot.engine.ring.UpdateEvent;

import java.util.concurrent.locks.LockSupport;

/**
 * The sender's side of results: each goes to the engine as one {@link UpdateEvent#SEND_RESULT} event,
 * written into the slot's body by a {@link SendResultEncoder} (no object handed over). Waits for room in the
 * ring rather than drop a result; gives up only when the engine has stopped. One thread uses it: {@link #claim()},
 * fill the encoder, {@link #publish()}.
 */
public final class RingSendResults
{
    private final Engine engine;
    private final SendResultEncoder encoder = new SendResultEncoder();
    private UpdateEvent slot;
    private long sequence = -1;

    public RingSendResults(final Engine engine)
    {
        this.engine = engine;
    }

    /**
     * Claims the next slot of the engine's ring, waiting for room.
     *
     * @return the encoder over the slot's body, to fill and then {@link #publish()}; null when the engine stopped
     * before there was room (the result cannot be handed over).
     */
    public SendResultEncoder claim()
    {
        if (sequence >= 0)
        {
            throw new IllegalStateException("a claimed result was not published");
        }
        long claimed;
        while ((claimed = engine.tryClaim()) < 0)
        {
            if (!engine.isRunning())
            {
                return null;
            }
            LockSupport.parkNanos(50_000);
        }
        sequence = claimed;
        slot = engine.slot(claimed);
        return encoder.wrap(slot.bodyBufferFor(SendResultDecoder.MAX_LENGTH));
    }

    /**
     * Hands the claimed slot, as the encoder filled it, to the engine.
     */
    public void publish()
    {
        if (sequence < 0)
        {
            throw new IllegalStateException("no result claimed");
        }
        slot.bodyBufferFor(encoder.encodedLength());
        slot.type(UpdateEvent.SEND_RESULT);
        final long published = sequence;
        sequence = -1;
        slot = null;
        engine.publish(published);
    }
}

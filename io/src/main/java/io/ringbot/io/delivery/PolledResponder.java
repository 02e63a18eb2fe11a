package io.ringbot.io.delivery;

import io.ringbot.engine.Engine;
import io.ringbot.engine.outbound.OutboundProxy;
import io.ringbot.engine.outbound.OutboundRing;
import io.ringbot.engine.ring.Responder;
import io.ringbot.engine.ring.UpdateEvent;
import org.agrona.concurrent.status.AtomicCounter;

import java.nio.charset.StandardCharsets;

/**
 * The {@link Responder} of updates that came by long polling: there is no HTTP answer to carry the
 * reply, so the reply the webhook answer would have carried is queued as a Bot API call
 * ({@code sendEncoded}), then the batch learns the update was answered and the slot is released.
 * Engine thread; allocates nothing.
 */
final class PolledResponder implements Responder
{
    private static final byte[] METHOD = "\"method\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CHAT_ID = "\"chat_id\":".getBytes(StandardCharsets.US_ASCII);
    /** The engine's answer when it cannot take an update now (parking lot full): it must come again. */
    private static final int BUSY = 503;

    private final Engine engine;
    private final OutboundProxy calls = new OutboundProxy();
    private final StringBuilder method = new StringBuilder(32);
    private final AtomicCounter repliesLost;

    PolledResponder(final Engine engine, final OutboundRing queue, final AtomicCounter repliesLost)
    {
        this.engine = engine;
        this.repliesLost = repliesLost;
        calls.ring(queue);
    }

    public void onAnswered(final UpdateEvent event, final long sequence)
    {
        try
        {
            final PollBatch.Entry entry = (PollBatch.Entry)event.connection();
            final int status = event.status();
            if (status == 200 && event.replyLength() > 0 && !send(event.reply(), event.replyLength()))
            {
                repliesLost.increment();
            }
            entry.batch.answered(entry.index, status != BUSY);
        }
        finally
        {
            event.clear();
            if (engine.ring().get(sequence) == event)
            {
                engine.releaser().release(sequence);
            }
            else
            {
                engine.parking().release(sequence); // a parked update: the sequence is its pool index
            }
        }
    }

    private boolean send(final byte[] reply, final int length)
    {
        final int at = PollBatch.indexOf(reply, 0, length, METHOD);
        if (at < 0)
        {
            return false;
        }
        method.setLength(0);
        for (int i = at + METHOD.length; i < length && reply[i] != '"'; i++)
        {
            method.append((char)reply[i]);
        }
        final long chatId = PollBatch.numberField(reply, 0, length, CHAT_ID, 0);
        return calls.sendEncoded(method, chatId, reply, length, 0);
    }
}

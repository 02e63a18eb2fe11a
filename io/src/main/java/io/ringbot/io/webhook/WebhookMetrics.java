package io.ringbot.io.webhook;

import io.ringbot.store.status.CountersFile;
import io.ringbot.store.status.LatencyHistograms;
import io.ringbot.store.status.RingbotCounter;
import org.HdrHistogram.Recorder;
import org.agrona.concurrent.status.AtomicCounter;

/**
 * The webhook's counters and its webhook-to-answer latency recorder. Several event loops write, so
 * counters use atomic increments; the HdrHistogram {@link Recorder} is wait-free for writers and
 * sampled by readers at intervals, never locked on the hot path.
 */
public final class WebhookMetrics
{
    final AtomicCounter requests;
    final AtomicCounter unauthorized;
    final AtomicCounter notFound;
    final AtomicCounter badMethod;
    final AtomicCounter tooLarge;
    final AtomicCounter badRequest;
    final AtomicCounter ringFull;
    final AtomicCounter connectionsOpen;
    final AtomicCounter connectionsAccepted;
    final AtomicCounter idleClosed;
    final AtomicCounter connectionsRejected;
    final AtomicCounter timedOut;
    private final Recorder latency = LatencyHistograms.newRecorder();

    public WebhookMetrics(final CountersFile counters)
    {
        requests = counters.counter(RingbotCounter.WEBHOOK_REQUESTS);
        unauthorized = counters.counter(RingbotCounter.WEBHOOK_UNAUTHORIZED);
        notFound = counters.counter(RingbotCounter.WEBHOOK_NOT_FOUND);
        badMethod = counters.counter(RingbotCounter.WEBHOOK_BAD_METHOD);
        tooLarge = counters.counter(RingbotCounter.WEBHOOK_TOO_LARGE);
        badRequest = counters.counter(RingbotCounter.WEBHOOK_BAD_REQUEST);
        ringFull = counters.counter(RingbotCounter.WEBHOOK_RING_FULL);
        connectionsOpen = counters.counter(RingbotCounter.WEBHOOK_CONNECTIONS_OPEN);
        connectionsAccepted = counters.counter(RingbotCounter.WEBHOOK_CONNECTIONS_ACCEPTED);
        idleClosed = counters.counter(RingbotCounter.WEBHOOK_IDLE_CLOSED);
        connectionsRejected = counters.counter(RingbotCounter.WEBHOOK_CONNECTIONS_REJECTED);
        timedOut = counters.counter(RingbotCounter.WEBHOOK_TIMED_OUT);
    }

    void onAnswered(final long receivedNanos)
    {
        latency.recordValue(Math.max(0, System.nanoTime() - receivedNanos));
    }

    /**
     * @return the webhook-to-answer latency recorder, in nanoseconds (readers call getIntervalHistogram).
     */
    public Recorder latency()
    {
        return latency;
    }
}

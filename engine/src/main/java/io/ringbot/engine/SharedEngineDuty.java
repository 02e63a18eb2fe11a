package io.ringbot.engine;

import com.lmax.disruptor.EventPoller;
import com.lmax.disruptor.ExceptionHandler;
import io.ringbot.engine.ring.UpdateEvent;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The engine in {@link EngineThreading#SHARED} mode: a task its host (a webhook event loop) runs
 * whenever something was published, draining the ring through an {@link EventPoller}. A publisher on
 * the host itself only queues the task (no system call), so the updates read in one pass of the event
 * loop are handled in one batch after it; a publisher on another thread wakes the host once per batch.
 */
final class SharedEngineDuty implements Runnable
{
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final EventPoller<UpdateEvent> poller;
    private final EngineHandler handler;
    private final ExceptionHandler<UpdateEvent> exceptions;
    private final Executor host;
    private final EventPoller.Handler<UpdateEvent> onEvent = this::onEvent;
    private volatile boolean halted;

    SharedEngineDuty(
        final EventPoller<UpdateEvent> poller,
        final EngineHandler handler,
        final ExceptionHandler<UpdateEvent> exceptions,
        final Executor host)
    {
        this.poller = poller;
        this.handler = handler;
        this.exceptions = exceptions;
        this.host = host;
    }

    /**
     * Any thread, after publishing: makes sure the host runs the engine soon.
     *
     * @return false when the host has shut down and will run nothing any more.
     */
    boolean wake()
    {
        if (!scheduled.get() && scheduled.compareAndSet(false, true))
        {
            try
            {
                host.execute(this);
            }
            catch (final RejectedExecutionException ex)
            {
                scheduled.set(false);
                return false;
            }
        }
        return true;
    }

    /** Stops handling events (those published later stay on the ring, as with a halted processor). */
    void halt()
    {
        halted = true;
    }

    /**
     * @return the sequence of the last event handled.
     */
    long sequence()
    {
        return poller.getSequence().get();
    }

    public void run()
    {
        // cleared before draining: whatever is published from here on schedules another run
        scheduled.set(false);
        if (halted)
        {
            return;
        }
        handler.onBatchStart(0, 0);
        try
        {
            poller.poll(onEvent);
        }
        catch (final Exception ex)
        {
            exceptions.handleEventException(ex, poller.getSequence().get(), null);
        }
    }

    /**
     * As the dedicated engine's processor does: a failure goes to the engine's exception handler and the
     * next event is handled (the poller would otherwise offer the same event again, forever).
     */
    private boolean onEvent(final UpdateEvent event, final long sequence, final boolean endOfBatch)
    {
        try
        {
            handler.onEvent(event, sequence, endOfBatch);
        }
        catch (final Throwable t)
        {
            exceptions.handleEventException(t, sequence, event);
        }
        return true;
    }
}

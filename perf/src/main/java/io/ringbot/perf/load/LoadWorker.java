package io.ringbot.perf.load;

import java.util.ArrayDeque;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Drives one share of the load from one event loop thread: it owns a slice of the users and of the
 * connections, and is only ever called on that thread, so it holds no locks.
 * <p>
 * Open loop: every due schedule slot takes a random idle user and queues an update, which waits for a free
 * connection; its latency counts from the slot's intended time. Closed loop: a connection that becomes free
 * at once takes the next idle user. Each connection carries one request at a time (no pipelining, like
 * Telegram's webhook deliveries).
 */
final class LoadWorker
{
    /**
     * A keep-alive HTTP connection as the worker sees it; the Netty one is {@link ClientConnection}.
     */
    interface Connection
    {
        /**
         * Writes the update; the answer comes back through {@link #onAnswer}, or a failure through
         * {@link #onConnectionLost} or {@link #onTimeout}.
         *
         * @param exchange the update and its bookkeeping.
         */
        void send(Exchange exchange);
    }

    private final UserPool users;
    private final TrafficMix mix;
    private final UpdateTemplates templates;
    private final ReplyChecker checker;
    private final AtomicLong updateIds;
    private final AtomicReference<LoadStats> phase;
    private final SplittableRandom random;
    private final ArrayDeque<Connection> idleConnections = new ArrayDeque<>();
    private final ArrayDeque<Exchange> waiting = new ArrayDeque<>();
    private OpenLoopSchedule schedule;
    private long nextSeq;
    private long endNanos;
    private int inFlight;
    private boolean running;

    /**
     * @param users     this worker's users.
     * @param mix       the update kinds' weights.
     * @param templates the update templates.
     * @param updateIds the global update id sequence, shared by all workers.
     * @param phase     where results go, shared by all workers; swapped for a fresh one after the warm-up.
     * @param random    this worker's random source.
     */
    public LoadWorker(
        final UserPool users,
        final TrafficMix mix,
        final UpdateTemplates templates,
        final AtomicLong updateIds,
        final AtomicReference<LoadStats> phase,
        final SplittableRandom random)
    {
        this.users = users;
        this.mix = mix;
        this.templates = templates;
        this.checker = new ReplyChecker(users.size());
        this.updateIds = updateIds;
        this.phase = phase;
        this.random = random;
    }

    /**
     * Starts sending.
     *
     * @param openLoop the schedule to follow, or null for a closed loop.
     * @param endNanos the open loop's last slot time: slots due later are never sent.
     * @param nowNanos the current time.
     */
    public void start(final OpenLoopSchedule openLoop, final long endNanos, final long nowNanos)
    {
        this.schedule = openLoop;
        this.endNanos = endNanos;
        this.running = true;
        tick(nowNanos);
    }

    /**
     * Stops taking new users. In an open loop every slot due up to the end is queued first, so a late stop
     * loses none; queued updates are still sent, as they were due.
     *
     * @param nowNanos the current time.
     */
    public void stop(final long nowNanos)
    {
        tick(nowNanos);
        running = false;
    }

    /**
     * @return true while sending.
     */
    public boolean isRunning()
    {
        return running;
    }

    /**
     * @return true when stopped with nothing queued or in flight.
     */
    public boolean isDrained()
    {
        return !running && waiting.isEmpty() && inFlight == 0;
    }

    /**
     * Open loop: queues every slot that is due and sends what the free connections can take.
     *
     * @param nowNanos the current time.
     */
    public void tick(final long nowNanos)
    {
        if (running && schedule != null)
        {
            final LoadStats stats = phase.get();
            final long due = schedule.dueCount(Math.min(nowNanos, endNanos));
            for (; nextSeq < due; nextSeq++)
            {
                final int slot = users.acquire();
                if (slot < 0)
                {
                    stats.recordNoIdleUser();
                }
                else
                {
                    waiting.addLast(newExchange(slot, schedule.intendedNanos(nextSeq)));
                }
            }
        }
        dispatch(nowNanos);
    }

    /**
     * @return when the next open-loop slot is due, or {@link Long#MAX_VALUE} when there is none.
     */
    public long nextDueNanos()
    {
        if (!running || schedule == null)
        {
            return Long.MAX_VALUE;
        }
        final long next = schedule.intendedNanos(nextSeq);
        return next <= endNanos ? next : Long.MAX_VALUE;
    }

    /**
     * A connection is ready for a request.
     *
     * @param connection the connection.
     * @param nowNanos   the current time.
     */
    public void onConnected(final Connection connection, final long nowNanos)
    {
        idleConnections.addLast(connection);
        dispatch(nowNanos);
    }

    /**
     * A connection attempt failed.
     */
    public void onConnectFailed()
    {
        phase.get().recordConnectFailure();
    }

    /**
     * An answer arrived.
     *
     * @param connection the connection it came on.
     * @param exchange   the update it answers.
     * @param status     the HTTP status.
     * @param body       the body, or null when the check does not need it.
     * @param reusable   false when the server is closing the connection.
     * @param nowNanos   the current time.
     */
    public void onAnswer(
        final Connection connection,
        final Exchange exchange,
        final int status,
        final byte[] body,
        final boolean reusable,
        final long nowNanos)
    {
        inFlight--;
        final LoadStats stats = phase.get(); // read once: an answer lands wholly in one phase
        stats.recordAnswer(exchange.intendedNanos, exchange.sentNanos, nowNanos, status);
        if (status == 200)
        {
            final Expectation expectation = exchange.template.expectation();
            if (expectation != Expectation.STATUS)
            {
                stats.recordCheck(checker.check(
                    expectation, exchange.userSlot, exchange.userId, exchange.callbackQueryId(), body));
            }
        }
        else
        {
            checker.forget(exchange.userSlot);
        }
        users.release(exchange.userSlot);
        if (reusable)
        {
            idleConnections.addLast(connection);
        }
        dispatch(nowNanos);
    }

    /**
     * A request got no answer in time; the connection will be closed and then reported lost.
     *
     * @param exchange the unanswered update.
     */
    public void onTimeout(final Exchange exchange)
    {
        inFlight--;
        phase.get().recordTimeout();
        abandon(exchange);
    }

    /**
     * A connection closed.
     *
     * @param connection the connection.
     * @param exchange   the update in flight on it, or null.
     */
    public void onConnectionLost(final Connection connection, final Exchange exchange)
    {
        idleConnections.remove(connection);
        if (exchange != null)
        {
            inFlight--;
            phase.get().recordConnectionLoss();
            abandon(exchange);
        }
    }

    /**
     * Gives up on updates still waiting for a connection when the run ends; they count as timed out.
     */
    public void abandonWaiting()
    {
        Exchange exchange;
        while ((exchange = waiting.pollFirst()) != null)
        {
            phase.get().recordTimeout();
            abandon(exchange);
        }
    }

    private void abandon(final Exchange exchange)
    {
        checker.forget(exchange.userSlot); // the server may or may not have applied it
        users.release(exchange.userSlot);
    }

    private void dispatch(final long nowNanos)
    {
        while (!idleConnections.isEmpty())
        {
            Exchange exchange = waiting.pollFirst();
            if (exchange == null)
            {
                if (!running || schedule != null)
                {
                    return;
                }
                final int slot = users.acquire();
                if (slot < 0)
                {
                    return;
                }
                exchange = newExchange(slot, nowNanos);
            }
            exchange.updateId = updateIds.getAndIncrement();
            exchange.sentNanos = nowNanos;
            inFlight++;
            phase.get().recordSent();
            idleConnections.pollFirst().send(exchange);
        }
    }

    private Exchange newExchange(final int slot, final long intendedNanos)
    {
        final UpdateTemplate template = templates.pick(mix.pick(random), random);
        return new Exchange(slot, users.userId(slot), template, intendedNanos);
    }
}

package io.ringbot.engine;

import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.EventPoller;
import com.lmax.disruptor.ExceptionHandler;
import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.TimeoutException;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import io.ringbot.engine.dispatch.UpdateDispatcher;
import io.ringbot.engine.load.ParkingLot;
import io.ringbot.engine.load.RecordNeeds;
import io.ringbot.engine.load.StoreRoom;
import io.ringbot.engine.ring.SlotReleaser;
import io.ringbot.engine.ring.UpdateEvent;
import io.ringbot.store.StateStore;
import io.ringbot.store.status.ErrorRecorder;
import io.ringbot.store.status.RingbotCounter;
import org.agrona.concurrent.status.AtomicCounter;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The ring and its single-writer engine. Producers (webhook event loops, the journal) claim a slot with
 * {@link #tryClaim()}, fill it, and {@link #publish(long)} it; a full ring is reported at once so the
 * webhook can answer 503 instead of blocking its event loop. The engine runs on its own thread
 * ({@link EngineThreading#DEDICATED}) or on a host executor ({@link EngineThreading#SHARED}).
 */
public final class Engine implements AutoCloseable
{
    private final Disruptor<UpdateEvent> disruptor;
    private final SharedEngineDuty shared;
    private final RingBuffer<UpdateEvent> ring;
    private final SlotReleaser releaser;
    private final EngineCounters counters;
    private final EngineHandler handler;
    private final AtomicCounter published;
    private final AtomicCounter releasedCounter;
    private final AtomicCounter parkedNow;
    private final long startMillis;
    private final ParkingLot parking;
    private final long tickMillis;
    private Thread ticker;
    private volatile boolean running;

    public Engine(final EngineContext ctx)
    {
        ctx.conclude();
        final StateStore store = ctx.store();
        startMillis = ctx.clock().time();
        releaser = new SlotReleaser(ctx.ringSize());
        counters = new EngineCounters(ctx.countersFile(), store.tables());
        final UpdateDispatcher dispatcher = new UpdateDispatcher(
            ctx.bot(),
            store.tables(),
            ctx.adminIds(),
            ctx.recordChanges(),
            ctx.countersFile().counter(RingbotCounter.STORE_USERS_CREATED),
            ctx.countersFile().counter(RingbotCounter.STORE_CHATS_CREATED));
        dispatcher.outbound(ctx.outbound());
        final RecordNeeds needs = RecordNeeds.of(ctx.bot(), store.tables()); // checked also when nothing is read
        parking = ctx.loadRequests() == null ? null : new ParkingLot(ctx.parkingCapacity(), ctx.loadRequests(),
            store.tables(), store.types(), needs, ctx.countersFile().counter(RingbotCounter.ENGINE_PARKED),
            ctx.countersFile().counter(RingbotCounter.ENGINE_PARKED_NOW),
            ctx.countersFile().counter(RingbotCounter.LOADER_FIELDS_REJECTED),
            ctx.countersFile().counter(RingbotCounter.STORE_READ_BACKS));
        // records leave the store only when Firestore holds them and can give them back (journal + read-through)
        final StoreRoom room = new StoreRoom(store.tables(), parking != null, parking,
            ctx.countersFile().counter(RingbotCounter.STORE_EVICTIONS),
            ctx.countersFile().counter(RingbotCounter.STORE_FULL_TABLES), ctx.errors());
        tickMillis = ctx.tickMillis();
        handler = new EngineHandler(
            dispatcher, store.updateIds(), counters, ctx.errors(), releaser, ctx.clock(), ctx.journalAcks(),
            parking, ctx.countersFile().counter(RingbotCounter.ENGINE_PARK_FULL), ctx.recordLatency(),
            store.undoLog(), room, ctx.countersFile().counter(RingbotCounter.ENGINE_STORE_FULL));

        final CountingExceptionHandler exceptions = new CountingExceptionHandler(ctx.errors());
        if (ctx.threading() == EngineThreading.SHARED)
        {
            disruptor = null;
            // nobody waits on the ring in this mode: the busy-spin strategy's signal on publish is a no-op
            ring = RingBuffer.createMultiProducer(UpdateEvent::new, ctx.ringSize(), new BusySpinWaitStrategy());
            final EventPoller<UpdateEvent> poller = ring.newPoller();
            ring.addGatingSequences(poller.getSequence());
            shared = new SharedEngineDuty(poller, handler, exceptions, ctx.sharedHost());
        }
        else
        {
            shared = null;
            disruptor = new Disruptor<>(
                UpdateEvent::new,
                ctx.ringSize(),
                r -> new Thread(r, "ringbot-engine"),
                ProducerType.MULTI,
                WaitStrategies.of(ctx.waitStrategy()));
            disruptor.setDefaultExceptionHandler(exceptions);
            disruptor.handleEventsWith(handler);
            ring = disruptor.getRingBuffer();
        }
        ring.addGatingSequences(releaser.sequence());
        published = ctx.countersFile().counter(RingbotCounter.RING_PUBLISHED);
        releasedCounter = ctx.countersFile().counter(RingbotCounter.RING_RELEASED);
        parkedNow = ctx.countersFile().counter(RingbotCounter.ENGINE_PARKED_NOW);
        ctx.countersFile().counter(RingbotCounter.RING_CAPACITY).setRelease(ctx.ringSize());
    }

    /**
     * Starts the engine thread.
     *
     * @return this.
     */
    public Engine start()
    {
        if (disruptor != null)
        {
            disruptor.start();
        }
        running = true;
        if (tickMillis > 0)
        {
            ticker = new Thread(this::tick, "ringbot-engine-tick");
            ticker.setDaemon(true);
            ticker.start();
        }
        return this;
    }

    /**
     * @return the updates waiting for reads, or null when the engine has no reads (journaling off).
     */
    public ParkingLot parking()
    {
        return parking;
    }

    /**
     * Passes a no-op event through the ring now and then: the engine's heartbeat then proves that it
     * drains the ring, even while no update comes and whatever its wait strategy.
     */
    private void tick()
    {
        while (running)
        {
            final long sequence = tryClaim();
            if (sequence >= 0)
            {
                slot(sequence).type(UpdateEvent.NOOP);
                publish(sequence);
            }
            releasedCounter.setRelease(releaser.sequence().get() + 1);
            try
            {
                Thread.sleep(tickMillis);
            }
            catch (final InterruptedException ex)
            {
                return;
            }
        }
    }

    public boolean isRunning()
    {
        return running;
    }

    /**
     * Claims the next slot without waiting.
     *
     * @return the slot's sequence, or -1 when the ring is full.
     */
    public long tryClaim()
    {
        try
        {
            return ring.tryNext();
        }
        catch (final InsufficientCapacityException ex)
        {
            return -1;
        }
    }

    public UpdateEvent slot(final long sequence)
    {
        return ring.get(sequence);
    }

    public void publish(final long sequence)
    {
        ring.publish(sequence);
        published.setRelease(sequence + 1);
        if (shared != null)
        {
            shared.wake();
        }
    }

    /**
     * @return how the engine is run.
     */
    public EngineThreading threading()
    {
        return shared != null ? EngineThreading.SHARED : EngineThreading.DEDICATED;
    }

    /**
     * @return the releaser responders call once an answer is written.
     */
    public SlotReleaser releaser()
    {
        return releaser;
    }

    public RingBuffer<UpdateEvent> ring()
    {
        return ring;
    }

    /**
     * @return the handler, to drive it directly in tests and benchmarks.
     */
    public EngineHandler handler()
    {
        return handler;
    }

    public EngineCounters counters()
    {
        return counters;
    }

    public long startMillis()
    {
        return startMillis;
    }

    /**
     * Waits until every published event was handled and answered, and no update waits for a read.
     *
     * @param timeoutMillis how long to wait at most.
     * @return true when idle.
     */
    public boolean awaitIdle(final long timeoutMillis)
    {
        final long deadline = System.currentTimeMillis() + timeoutMillis;
        while (ring.getCursor() > releaser.sequence().get() || parkedNow.get() > 0)
        {
            if (System.currentTimeMillis() > deadline)
            {
                return false;
            }
            LockSupport.parkNanos(1_000_000);
        }
        return true;
    }

    /**
     * Processes everything already published, then stops the engine thread.
     *
     * @param timeoutMillis how long to wait for the ring to drain.
     * @return true when it drained in time.
     */
    public boolean drainAndStop(final long timeoutMillis)
    {
        if (!running)
        {
            return true;
        }
        running = false;
        if (ticker != null)
        {
            ticker.interrupt();
        }
        if (shared != null)
        {
            return drainShared(timeoutMillis);
        }
        try
        {
            disruptor.shutdown(timeoutMillis, TimeUnit.MILLISECONDS);
            return true;
        }
        catch (final TimeoutException ex)
        {
            disruptor.halt();
            return false;
        }
    }

    /** As the Disruptor's shutdown: wait until everything published was handled, then halt. */
    private boolean drainShared(final long timeoutMillis)
    {
        final long deadline = System.currentTimeMillis() + timeoutMillis;
        boolean drained;
        while (!(drained = shared.sequence() >= ring.getCursor()) && System.currentTimeMillis() <= deadline)
        {
            if (!shared.wake())
            {
                break; // the host is gone: what is left on the ring cannot be handled
            }
            LockSupport.parkNanos(1_000_000);
        }
        shared.halt();
        return drained;
    }

    public void close()
    {
        drainAndStop(5_000);
    }

    /** Replaces the Disruptor's default, which would stop the engine on the first exception. */
    private static final class CountingExceptionHandler implements ExceptionHandler<UpdateEvent>
    {
        private final ErrorRecorder errors;

        CountingExceptionHandler(final ErrorRecorder errors)
        {
            this.errors = errors;
        }

        public void handleEventException(final Throwable ex, final long sequence, final UpdateEvent event)
        {
            errors.onError("engine", ex);
        }

        public void handleOnStartException(final Throwable ex)
        {
            errors.onError("engine start", ex);
        }

        public void handleOnShutdownException(final Throwable ex)
        {
            errors.onError("engine shutdown", ex);
        }
    }
}

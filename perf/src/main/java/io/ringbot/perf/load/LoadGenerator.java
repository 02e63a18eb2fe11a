package io.ringbot.perf.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import org.HdrHistogram.Histogram;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one {@link Scenario} against one {@link Target}: a Netty HTTP/1.1 client with one
 * {@link LoadWorker} per event loop thread, a progress line per second, and a result built from
 * HdrHistograms of the whole measured time.
 */
public final class LoadGenerator
{
    /** Finer open-loop ticks only add wake-ups; the lateness is measured anyway, from intended times. */
    private static final int CONNECT_TIMEOUT_MS = 3_000;
    private static final long FIRST_CONNECT_WAIT_MS = 5_000;
    private static final long TIMEOUT_SWEEP_MS = 50;

    private final int threads;
    private final double timeoutSeconds;
    private final long seed;
    private boolean newUsersFirst;
    private final AtomicLong updateIds;
    private final PrintStream progress;
    private final UpdateTemplates templates = new UpdateTemplates();

    /**
     * @param threads        event loop threads (each one a worker).
     * @param timeoutSeconds how long a request may wait for its answer.
     * @param seed           seeds the choice of users and updates.
     * @param updateIds      the update id sequence; shared by runs so that ids keep increasing.
     * @param progress       where the per-second lines go, or null for none.
     */
    public LoadGenerator(
        final int threads, final double timeoutSeconds, final long seed, final AtomicLong updateIds,
        final PrintStream progress)
    {
        if (threads < 1 || !(timeoutSeconds > 0))
        {
            throw new IllegalArgumentException("--threads must be at least 1 and --timeout positive");
        }
        this.threads = threads;
        this.timeoutSeconds = timeoutSeconds;
        this.seed = seed;
        this.updateIds = updateIds;
        this.progress = progress;
    }

    /**
     * @param newUsersFirst each shard hands its users out once, in id order, before picking at random
     *                      ({@code --new-users-first}: a run that grows the store to every user).
     * @return this.
     */
    public LoadGenerator newUsersFirst(final boolean newUsersFirst)
    {
        this.newUsersFirst = newUsersFirst;
        return this;
    }

    /**
     * Applies the scenario's load and waits for the answers still in flight at its end.
     *
     * @param target   where to send.
     * @param scenario what to send.
     * @return what happened.
     * @throws InterruptedException when interrupted.
     */
    public ScenarioResult run(final Target target, final Scenario scenario) throws InterruptedException
    {
        final int workers = Math.min(threads, Math.min(scenario.users(), scenario.connections()));
        final EventLoopGroup group = NettyTransport.newGroup(workers);
        final AtomicReference<LoadStats> phase = new AtomicReference<>(new LoadStats());
        final List<Shard> shards = new ArrayList<>(workers);
        try
        {
            final CountDownLatch firstAttempts = new CountDownLatch(scenario.connections());
            for (int w = 0; w < workers; w++)
            {
                shards.add(newShard(group.next(), w, workers, target, scenario, phase, firstAttempts));
            }
            for (final Shard shard : shards)
            {
                shard.loop.execute(shard::connectAll);
            }
            firstAttempts.await(FIRST_CONNECT_WAIT_MS, TimeUnit.MILLISECONDS);

            final long startNanos = System.nanoTime();
            final long measureStart = startNanos + (long)(scenario.warmupSeconds() * 1e9);
            final long endNanos = measureStart + (long)(scenario.durationSeconds() * 1e9);
            for (int w = 0; w < workers; w++)
            {
                final OpenLoopSchedule schedule = scenario.openLoop()
                    ? new OpenLoopSchedule(startNanos, scenario.ratePerSecond(), workers, w) : null;
                final Shard shard = shards.get(w);
                shard.loop.execute(() -> shard.start(schedule, endNanos));
            }
            final String label = scenario.name() + " @ " + target.name();
            if (scenario.warmupSeconds() > 0)
            {
                new Meter(phase.get(), label + " warm-up").run(startNanos, measureStart);
                phase.set(new LoadStats()); // what the warm-up recorded is dropped with its instance
            }
            final LoadStats stats = phase.get();
            final Meter meter = new Meter(stats, label);
            meter.run(measureStart, endNanos);
            final long answeredInTime = stats.answered();
            final double measuredSeconds = (System.nanoTime() - measureStart) / 1e9;

            for (final Shard shard : shards)
            {
                shard.loop.execute(shard::stop);
            }
            drain(shards);
            meter.collect();
            return ScenarioResult.of(
                scenario, target, stats, meter.latency, meter.serviceTime, measuredSeconds, answeredInTime);
        }
        finally
        {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
        }
    }

    private Shard newShard(
        final EventLoop loop,
        final int index,
        final int workers,
        final Target target,
        final Scenario scenario,
        final AtomicReference<LoadStats> phase,
        final CountDownLatch firstAttempts)
    {
        final int fromUser = (int)((long)scenario.users() * index / workers);
        final int toUser = (int)((long)scenario.users() * (index + 1) / workers);
        final int fromConnection = (int)((long)scenario.connections() * index / workers);
        final int toConnection = (int)((long)scenario.connections() * (index + 1) / workers);
        final SplittableRandom random = new SplittableRandom(seed + index);
        final UserPool users = new UserPool(scenario.firstUserId() + fromUser, toUser - fromUser, random, newUsersFirst);
        final LoadWorker worker = new LoadWorker(users, scenario.mix(), templates, updateIds, phase, random.split());
        final Bootstrap bootstrap = new Bootstrap()
            .group(loop)
            .channel(NettyTransport.socketChannel())
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MS);
        final long timeoutNanos = (long)(timeoutSeconds * 1e9);
        final List<ClientConnection> connections = new ArrayList<>();
        for (int c = fromConnection; c < toConnection; c++)
        {
            connections.add(new ClientConnection(bootstrap, target, worker, timeoutNanos, firstAttempts));
        }
        return new Shard(loop, worker, connections);
    }

    private void drain(final List<Shard> shards) throws InterruptedException
    {
        final long deadline = System.nanoTime() + (long)((timeoutSeconds + 1) * 1e9);
        for (final Shard shard : shards)
        {
            while (!onLoop(shard, shard.worker::isDrained) && System.nanoTime() < deadline)
            {
                Thread.sleep(10);
            }
            onLoop(shard, shard::closeAll);
        }
    }

    private static <T> T onLoop(final Shard shard, final Callable<T> task)
        throws InterruptedException
    {
        try
        {
            return shard.loop.submit(task).get();
        }
        catch (final ExecutionException ex)
        {
            throw new IllegalStateException("load worker failed", ex.getCause());
        }
    }

    /** A worker, its event loop and its connections; the methods run on that loop. */
    private static final class Shard
    {
        final EventLoop loop;
        final LoadWorker worker;
        final List<ClientConnection> connections;
        private final Runnable tick = this::tick;
        private final AtomicBoolean pacePending = new AtomicBoolean();
        private volatile boolean stopped;

        Shard(final EventLoop loop, final LoadWorker worker, final List<ClientConnection> connections)
        {
            this.loop = loop;
            this.worker = worker;
            this.connections = connections;
        }

        void connectAll()
        {
            for (final ClientConnection connection : connections)
            {
                connection.connect();
            }
            loop.scheduleAtFixedRate(this::expireLate, TIMEOUT_SWEEP_MS, TIMEOUT_SWEEP_MS, TimeUnit.MILLISECONDS);
        }

        private void expireLate()
        {
            final long now = System.nanoTime();
            for (final ClientConnection connection : connections)
            {
                connection.expireIfLate(now);
            }
        }

        void start(final OpenLoopSchedule schedule, final long endNanos)
        {
            worker.start(schedule, endNanos, System.nanoTime());
            if (schedule != null)
            {
                final Thread pacer = new Thread(() -> pace(schedule, endNanos), "load-pacer");
                pacer.setDaemon(true);
                pacer.start();
            }
        }

        void stop()
        {
            stopped = true;
            worker.stop(System.nanoTime());
        }

        /**
         * The open loop's clock, on its own thread: parks until each slot is due, then has the loop send what
         * is due. Not a timer on the loop: Netty's NIO timers fire on whole milliseconds (the selector waits
         * in milliseconds), which at 20k/s would send most requests up to 1 ms late, and an open-loop run
         * counts lateness as latency.
         */
        private void pace(final OpenLoopSchedule schedule, final long endNanos)
        {
            long seq = 0;
            while (!stopped)
            {
                final long due = schedule.intendedNanos(seq);
                if (due > endNanos)
                {
                    return;
                }
                long wait;
                while ((wait = due - System.nanoTime()) > 0 && !stopped)
                {
                    LockSupport.parkNanos(wait);
                }
                if (pacePending.compareAndSet(false, true))
                {
                    loop.execute(tick);
                }
                seq = Math.max(seq + 1, schedule.dueCount(System.nanoTime()));
            }
        }

        private void tick()
        {
            pacePending.set(false);
            worker.tick(System.nanoTime());
        }

        Boolean closeAll()
        {
            worker.abandonWaiting();
            for (final ClientConnection connection : connections)
            {
                connection.close();
            }
            return Boolean.TRUE;
        }
    }

    /** Prints a line a second and folds the interval histograms into the totals of one phase. */
    private final class Meter
    {
        final LoadStats stats;
        final String label;
        final Histogram latency = new Histogram(3);
        final Histogram serviceTime = new Histogram(3);
        private Histogram latencyInterval;
        private Histogram serviceInterval;

        Meter(final LoadStats stats, final String label)
        {
            this.stats = stats;
            this.label = label;
        }

        void run(final long fromNanos, final long endNanos) throws InterruptedException
        {
            long lastAnswered = stats.answered();
            long lastNanos = fromNanos;
            for (long second = 1; ; second++)
            {
                final long wakeNanos = Math.min(endNanos, fromNanos + TimeUnit.SECONDS.toNanos(second));
                TimeUnit.NANOSECONDS.sleep(Math.max(0, wakeNanos - System.nanoTime()));
                collect();
                final long now = System.nanoTime();
                if (wakeNanos >= endNanos)
                {
                    return;
                }
                final long answered = stats.answered();
                if (progress != null)
                {
                    progress.printf("[%s] %3ds  %,9.0f req/s  p99 %s ms  errors %d  check-failures %d%s%n",
                        label, second, (answered - lastAnswered) * 1e9 / (now - lastNanos),
                        LatencySummary.ms(latency.getValueAtPercentile(99) / 1e6), stats.errors(),
                        stats.checkFailures(), stats.noIdleUser() > 0 ? "  no-idle-user " + stats.noIdleUser() : "");
                }
                lastAnswered = answered;
                lastNanos = now;
            }
        }

        void collect()
        {
            latencyInterval = stats.takeLatencyInterval(latencyInterval);
            serviceInterval = stats.takeServiceTimeInterval(serviceInterval);
            latency.add(latencyInterval);
            serviceTime.add(serviceInterval);
        }
    }
}

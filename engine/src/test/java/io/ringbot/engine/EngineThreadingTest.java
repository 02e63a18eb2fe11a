package io.ringbot.engine;

import io.ringbot.bot.Bot;
import io.ringbot.engine.reference.ReferenceBot;
import io.ringbot.engine.ring.UpdateEvent;
import io.ringbot.store.StateStore;
import io.ringbot.store.StoreContext;
import io.ringbot.store.status.CountersFile;
import io.ringbot.store.status.RingbotCounter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real ring in both threading modes: updates published from several threads are each handled once,
 * by one thread only (the engine's own, or the shared host's), and a failing bot does not stop it.
 */
class EngineThreadingTest
{
    private static final int PRODUCERS = 3;
    private static final int PER_PRODUCER = 2_000;

    @TempDir
    Path dir;
    private StateStore store;
    private CountersFile counters;
    private final ExecutorService host = Executors.newSingleThreadExecutor(r -> new Thread(r, "test-host"));

    @AfterEach
    void close() throws InterruptedException
    {
        host.shutdownNow();
        host.awaitTermination(5, TimeUnit.SECONDS);
        if (store != null)
        {
            store.close();
            counters.close();
        }
    }

    @ParameterizedTest
    @EnumSource(EngineThreading.class)
    void shouldHandleEveryUpdateFromSeveralProducersOnOneThread(final EngineThreading threading) throws Exception
    {
        final Engine engine = start(threading, ReferenceBot.create(""));
        final Map<String, Integer> handlerThreads = new ConcurrentHashMap<>();
        final AtomicInteger answered = new AtomicInteger();
        final CountDownLatch done = new CountDownLatch(PRODUCERS * PER_PRODUCER);
        final Thread[] producers = new Thread[PRODUCERS];
        for (int p = 0; p < PRODUCERS; p++)
        {
            final int producer = p;
            producers[p] = new Thread(() ->
            {
                for (int i = 0; i < PER_PRODUCER; i++)
                {
                    long sequence;
                    while ((sequence = engine.tryClaim()) < 0)
                    {
                        Thread.onSpinWait();
                    }
                    final UpdateEvent slot = engine.slot(sequence);
                    final byte[] body = update(producer * PER_PRODUCER + i + 1, 100 + producer)
                        .getBytes(StandardCharsets.UTF_8);
                    System.arraycopy(body, 0, slot.bodyBufferFor(body.length), 0, body.length);
                    slot.type(UpdateEvent.UPDATE).responder((event, seq) ->
                    {
                        handlerThreads.merge(Thread.currentThread().getName(), 1, Integer::sum);
                        if (event.status() == 200 && event.replyLength() > 0)
                        {
                            answered.incrementAndGet();
                        }
                        event.clear();
                        engine.releaser().release(seq);
                        done.countDown();
                    });
                    engine.publish(sequence);
                }
            });
            producers[p].start();
        }
        assertTrue(done.await(60, TimeUnit.SECONDS), "every update answered, " + done.getCount() + " left");
        for (final Thread producer : producers)
        {
            producer.join();
        }
        assertEquals(PRODUCERS * PER_PRODUCER, answered.get());
        assertEquals(PRODUCERS * PER_PRODUCER, counters.counter(RingbotCounter.ENGINE_UPDATES).get());
        assertEquals(1, handlerThreads.size(), "one writer: " + handlerThreads);
        assertEquals(threading == EngineThreading.SHARED ? "test-host" : "ringbot-engine",
            handlerThreads.keySet().iterator().next());
        assertTrue(engine.drainAndStop(5_000));
    }

    @ParameterizedTest
    @EnumSource(EngineThreading.class)
    void shouldGoOnAfterABotThrows(final EngineThreading threading) throws Exception
    {
        final Bot throwing = new Bot().text(ctx ->
        {
            throw new IllegalStateException("boom");
        });
        final Engine engine = start(threading, throwing);
        final CountDownLatch done = new CountDownLatch(10);
        for (int i = 0; i < 10; i++)
        {
            final long sequence = engine.tryClaim();
            final UpdateEvent slot = engine.slot(sequence);
            final byte[] body = update(i + 1, 7).getBytes(StandardCharsets.UTF_8);
            System.arraycopy(body, 0, slot.bodyBufferFor(body.length), 0, body.length);
            slot.type(UpdateEvent.UPDATE).responder((event, seq) ->
            {
                event.clear();
                engine.releaser().release(seq);
                done.countDown();
            });
            engine.publish(sequence);
        }
        assertTrue(done.await(30, TimeUnit.SECONDS));
        assertEquals(10, counters.counter(RingbotCounter.ENGINE_HANDLER_ERRORS).get());
        assertTrue(engine.drainAndStop(5_000));
    }

    @Test
    void shouldRefuseASharedEngineWithoutAHost()
    {
        store = StateStore.open(new StoreContext().dataDir(dir).usersCapacity(1_000).userSchema(io.ringbot.engine.reference.ReferenceBot.USERS).chatSchema(io.ringbot.engine.reference.ReferenceBot.CHATS));
        counters = CountersFile.create(dir);
        final EngineContext ctx = new EngineContext().store(store).countersFile(counters)
            .bot(ReferenceBot.create("")).threading(EngineThreading.SHARED);
        assertThrows(IllegalArgumentException.class, () -> new Engine(ctx));
    }

    @Test
    void shouldChooseSharedForOneCpuWhenAuto()
    {
        assertEquals(EngineThreading.SHARED, EngineThreading.of("auto", 1));
        assertEquals(EngineThreading.DEDICATED, EngineThreading.of("auto", 2));
        assertEquals(EngineThreading.SHARED, EngineThreading.of("shared", 8));
        assertThrows(IllegalArgumentException.class, () -> EngineThreading.of("both", 2));
    }

    private Engine start(final EngineThreading threading, final Bot bot)
    {
        store = StateStore.open(new StoreContext().dataDir(dir).usersCapacity(1_000).userSchema(io.ringbot.engine.reference.ReferenceBot.USERS).chatSchema(io.ringbot.engine.reference.ReferenceBot.CHATS));
        counters = CountersFile.create(dir);
        return new Engine(new EngineContext().store(store).countersFile(counters).bot(bot).ringSize(64)
            .threading(threading).sharedHost(host).tickMillis(0)).start();
    }

    private static String update(final long updateId, final long userId)
    {
        return "{\"update_id\":" + updateId + ",\"message\":{\"message_id\":1,\"date\":1,\"from\":{\"id\":" + userId +
            ",\"is_bot\":false,\"first_name\":\"A\"},\"chat\":{\"id\":" + userId + ",\"type\":\"private\"},\"text\":\"hi\"}}";
    }
}

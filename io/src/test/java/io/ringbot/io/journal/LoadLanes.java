package io.ringbot.io.journal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;

/**
 * Telegram as the system tests need it: per user, updates strictly one after another (the next only
 * once the previous was answered 200), users spread over a few lanes, every update's fate recorded.
 * An update that got no 200 is redelivered with the same update_id, as Telegram does.
 */
final class LoadLanes
{
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final AtomicLong nextUpdateId;
    private final Map<Long, Long> sentPerUser = new ConcurrentHashMap<>();
    private final Map<Long, Long> answeredPerUser = new ConcurrentHashMap<>();
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile IntSupplier port;
    private final String secret;

    LoadLanes(final IntSupplier port, final String secret, final long firstUpdateId)
    {
        this.port = port;
        this.secret = secret;
        this.nextUpdateId = new AtomicLong(firstUpdateId);
    }

    void port(final IntSupplier port)
    {
        this.port = port;
    }

    /**
     * Sends updates from {@code lanes} threads until each user sent {@code perUser} or {@code stop} is set.
     * Each update is retried (redelivered) until answered 200 or stop is set.
     */
    void run(final long firstUser, final int users, final int perUser, final int lanes, final AtomicBoolean stop)
        throws InterruptedException
    {
        final Thread[] threads = new Thread[lanes];
        for (int lane = 0; lane < lanes; lane++)
        {
            final int l = lane;
            threads[lane] = new Thread(() ->
            {
                for (int round = 0; round < perUser && !stop.get(); round++)
                {
                    for (long user = firstUser + l; user < firstUser + users && !stop.get(); user += lanes)
                    {
                        deliver(user, nextUpdateId.getAndIncrement(), stop);
                    }
                }
            }, "load-lane-" + lane);
            threads[lane].start();
        }
        for (final Thread t : threads)
        {
            t.join();
        }
    }

    /** Delivers one update until it is answered 200 (or stop): Telegram's redelivery. */
    void deliver(final long user, final long updateId, final AtomicBoolean stop)
    {
        sentPerUser.merge(user, 1L, Long::sum);
        final String body = "{\"update_id\":" + updateId + ",\"message\":{\"message_id\":" + updateId + ",\"date\":1700000000," +
            "\"from\":{\"id\":" + user + ",\"is_bot\":false,\"first_name\":\"User" + user + "\",\"language_code\":\"en\"}," +
            "\"chat\":{\"id\":" + user + ",\"type\":\"private\"},\"text\":\"message " + updateId + "\"}}";
        while (true)
        {
            try
            {
                final HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port.getAsInt() + "/webhook"))
                    .timeout(Duration.ofSeconds(10))
                    .header("X-Telegram-Bot-Api-Secret-Token", secret)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200)
                {
                    answered.incrementAndGet();
                    answeredPerUser.merge(user, 1L, Long::sum);
                    return;
                }
                failures.incrementAndGet();
            }
            catch (final Exception ex)
            {
                failures.incrementAndGet();
            }
            if (stop.get())
            {
                return;
            }
            pause();
        }
    }

    private static void pause()
    {
        try
        {
            Thread.sleep(50);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    long answered()
    {
        return answered.get();
    }

    long failures()
    {
        return failures.get();
    }

    /**
     * @return per user, how many distinct updates were sent (each is delivered until answered).
     */
    Map<Long, Long> sentPerUser()
    {
        return sentPerUser;
    }
}

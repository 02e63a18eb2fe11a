package io.ringbot.engine.admin;

import io.ringbot.bot.Bot;
import io.ringbot.bot.BotContext;
import io.ringbot.bot.BroadcastCommand;
import io.ringbot.bot.UpdateHandler;
import io.ringbot.bot.UpdateKind;
import io.ringbot.store.StateStore;
import io.ringbot.store.record.RecordTable;
import io.ringbot.store.status.RingbotCounter;
import org.agrona.concurrent.status.CountersReader;

/**
 * The built-in admin commands (only for ADMIN_IDS, only in their private chat; anywhere else they get the
 * unknown-command behaviour):
 * short plain-text reports read from the live counters and the store. They run on the engine
 * thread, so they append into the reply's builder rather than formatting strings.
 */
public final class AdminReports
{
    /** The store's tables, copied once: {@link StateStore#tables()} copies its array at each call. */
    private final RecordTable[] tables;
    private final CountersReader counters;
    private final long startMillis;
    private final String production;
    private final int kindCounterBase;
    private final CacheClearer cacheClearer;

    private final UpdateHandler onHealth = this::health;
    private final UpdateHandler onStats = this::stats;
    private final UpdateHandler onCache = this::cache;
    private final UpdateHandler onMemory = this::memory;
    private final UpdateHandler onProduction = this::production;
    private final UpdateHandler onConnections = this::connections;
    private final UpdateHandler onClearCache = this::clearCache;

    /**
     * @param store       the store, for entries and capacity.
     * @param counters    the live counters.
     * @param startMillis when the server started.
     * @param production  the version and configuration summary (secrets masked), prepared at start.
     */
    public AdminReports(final StateStore store, final CountersReader counters, final long startMillis, final String production)
    {
        this(store, counters, startMillis, production, false, CacheClearer.IDLE_MILLIS_DEFAULT);
    }

    /**
     * @param store          the store, for entries and capacity.
     * @param counters       the live counters.
     * @param startMillis    when the server started.
     * @param production     the version and configuration summary (secrets masked), prepared at start.
     * @param journalEnabled whether Firestore holds a copy (only then may /clearcache drop records).
     * @param clearIdleMillis /clearcache drops synced records unused for longer than this.
     */
    public AdminReports(
        final StateStore store,
        final CountersReader counters,
        final long startMillis,
        final String production,
        final boolean journalEnabled,
        final long clearIdleMillis)
    {
        this.tables = store.tables();
        this.counters = counters;
        this.startMillis = startMillis;
        this.production = production;
        this.kindCounterBase = RingbotCounter.values().length;
        this.cacheClearer = new CacheClearer(store, journalEnabled, clearIdleMillis);
    }

    /**
     * Adds the admin commands to a bot: these reports, and {@code /broadcast}.
     *
     * @param bot the bot.
     */
    public void registerWith(final Bot bot)
    {
        bot.adminCommand("broadcast", new BroadcastCommand())
            .adminCommand("health", onHealth)
            .adminCommand("stats", onStats)
            .adminCommand("cache", onCache)
            .adminCommand("memory", onMemory)
            .adminCommand("production", onProduction)
            .adminCommand("connections", onConnections)
            .adminCommand("clearcache", onClearCache);
    }

    private void health(final BotContext ctx)
    {
        final StringBuilder t = ctx.sendMessage().text();
        t.append("ok\nuptime: ");
        uptime(t, ctx.nowMillis());
        t.append("\nupdates handled: ").append(value(RingbotCounter.ENGINE_UPDATES));
        t.append("\nhandler errors: ").append(value(RingbotCounter.ENGINE_HANDLER_ERRORS));
        t.append("\njournal pending: ").append(value(RingbotCounter.JOURNAL_PENDING));
    }

    private void stats(final BotContext ctx)
    {
        final StringBuilder t = ctx.sendMessage().text();
        final long updates = value(RingbotCounter.ENGINE_UPDATES);
        final long seconds = Math.max(1, (ctx.nowMillis() - startMillis) / 1000);
        t.append("updates: ").append(updates).append(" (").append(updates / seconds).append("/s average)");
        t.append("\nduplicates: ").append(value(RingbotCounter.ENGINE_DUPLICATES));
        t.append("\nrejected: ").append(value(RingbotCounter.ENGINE_BAD_JSON) + value(RingbotCounter.ENGINE_MISSING_UPDATE_ID) +
            value(RingbotCounter.ENGINE_BAD_NUMBER));
        t.append("\nunhandled: ").append(value(RingbotCounter.ENGINE_UNHANDLED));
        t.append("\nby kind:");
        for (int i = 0; i < UpdateKind.count(); i++)
        {
            final long count = counters.getCounterValue(kindCounterBase + i);
            if (count > 0)
            {
                t.append("\n  ").append(UpdateKind.of(i).fieldName()).append(": ").append(count);
            }
        }
    }

    private void cache(final BotContext ctx)
    {
        final StringBuilder t = ctx.sendMessage().text();
        final RecordTable[] tables = this.tables;
        for (int i = 0; i < tables.length; i++)
        {
            table(t.append(i == 0 ? "" : "\n").append(tables[i].schema().name()).append(": "), tables[i]);
        }
        final long hits = value(RingbotCounter.STORE_BINDING_HITS);
        final long misses = value(RingbotCounter.STORE_BINDING_MISSES);
        t.append("\nbinding cache hit ratio: ");
        percent(t, hits, hits + misses);
    }

    private void memory(final BotContext ctx)
    {
        final Runtime rt = Runtime.getRuntime();
        final StringBuilder t = ctx.sendMessage().text();
        t.append("heap used: ").append((rt.totalMemory() - rt.freeMemory()) >> 20).append(" MiB of ")
            .append(rt.maxMemory() >> 20).append(" MiB max");
        t.append("\noff-heap store: ")
            .append(offHeapBytes() >> 20).append(" MiB");
    }

    private long offHeapBytes()
    {
        long bytes = 0;
        for (final RecordTable table : tables)
        {
            bytes += table.offHeapBytes();
        }
        return bytes;
    }

    private void production(final BotContext ctx)
    {
        final StringBuilder t = ctx.sendMessage().text();
        t.append(production).append("\nuptime: ");
        uptime(t, ctx.nowMillis());
    }

    private void connections(final BotContext ctx)
    {
        final StringBuilder t = ctx.sendMessage().text();
        t.append("webhook connections open: ").append(value(RingbotCounter.WEBHOOK_CONNECTIONS_OPEN));
        t.append("\naccepted since start: ").append(value(RingbotCounter.WEBHOOK_CONNECTIONS_ACCEPTED));
        t.append("\nidle ones closed: ").append(value(RingbotCounter.WEBHOOK_IDLE_CLOSED));
        t.append("\nrequests: ").append(value(RingbotCounter.WEBHOOK_REQUESTS));
        t.append("\nrejected: ").append(value(RingbotCounter.WEBHOOK_UNAUTHORIZED)).append(" unauthorised, ")
            .append(value(RingbotCounter.WEBHOOK_RING_FULL)).append(" ring full");
    }

    private void clearCache(final BotContext ctx)
    {
        cacheClearer.clear(ctx.nowMillis(), ctx.sendMessage().text());
    }

    private long value(final RingbotCounter counter)
    {
        return counters.getCounterValue(counter.id());
    }

    private void uptime(final StringBuilder t, final long nowMillis)
    {
        final long s = (nowMillis - startMillis) / 1000;
        t.append(s / 86_400).append("d ").append(s / 3600 % 24).append("h ").append(s / 60 % 60).append("m ")
            .append(s % 60).append('s');
    }

    private static void table(final StringBuilder t, final RecordTable table)
    {
        t.append(table.size()).append(" of ").append(table.capacity()).append(" (");
        percent(t, table.size(), table.capacity());
        t.append(')');
    }

    private static void percent(final StringBuilder t, final long part, final long whole)
    {
        if (whole <= 0)
        {
            t.append("n/a");
            return;
        }
        final long tenths = part * 1000 / whole;
        t.append(tenths / 10).append('.').append(tenths % 10).append('%');
    }
}

package io.ringbot.engine;

import io.ringbot.engine.admin.AdminReports;
import io.ringbot.bot.Bot;
import io.ringbot.engine.reference.ReferenceBot;
import io.ringbot.engine.ring.UpdateEvent;
import io.ringbot.store.StateStore;
import io.ringbot.store.StoreContext;
import io.ringbot.store.status.CountersFile;
import io.ringbot.store.status.RingbotCounter;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * An engine over a real store and counters file in a folder, driven directly: {@link #send(String)}
 * runs one update through {@link EngineHandler#onEvent} on the caller's thread.
 */
public final class EngineHarness implements AutoCloseable
{
    public static final long ADMIN_ID = 1000;

    private final Path dir;
    private final StateStore store;
    private final CountersFile counters;
    private final Engine engine;
    private final java.util.List<String> answers = new java.util.ArrayList<>();
    private long sequence;
    private int answered;

    public EngineHarness(final Path dir, final long usersCapacity, final Bot bot)
    {
        this(dir, usersCapacity, bot, null, 16);
    }

    /**
     * @param loads           where reads of missing records go, or null for none.
     * @param parkingCapacity how many updates may wait for reads.
     */
    public EngineHarness(final Path dir, final long usersCapacity, final Bot bot,
        final io.ringbot.engine.load.LoadRequests loads, final int parkingCapacity)
    {
        this(dir, usersCapacity, bot, loads, parkingCapacity, false, 0, null);
    }

    /**
     * A harness whose store is opened with the bot's own record types ({@code Bot.records}).
     */
    public static EngineHarness withBotRecords(final Path dir, final long usersCapacity, final Bot bot,
        final io.ringbot.engine.load.LoadRequests loads, final int parkingCapacity)
    {
        return new EngineHarness(dir, usersCapacity, bot, loads, parkingCapacity, false, 0, bot);
    }

    /**
     * The reference bot with its admin commands, journaling on or off as /clearcache sees it.
     */
    public EngineHarness(final Path dir, final boolean journalEnabled, final long clearIdleMillis)
    {
        this(dir, 10_000, null, null, 16, journalEnabled, clearIdleMillis, null);
    }

    private EngineHarness(final Path dir, final long usersCapacity, final Bot bot,
        final io.ringbot.engine.load.LoadRequests loads, final int parkingCapacity,
        final boolean journalEnabled, final long clearIdleMillis, final Bot recordsOf)
    {
        this.dir = dir;
        store = StateStore.open(new StoreContext().dataDir(dir).usersCapacity(usersCapacity).chatsCapacity(usersCapacity)
            .userSchema(recordsOf != null ? recordsOf.userSchema() : io.ringbot.engine.reference.ReferenceBot.USERS)
            .chatSchema(recordsOf != null ? recordsOf.chatSchema() : io.ringbot.engine.reference.ReferenceBot.CHATS)
            .furtherSchemas(recordsOf != null ? recordsOf.furtherSchemas() : java.util.List.of()));
        counters = CountersFile.create(dir);
        final Bot theBot = bot != null ? bot : ReferenceBot.create("ringbot_test_bot");
        if (bot == null)
        {
            new AdminReports(store, counters.reader(), System.currentTimeMillis(), "test", journalEnabled, clearIdleMillis)
                .registerWith(theBot);
        }
        engine = new Engine(new EngineContext().store(store).countersFile(counters).bot(theBot).adminIds(new long[]{ADMIN_ID}).ringSize(16)
            .loadRequests(loads).parkingCapacity(parkingCapacity).tickMillis(0));
        if (engine.parking() != null)
        {
            for (final UpdateEvent parked : engine.parking().events())
            {
                parked.attachment(parked);
            }
        }
    }

    public EngineHarness(final Path dir)
    {
        this(dir, 10_000, null);
    }

    /**
     * @param json an update body.
     * @return the answered slot (status and reply).
     */
    public UpdateEvent send(final String json)
    {
        return send(json.getBytes(StandardCharsets.UTF_8));
    }

    public UpdateEvent send(final byte[] body)
    {
        final UpdateEvent event = new UpdateEvent();
        System.arraycopy(body, 0, event.bodyBufferFor(body.length), 0, body.length);
        event.type(UpdateEvent.UPDATE).responder(this::onAnswered);
        engine.handler().onBatchStart(1, 1);
        engine.handler().onEvent(event, sequence++, true);
        return event;
    }

    /**
     * Delivers an engine event that is not an update (a loaded record, acknowledgements).
     */
    public void deliver(final int type, final Object payload)
    {
        final UpdateEvent event = new UpdateEvent(16, 16);
        event.type(type).payload(payload);
        engine.handler().onEvent(event, sequence++, true);
    }

    private void onAnswered(final UpdateEvent e, final long seq)
    {
        answered++;
        answers.add(reply(e) + " status=" + e.status());
        if (engine.parking() != null && e.attachment() == e)
        {
            engine.parking().release(seq);
        }
    }

    /**
     * @return every answer so far, in order: "reply status=N".
     */
    public java.util.List<String> answers()
    {
        return answers;
    }

    public static String reply(final UpdateEvent event)
    {
        return new String(event.reply(), 0, event.replyLength(), StandardCharsets.UTF_8);
    }

    public long counter(final RingbotCounter counter)
    {
        return counters.counter(counter).get();
    }

    public int answered()
    {
        return answered;
    }

    public StateStore store()
    {
        return store;
    }

    public Engine engine()
    {
        return engine;
    }

    public Path dir()
    {
        return dir;
    }

    public void close()
    {
        store.close();
        counters.close();
    }

    /**
     * @return a text message from a user in their private chat.
     */
    public static String text(final long updateId, final long userId, final String text)
    {
        return "{\"update_id\":" + updateId + ",\"message\":{\"message_id\":" + updateId + ",\"date\":1700000000," +
            "\"from\":{\"id\":" + userId + ",\"is_bot\":false,\"first_name\":\"User" + userId + "\",\"username\":\"u" + userId +
            "\",\"language_code\":\"en\"},\"chat\":{\"id\":" + userId + ",\"type\":\"private\"},\"text\":" + quote(text) + "}}";
    }

    public static String callback(final long updateId, final long userId, final long chatId, final String data)
    {
        return "{\"update_id\":" + updateId + ",\"callback_query\":{\"id\":\"cb" + updateId + "\",\"from\":{\"id\":" + userId +
            ",\"is_bot\":false,\"first_name\":\"U\"},\"message\":{\"message_id\":7,\"from\":{\"id\":1,\"is_bot\":true," +
            "\"first_name\":\"Bot\"},\"chat\":{\"id\":" + chatId + ",\"type\":\"private\"},\"date\":1,\"text\":\"x\"}," +
            "\"chat_instance\":\"1\",\"data\":" + quote(data) + "}}";
    }

    public static String quote(final String s)
    {
        final StringBuilder b = new StringBuilder("\"");
        for (final char c : s.toCharArray())
        {
            switch (c)
            {
                case '"':
                    b.append("\\\"");
                    break;
                case '\\':
                    b.append("\\\\");
                    break;
                case '\n':
                    b.append("\\n");
                    break;
                default:
                    b.append(c);
            }
        }
        return b.append('"').toString();
    }
}

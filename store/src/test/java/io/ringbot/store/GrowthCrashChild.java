package io.ringbot.store;

import io.ringbot.store.record.Record;
import io.ringbot.store.record.TestSchemas;

import java.nio.file.Path;

/**
 * Run in a child JVM by {@link GrowthCrashTest}: writes users and chats 1, 2, 3, ... into a fresh store, each
 * the way the engine does (seqlock bracket, fields in place), and prints the last id written every 1,000, until
 * the test kills it with SIGKILL while its files grow.
 */
public final class GrowthCrashChild
{
    private GrowthCrashChild()
    {
    }

    public static void main(final String[] args)
    {
        final StateStore store = StateStore.open(GrowthCrashTest.context(Path.of(args[0])));
        for (long id = 1; ; id++)
        {
            final Record user = store.users().acquire(id);
            user.beginWrite();
            user.id(id);
            TestSchemas.MESSAGE_COUNT.set(user, GrowthCrashTest.count(id));
            TestSchemas.FIRST_NAME.set(user, GrowthCrashTest.name(id));
            user.endWrite();
            final Record chat = store.chats().acquire(-id);
            chat.beginWrite();
            chat.id(-id);
            TestSchemas.CHAT_MESSAGES.set(chat, GrowthCrashTest.count(id));
            chat.endWrite();
            if (id % 1_000 == 0)
            {
                System.out.println(id);
                System.out.flush();
            }
        }
    }
}

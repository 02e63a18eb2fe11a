package io.ringbot.io;

import io.ringbot.io.config.ServerContext;

import java.nio.file.Path;

/**
 * Server contexts for the system tests: any free webhook and ops port on loopback, the test's data folder.
 */
public final class TestContexts
{
    private TestContexts()
    {
    }

    /**
     * @param data     the data folder.
     * @param capacity users (and chats) the store is sized for.
     * @param secret   the webhook secret, or null to have one generated.
     * @return a context on free ports.
     */
    public static ServerContext onFreePorts(final Path data, final long capacity, final String secret)
    {
        final ServerContext context = new ServerContext().dataDir(data);
        context.webhook().port(0).secret(secret);
        context.ops().port(0);
        context.store().usersCapacity(capacity);
        return context;
    }
}

package io.ringbot.io.transport;

import io.netty.channel.epoll.Epoll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * TRANSPORT: auto takes native epoll where it loads (the linux-x86_64 jar ships in the server), else NIO.
 */
class TransportTest
{
    @Test
    void shouldTakeEpollForAutoWhereItLoads()
    {
        assertEquals(Epoll.isAvailable() ? Transport.EPOLL : Transport.NIO, Transport.of("auto"));
        assertEquals(Transport.NIO, Transport.of("NIO"));
    }

    @Test
    void shouldLoadTheNativeEpollTransportOnLinuxX8664()
    {
        if ("Linux".equals(System.getProperty("os.name")) && "amd64".equals(System.getProperty("os.arch")))
        {
            assertTrue(Epoll.isAvailable(), "the linux-x86_64 native jar is on the class path: " + Epoll.unavailabilityCause());
            assertEquals(Transport.EPOLL, Transport.of("epoll"));
        }
    }

    @Test
    void shouldSayWhatToSetForAnUnknownTransport()
    {
        final IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> Transport.of("kqueue"));
        assertTrue(refused.getMessage().contains("TRANSPORT must be auto, epoll, io_uring or nio"), refused.getMessage());
    }
}

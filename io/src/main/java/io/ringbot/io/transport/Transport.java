package io.ringbot.io.transport;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;

import java.util.Locale;

/**
 * The webhook's Netty transport (TRANSPORT): native epoll, io_uring, or the JDK's NIO. The native ones
 * ship for linux-x86_64 in the server jar; {@code auto} takes epoll where it loads, else NIO. The webhook's
 * hand-written HTTP parsing works on each: it sees only ByteBufs.
 */
public enum Transport
{
    EPOLL, IO_URING, NIO;

    /**
     * @param name auto, epoll, io_uring or nio (any case).
     * @return the transport to run: auto resolved for this platform.
     * @throws IllegalArgumentException naming the setting when the name is unknown or the transport cannot load here.
     */
    public static Transport of(final String name)
    {
        final String value = name == null ? "auto" : name.trim().toLowerCase(Locale.ROOT);
        switch (value)
        {
            case "auto":
                return Epoll.isAvailable() ? EPOLL : NIO;
            case "epoll":
                if (!Epoll.isAvailable())
                {
                    throw new IllegalArgumentException("TRANSPORT=epoll cannot load here (" + Epoll.unavailabilityCause() +
                        "): use auto or nio");
                }
                return EPOLL;
            case "io_uring":
            case "iouring":
                if (!IoUring.isAvailable())
                {
                    throw new IllegalArgumentException("TRANSPORT=io_uring cannot load here (" + IoUring.unavailabilityCause() +
                        "): use auto, epoll or nio");
                }
                return IO_URING;
            case "nio":
                return NIO;
            default:
                throw new IllegalArgumentException("TRANSPORT must be auto, epoll, io_uring or nio, was \"" + name + "\"");
        }
    }

    /**
     * @return the event loops' I/O handler factory.
     */
    public IoHandlerFactory ioHandlerFactory()
    {
        switch (this)
        {
            case EPOLL:
                return EpollIoHandler.newFactory();
            case IO_URING:
                return IoUringIoHandler.newFactory();
            default:
                return NioIoHandler.newFactory();
        }
    }

    /**
     * @return the server channel class that runs on those event loops.
     */
    public Class<? extends ServerChannel> serverChannel()
    {
        switch (this)
        {
            case EPOLL:
                return EpollServerSocketChannel.class;
            case IO_URING:
                return IoUringServerSocketChannel.class;
            default:
                return NioServerSocketChannel.class;
        }
    }

    /**
     * @return the name as TRANSPORT spells it.
     */
    public String label()
    {
        return name().toLowerCase(Locale.ROOT);
    }
}

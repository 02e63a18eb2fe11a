package io.ringbot.perf.load;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * Chooses the Netty transport once for the load generator and the baseline server: native epoll when its
 * library loads, NIO otherwise, so both sides of a comparison run on the same transport.
 */
public final class NettyTransport
{
    private static final boolean EPOLL = Epoll.isAvailable();

    private NettyTransport()
    {
    }

    /**
     * @return "epoll" or "nio".
     */
    public static String name()
    {
        return EPOLL ? "epoll" : "nio";
    }

    /**
     * @param threads event loop threads.
     * @return a new group on the chosen transport.
     */
    public static EventLoopGroup newGroup(final int threads)
    {
        final IoHandlerFactory factory = EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        return new MultiThreadIoEventLoopGroup(threads, factory);
    }

    /**
     * @return the client socket channel class of the chosen transport.
     */
    public static Class<? extends SocketChannel> socketChannel()
    {
        return EPOLL ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    /**
     * @return the server socket channel class of the chosen transport.
     */
    public static Class<? extends ServerSocketChannel> serverSocketChannel()
    {
        return EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }
}

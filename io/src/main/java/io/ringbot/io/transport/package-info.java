/**
 * What the webhook and ops servers share about connections: the Netty transport (epoll, io_uring or NIO) and
 * the cap on open connections with its write-buffer water marks.
 * <p>
 * Threads: the event loops of the server that uses them. Files: none.
 */
package io.ringbot.io.transport;

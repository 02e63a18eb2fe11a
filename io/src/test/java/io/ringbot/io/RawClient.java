package io.ringbot.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A raw-socket HTTP/1.1 client, as an attacker would write one: sends exactly the bytes it is given and
 * reads answers byte by byte, so tests see what the server really put on the wire.
 */
final class RawClient implements AutoCloseable
{
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    RawClient(final int port) throws IOException
    {
        this(port, 0);
    }

    /**
     * @param port          the server's loopback port.
     * @param receiveBuffer SO_RCVBUF to ask for, 0 for the default (a small one makes a client that never reads).
     */
    RawClient(final int port, final int receiveBuffer) throws IOException
    {
        socket = new Socket();
        if (receiveBuffer > 0)
        {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(10_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    RawClient send(final String bytes) throws IOException
    {
        return send(bytes.getBytes(StandardCharsets.ISO_8859_1));
    }

    RawClient send(final byte[] bytes) throws IOException
    {
        out.write(bytes);
        out.flush();
        return this;
    }

    void timeout(final int millis) throws IOException
    {
        socket.setSoTimeout(millis);
    }

    /**
     * @return the next answer, or null when the server closed the connection first.
     */
    Answer read() throws IOException
    {
        final String head = readHead();
        if (head == null)
        {
            return null;
        }
        final String[] lines = head.split("\r\n");
        final int status = Integer.parseInt(lines[0].split(" ")[1]);
        final Map<String, String> headers = new TreeMap<>();
        for (int i = 1; i < lines.length; i++)
        {
            final int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        final int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        final byte[] body = in.readNBytes(length);
        return new Answer(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    /**
     * @return true when the server closed the connection (end of stream, or reset) within the read timeout.
     */
    boolean closedByServer() throws IOException
    {
        try
        {
            return in.read() < 0;
        }
        catch (final SocketTimeoutException ex)
        {
            return false;
        }
        catch (final IOException ex)
        {
            return true; // connection reset
        }
    }

    private String readHead() throws IOException
    {
        final ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4)
        {
            final int b;
            try
            {
                b = in.read();
            }
            catch (final SocketTimeoutException ex)
            {
                throw ex;
            }
            catch (final IOException ex)
            {
                return null; // reset
            }
            if (b < 0)
            {
                return null;
            }
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3)) ?
                matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    public void close() throws IOException
    {
        socket.close();
    }

    /** One answer as read off the wire. */
    static final class Answer
    {
        final int status;
        final Map<String, String> headers;
        final String body;

        Answer(final int status, final Map<String, String> headers, final String body)
        {
            this.status = status;
            this.headers = headers;
            this.body = body;
        }

        public String toString()
        {
            return status + " " + headers + " " + body;
        }
    }
}

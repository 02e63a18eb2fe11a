package io.ringbot.io.outbound;

import org.agrona.IoUtil;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * One broadcast and its persisted progress, in the data folder's {@code broadcast} directory:
 * {@code <id>.ids} the recipients fixed when it started (users who had not blocked the bot),
 * {@code <id>.text} the text (a JSON string), {@code <id>.admin} the admin's chat, told the number of
 * recipients, and {@code <id>.state} one byte per recipient, then one for the admin's confirmation, in a
 * memory-mapped file: PENDING, SENDING (set before the call goes out), DONE, FAILED, UNKNOWN (sent and
 * never answered). After a kill -9 a call still SENDING had an unknown outcome: it is counted and never sent
 * again, so nobody gets the same broadcast twice; a confirmation still PENDING goes out after the restart.
 * The files are deleted when every recipient and the confirmation are done.
 */
final class BroadcastJob implements AutoCloseable
{
    static final byte PENDING = 0;
    static final byte SENDING = 1;
    static final byte DONE = 2;
    static final byte FAILED = 3;
    static final byte UNKNOWN = 4;

    final long id;
    final long[] recipients;
    final byte[] textJson;
    /** The admin's chat, told the number of recipients (0: none to tell). */
    final long adminChatId;
    /** The confirmation's slot in the state file, after the recipients'. */
    final int confirmation;
    private final Path dir;
    private final MappedByteBuffer state;
    private int feedCursor;
    private int finished;
    private int unknownAtOpen;

    private BroadcastJob(final Path dir, final long id, final long[] recipients, final byte[] textJson,
        final long adminChatId, final MappedByteBuffer state)
    {
        this.dir = dir;
        this.id = id;
        this.recipients = recipients;
        this.textJson = textJson;
        this.adminChatId = adminChatId;
        this.state = state;
        confirmation = recipients.length;
        for (int i = 0; i <= confirmation; i++)
        {
            if (state.get(i) == SENDING)
            {
                state.put(i, UNKNOWN);
                unknownAtOpen++;
            }
            if (i < confirmation && state.get(i) != PENDING)
            {
                finished++;
            }
        }
        if (adminChatId == 0 && state.get(confirmation) == PENDING)
        {
            state.put(confirmation, DONE);
        }
    }

    /**
     * Creates a broadcast, or opens it when a previous run created it already (same id).
     */
    static BroadcastJob createOrOpen(final Path dir, final long id, final long[] recipients, final byte[] textJson,
        final long adminChatId)
    {
        try
        {
            Files.createDirectories(dir);
            final Path statePath = dir.resolve(id + ".state");
            if (!Files.exists(statePath))
            {
                write(dir.resolve(id + ".ids"), longs(recipients));
                write(dir.resolve(id + ".text"), textJson);
                write(dir.resolve(id + ".admin"), longs(new long[]{adminChatId}));
                write(statePath, new byte[recipients.length + 1]);
            }
            return open(dir, id);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create broadcast " + id + " in " + dir, ex);
        }
    }

    /**
     * Opens a broadcast a previous run left unfinished.
     */
    static BroadcastJob open(final Path dir, final long id) throws IOException
    {
        final ByteBuffer ids = ByteBuffer.wrap(Files.readAllBytes(dir.resolve(id + ".ids"))).order(ByteOrder.LITTLE_ENDIAN);
        final long[] recipients = new long[ids.remaining() / Long.BYTES];
        for (int i = 0; i < recipients.length; i++)
        {
            recipients[i] = ids.getLong();
        }
        final byte[] text = Files.readAllBytes(dir.resolve(id + ".text"));
        final long adminChatId = ByteBuffer.wrap(Files.readAllBytes(dir.resolve(id + ".admin")))
            .order(ByteOrder.LITTLE_ENDIAN).getLong();
        final MappedByteBuffer state;
        try (FileChannel channel = FileChannel.open(dir.resolve(id + ".state"), StandardOpenOption.READ,
            StandardOpenOption.WRITE))
        {
            if (channel.size() != recipients.length + 1)
            {
                throw new IOException("broadcast " + id + ": " + channel.size() + " state bytes for " +
                    recipients.length + " recipients and the confirmation");
            }
            state = channel.map(FileChannel.MapMode.READ_WRITE, 0, channel.size());
        }
        return new BroadcastJob(dir, id, recipients, text, adminChatId, state);
    }

    /**
     * @return the next recipient not yet handed out, or -1.
     */
    int nextToFeed()
    {
        while (feedCursor < recipients.length)
        {
            final int i = feedCursor++;
            if (state.get(i) == PENDING)
            {
                return i;
            }
        }
        return -1;
    }

    /**
     * @return whether the admin's confirmation is still to be sent (a new broadcast, or one a crash left so).
     */
    boolean confirmationPending()
    {
        return state.get(confirmation) == PENDING;
    }

    /**
     * @param slot a recipient's index, or {@link #confirmation}.
     */
    void sending(final int slot)
    {
        state.put(slot, SENDING);
    }

    /** Back to pending: the call was refused before Telegram acted on it (429, 5xx, network). */
    void retry(final int slot)
    {
        state.put(slot, PENDING);
    }

    /**
     * @param slot    a recipient's index, or {@link #confirmation}.
     * @param outcome {@link #DONE}, {@link #FAILED} or {@link #UNKNOWN} (sent, never answered).
     */
    void finish(final int slot, final byte outcome)
    {
        state.put(slot, outcome);
        if (slot != confirmation)
        {
            finished++;
        }
    }

    boolean isFinished()
    {
        return finished >= recipients.length && !confirmationPending() && state.get(confirmation) != SENDING;
    }

    int finishedCount()
    {
        return finished;
    }

    int unknownAtOpen()
    {
        return unknownAtOpen;
    }

    byte stateOf(final int recipient)
    {
        return state.get(recipient);
    }

    /**
     * The sendMessage body for one recipient.
     */
    byte[] body(final int recipient)
    {
        final byte[] head = ("{\"method\":\"sendMessage\",\"chat_id\":" + recipients[recipient] + ",\"text\":")
            .getBytes(StandardCharsets.US_ASCII);
        final byte[] body = new byte[head.length + textJson.length + 1];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(textJson, 0, body, head.length, textJson.length);
        body[body.length - 1] = '}';
        return body;
    }

    /**
     * The sendMessage body that tells the admin the number of recipients.
     */
    byte[] confirmationBody()
    {
        return ("{\"method\":\"sendMessage\",\"chat_id\":" + adminChatId + ",\"text\":\"Broadcast " + id +
            ": sending to " + recipients.length + " recipients\"}").getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Deletes the files of a finished broadcast.
     */
    void delete()
    {
        close();
        try
        {
            Files.deleteIfExists(dir.resolve(id + ".state"));
            Files.deleteIfExists(dir.resolve(id + ".ids"));
            Files.deleteIfExists(dir.resolve(id + ".text"));
            Files.deleteIfExists(dir.resolve(id + ".admin"));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    public void close()
    {
        state.force();
        IoUtil.unmap(state);
    }

    private static byte[] longs(final long[] values)
    {
        final ByteBuffer b = ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (final long v : values)
        {
            b.putLong(v);
        }
        return b.array();
    }

    private static void write(final Path path, final byte[] bytes) throws IOException
    {
        final Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
        Files.write(tmp, bytes);
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE))
        {
            channel.force(true);
        }
        Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}

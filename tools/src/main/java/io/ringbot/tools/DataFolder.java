package io.ringbot.tools;

import io.ringbot.store.StateStore;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A ringbot data folder and whether a server holds it.
 * <p>
 * A running server holds an exclusive {@link FileLock} on {@code ringbot.lock}; {@code open.marker} (its
 * pid) exists while it runs and stays behind when it dies. The lock is what counts: the marker's pid may
 * have been reused by another program.
 */
final class DataFolder
{
    /**
     * Who holds {@code ringbot.lock}.
     */
    enum LockState
    {
        FREE,
        HELD,
        UNKNOWN
    }

    /**
     * What the folder says about its server.
     *
     * @param lock          who holds the lock.
     * @param markerPresent whether {@code open.marker} exists.
     * @param markerPid     the pid in it, or -1.
     */
    record ServerState(LockState lock, boolean markerPresent, long markerPid)
    {
        boolean running()
        {
            return lock == LockState.HELD;
        }

        /**
         * @return one line for people.
         */
        String describe()
        {
            final String pid = markerPid > 0 ? "pid " + markerPid + (isAlive(markerPid) ? ", alive" : ", not alive") : "";
            return switch (lock)
            {
                case HELD -> "running (ringbot.lock is held" + (pid.isEmpty() ? "" : "; open.marker: " + pid) + ")";
                case FREE -> markerPresent ?
                    "not running; the last server did not close cleanly (open.marker" + (pid.isEmpty() ? "" : ": " + pid) +
                    "): reads work, the next start recovers the maps" :
                    "not running (closed cleanly)";
                case UNKNOWN -> "unknown (cannot read ringbot.lock)" +
                    (markerPresent ? "; open.marker present" + (pid.isEmpty() ? "" : ": " + pid) : "");
            };
        }
    }

    private final Path dir;

    DataFolder(final Path dir)
    {
        this.dir = dir;
    }

    Path dir()
    {
        return dir;
    }

    Path file(final String name)
    {
        return dir.resolve(name);
    }

    /**
     * Probes the lock with a shared lock, released at once: it needs only read access and fails while the
     * server holds its exclusive lock. (A server starting in that microsecond would report the folder in use.)
     *
     * @return the state.
     */
    ServerState probe()
    {
        return new ServerState(probeLock(), Files.exists(file(StateStore.OPEN_MARKER)), markerPid());
    }

    /**
     * Takes the folder for writing, as a server would: exclusive lock on {@code ringbot.lock}.
     *
     * @return the lock; close it to release.
     * @throws ToolException with exit code 2 while a server (or anything else) holds the folder.
     */
    WriteLock lockForWriting()
    {
        try
        {
            Files.createDirectories(dir);
            final FileChannel channel = FileChannel.open(
                file(StateStore.LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = null;
            try
            {
                lock = channel.tryLock();
            }
            catch (final OverlappingFileLockException ignore)
            {
                // held by this JVM: a store open in the same process counts as a server
            }
            if (lock == null)
            {
                channel.close();
                final long pid = markerPid();
                throw new ToolException(InspectTool.EXIT_REFUSED, "data folder " + dir + " is in use by a running ringbot" +
                    (pid > 0 ? " (pid " + pid + ")" : "") + ": stop the server first, nothing was changed");
            }
            return new WriteLock(channel, lock);
        }
        catch (final IOException ex)
        {
            throw new ToolException(InspectTool.EXIT_FAILED, "cannot lock " + file(StateStore.LOCK_FILE) + ": " + ex);
        }
    }

    /**
     * @return the pid in {@code open.marker}, or -1 when absent or unreadable.
     */
    long markerPid()
    {
        try
        {
            return Long.parseLong(Files.readString(file(StateStore.OPEN_MARKER), StandardCharsets.US_ASCII).trim());
        }
        catch (final IOException | NumberFormatException ex)
        {
            return -1;
        }
    }

    static boolean isAlive(final long pid)
    {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private LockState probeLock()
    {
        final Path lockFile = file(StateStore.LOCK_FILE);
        if (!Files.exists(lockFile))
        {
            return LockState.FREE;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.READ))
        {
            final FileLock lock = channel.tryLock(0, Long.MAX_VALUE, true);
            if (lock == null)
            {
                return LockState.HELD;
            }
            lock.release();
            return LockState.FREE;
        }
        catch (final OverlappingFileLockException ex)
        {
            return LockState.HELD; // a store open in this JVM (tests, or an embedding process)
        }
        catch (final IOException ex)
        {
            return LockState.UNKNOWN;
        }
    }

    /**
     * The folder's lock while the tool writes; closing releases it.
     */
    static final class WriteLock implements AutoCloseable
    {
        private final FileChannel channel;
        private final FileLock lock;

        private WriteLock(final FileChannel channel, final FileLock lock)
        {
            this.channel = channel;
            this.lock = lock;
        }

        public void close() throws IOException
        {
            lock.release();
            channel.close();
        }
    }
}

package io.ringbot.store.status;

import org.agrona.concurrent.Agent;
import org.agrona.concurrent.status.AtomicCounter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongSupplier;

/**
 * Watches the room left on the disk holding the data folder (its own thread, never the engine's).
 * <p>
 * The store's tables and the outbound queue are sparse memory-mapped files: they take disk page by page as
 * records arrive, and a write into a fresh page of a full disk is a SIGBUS, which the JVM turns into an
 * {@link InternalError} on the writing thread (the engine), possibly with a record half written. So the disk is
 * sampled here, once per duty cycle (a {@code statfs}: never on the engine thread), and while its usable space is
 * under the reserve the {@code store_disk_low} gauge is 1: the tables then refuse new records as if full (the
 * update is refused 503, nothing kept) while the records they hold go on changing in pages they already have.
 * The reserve is what the tables may still take between two samples.
 */
public final class DiskRoomGuard implements Agent
{
    private static final Logger LOG = LoggerFactory.getLogger(DiskRoomGuard.class);

    private final LongSupplier usableBytes;
    private final long reserveBytes;
    private final AtomicCounter usable;
    private final AtomicCounter low;
    private final String where;
    private boolean failed;

    /**
     * @param usableBytes  the usable bytes of the disk now (injectable: tests drive it).
     * @param reserveBytes below this, new records are refused.
     * @param usable       the gauge of the last sample ({@code store_disk_usable_bytes}).
     * @param low          the flag the tables read: 1 while under the reserve ({@code store_disk_low}).
     * @param where        the folder, for the log.
     */
    public DiskRoomGuard(
        final LongSupplier usableBytes,
        final long reserveBytes,
        final AtomicCounter usable,
        final AtomicCounter low,
        final String where)
    {
        this.usableBytes = usableBytes;
        this.reserveBytes = reserveBytes;
        this.usable = usable;
        this.low = low;
        this.where = where;
        low.setRelease(0);
    }

    /**
     * @param dir a folder.
     * @return the usable space of the file store that holds it, read anew at each call.
     * @throws UncheckedIOException when the folder's file store cannot be found.
     */
    public static LongSupplier usableSpaceOf(final Path dir)
    {
        final FileStore store;
        try
        {
            store = Files.getFileStore(dir);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot find the disk holding " + dir, ex);
        }
        return () ->
        {
            try
            {
                return store.getUsableSpace();
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        };
    }

    /**
     * Samples the disk once and publishes whether there is room for growth.
     *
     * @return 1 when the verdict changed, else 0.
     */
    public int doWork()
    {
        final long bytes;
        try
        {
            bytes = usableBytes.getAsLong();
        }
        catch (final RuntimeException ex)
        {
            if (!failed)
            {
                failed = true; // the last verdict stands: a disk we cannot read is no reason to refuse, nor to allow
                LOG.warn("cannot read the free space of the disk holding {}: {} (logged once)", where, ex.toString());
            }
            return 0;
        }
        usable.setRelease(bytes);
        final boolean nowLow = bytes < reserveBytes;
        if (nowLow == (low.get() != 0))
        {
            return 0;
        }
        low.setRelease(nowLow ? 1 : 0);
        if (nowLow)
        {
            LOG.warn("the disk holding {} has {} MiB usable, under STORE_DISK_RESERVE_MB ({} MiB): updates that need a " +
                "new record are refused 503 (Telegram delivers them again) until there is room; free disk space or " +
                "move DATA_DIR to a larger disk", where, bytes >> 20, reserveBytes >> 20);
        }
        else
        {
            LOG.info("the disk holding {} has room again ({} MiB usable): new records are stored", where, bytes >> 20);
        }
        return 1;
    }

    public String roleName()
    {
        return "ringbot-disk-guard";
    }
}

package io.ringbot.store.undo;

import io.ringbot.store.dedup.UpdateIdWindow;
import io.ringbot.store.record.Record;
import io.ringbot.store.record.RecordTable;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.file.Path;

/**
 * Makes an update's record changes atomic with marking its update_id applied: before the first write of
 * an update to a record, the record's bytes are copied here (a record the update creates is logged as
 * absent); once the update is marked applied in the {@link UpdateIdWindow} the log is cleared. A process
 * killed in between leaves the log set: {@link #recover(UpdateIdWindow)} at the next start puts every
 * logged record back as it was (and removes the created ones) unless the update was marked, so the update's
 * redelivery applies it exactly once.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |  magic "RBU1"                 |  capacity (records)           |  0
 *  |  slot bytes                   |  count (0 = clear), ordered   |  8
 *  |  update_id                                                    | 16
 *  |  ... to 64                                                    |
 *  +---------------------------------------------------------------+
 *  |  slot i at 64 + i * slot bytes:                               |
 *  |  table index                  |  length (-1 = absent)         |  0
 *  |  id                                                           |  8
 *  |  layout (a hash of the record type's recorded layout)         | 16
 *  |  the record's bytes, header included                          | 24 ...
 *  +---------------------------------------------------------------+
 * </pre>
 * The file is a memory-mapped page written with plain stores and never forced: the page cache outlives
 * a killed process, which is the failure this guards. A power loss can lose these writes as it can lose
 * the store's own; that is the Firestore journal's concern. An entry is complete before the count that
 * covers it is stored (release). Nothing is allocated per update.
 * <p>
 * Not thread safe: one writer, the engine thread.
 */
public final class UndoLog implements AutoCloseable
{
    /** Records one update may use (sender, chat, other users and further records) by default. */
    public static final int DEFAULT_CAPACITY = 16;
    /**
     * Records of one type an update may bind besides the sender's and the chat's: the one limit, which the bot API
     * publishes as {@code BotContext.MAX_OTHER_USERS} and the engine enforces.
     */
    public static final int RECORDS_PER_TYPE = 4;
    public static final int MAGIC = 0x52425531; // "RBU1"
    public static final int MAGIC_OFFSET = 0;
    public static final int CAPACITY_OFFSET = 4;
    public static final int SLOT_BYTES_OFFSET = 8;
    public static final int COUNT_OFFSET = 12;
    public static final int UPDATE_ID_OFFSET = 16;
    public static final int HEADER_BYTES = 64;
    public static final int ENTRY_TABLE_OFFSET = 0;
    public static final int ENTRY_LENGTH_OFFSET = 4;
    public static final int ENTRY_ID_OFFSET = 8;
    public static final int ENTRY_LAYOUT_OFFSET = 16;
    public static final int ENTRY_HEADER_BYTES = 24;
    /** The length of an entry whose record did not exist before the update. */
    public static final int ABSENT = -1;

    private final File file;
    private final MappedByteBuffer mapped;
    private final UnsafeBuffer buffer;
    private final RecordTable[] tables;
    private final long[] layouts;
    private final int capacity;
    private final int slotBytes;
    private final int[] loggedTables;
    private final long[] loggedIds;
    private int count;
    private boolean open;
    private long updateId;
    private long overflows;

    private UndoLog(final File file, final MappedByteBuffer mapped, final RecordTable[] tables, final int capacity, final int slotBytes)
    {
        this.file = file;
        this.mapped = mapped;
        this.buffer = new UnsafeBuffer(mapped);
        this.tables = tables.clone();
        this.layouts = new long[tables.length];
        for (int i = 0; i < tables.length; i++)
        {
            layouts[i] = layout(tables[i]);
        }
        this.capacity = capacity;
        this.slotBytes = slotBytes;
        this.loggedTables = new int[capacity];
        this.loggedIds = new long[capacity];
    }

    /**
     * @param tables the store's record types.
     * @return room for every record one update may bind: the sender, the chat and {@link #RECORDS_PER_TYPE}
     * of each type, and at least {@link #DEFAULT_CAPACITY}.
     */
    public static int capacityFor(final int tables)
    {
        return Math.max(DEFAULT_CAPACITY, 2 + RECORDS_PER_TYPE * tables);
    }

    /**
     * Opens the log of a data folder, creating it when absent. A log left set by a crash is kept as it is
     * until {@link #recover(UpdateIdWindow)}; each table logs its records here from then on.
     *
     * @param path     the file.
     * @param tables   the store's tables; an entry names its table by its index here.
     * @param capacity records one update may use.
     * @return the log.
     * @throws IllegalStateException when the file is not an undo log or is damaged (the message says what to do).
     */
    public static UndoLog open(final Path path, final RecordTable[] tables, final int capacity)
    {
        if (capacity < 1)
        {
            throw new IllegalArgumentException("the undo log must hold at least one record: " + capacity);
        }
        int largest = 0;
        for (int i = 0; i < tables.length; i++)
        {
            largest = Math.max(largest, tables[i].schema().size());
        }
        final int slotBytes = align8(ENTRY_HEADER_BYTES + largest);
        final File file = path.toFile();
        final UndoLog log;
        if (file.exists() && file.length() >= HEADER_BYTES && !isZeroHeader(file))
        {
            final MappedByteBuffer mapped = IoUtil.mapExistingFile(file, "undo log");
            final UnsafeBuffer header = new UnsafeBuffer(mapped);
            final int fileCapacity = header.getInt(CAPACITY_OFFSET);
            final int fileSlotBytes = header.getInt(SLOT_BYTES_OFFSET);
            final int fileCount = header.getInt(COUNT_OFFSET);
            final String problem = header.getInt(MAGIC_OFFSET) != MAGIC ? "it does not start with the undo log's magic number" :
                fileCapacity < 1 || fileSlotBytes < ENTRY_HEADER_BYTES || (fileSlotBytes & 7) != 0 ? "its header is damaged" :
                file.length() != HEADER_BYTES + (long)fileCapacity * fileSlotBytes ? "it is " + file.length() +
                " bytes, its header says " + (HEADER_BYTES + (long)fileCapacity * fileSlotBytes) :
                fileCount < 0 || fileCount > fileCapacity ? "it counts " + fileCount + " records in " + fileCapacity + " slots" : null;
            if (problem != null)
            {
                IoUtil.unmap(mapped);
                throw damaged(file, problem);
            }
            if (fileCount == 0 && (fileCapacity != capacity || fileSlotBytes != slotBytes))
            {
                // clear, but sized for other records: made again
                IoUtil.unmap(mapped);
                log = create(file, tables, capacity, slotBytes);
            }
            else
            {
                // a log left set keeps its own geometry until it is recovered and the next start
                log = new UndoLog(file, mapped, tables, fileCapacity, fileSlotBytes);
            }
        }
        else if (file.exists() && file.length() > 0 && file.length() < HEADER_BYTES && !isZeroHeader(file))
        {
            throw damaged(file, "it is " + file.length() + " bytes, shorter than its " + HEADER_BYTES + "-byte header");
        }
        else
        {
            // absent, or a creation a crash cut short (all zero: nothing was logged in it yet)
            log = create(file, tables, capacity, slotBytes);
        }
        for (int i = 0; i < tables.length; i++)
        {
            tables[i].undoLog(log, i);
        }
        return log;
    }

    /**
     * After a start: puts back the records of an update a crash interrupted before it was marked applied,
     * then clears the log. A restored record gets a version above both its current and its synced version,
     * so the journal (which finds every {@code version > syncedVersion} at start) writes it again: Firestore
     * may hold the interrupted change. A record the update created is removed, or, when the journal may
     * have seen it (its change was closed), reset to a fresh unclaimed record written again.
     *
     * @param updateIds the update-id window.
     * @return records restored, 0 when the log was clear or its update had been marked applied.
     * @throws IllegalStateException when an entry does not fit the store's tables (the message says what to do).
     */
    public int recover(final UpdateIdWindow updateIds)
    {
        final int logged = buffer.getIntVolatile(COUNT_OFFSET);
        if (logged == 0)
        {
            return 0;
        }
        final long interrupted = buffer.getLong(UPDATE_ID_OFFSET);
        int restored = 0;
        if (!updateIds.wasApplied(interrupted))
        {
            for (int i = 0; i < logged; i++)
            {
                check(i);
            }
            for (int i = logged - 1; i >= 0; i--)
            {
                restore(i);
                restored++;
            }
        }
        clearLog();
        return restored;
    }

    /**
     * Starts logging an update's records.
     *
     * @param updateId the update's id, kept at the head of the log.
     */
    public void begin(final long updateId)
    {
        if (count > 0)
        {
            clearLog();
        }
        this.updateId = updateId;
        buffer.putLong(UPDATE_ID_OFFSET, updateId);
        open = true;
    }

    /**
     * Copies a record an update is about to use, once per update; no-op outside an update. Called by
     * {@link RecordTable} when it binds a record.
     *
     * @param table  the table's index given at {@link #open}.
     * @param id     the record's id.
     * @param record the record in place, as it is before the update.
     * @param absent true when the record was created now (did not exist before the update).
     * @throws UndoLogFullException when the update uses more records than the log holds.
     */
    public void onBind(final int table, final long id, final Record record, final boolean absent)
    {
        if (!open)
        {
            return;
        }
        for (int i = 0; i < count; i++)
        {
            if (loggedIds[i] == id && loggedTables[i] == table)
            {
                return;
            }
        }
        if (count == capacity)
        {
            overflows++;
            throw new UndoLogFullException("an update may use at most " + capacity + " records (the undo log's " +
                "capacity); update " + updateId + " asked for one more and failed: split the work over several updates");
        }
        final int offset = HEADER_BYTES + count * slotBytes;
        buffer.putInt(offset + ENTRY_TABLE_OFFSET, table);
        buffer.putLong(offset + ENTRY_ID_OFFSET, id);
        buffer.putLong(offset + ENTRY_LAYOUT_OFFSET, layouts[table]);
        if (absent)
        {
            buffer.putInt(offset + ENTRY_LENGTH_OFFSET, ABSENT);
        }
        else
        {
            final int length = record.schema().size();
            buffer.putBytes(offset + ENTRY_HEADER_BYTES, record.buffer(), 0, length);
            buffer.putInt(offset + ENTRY_LENGTH_OFFSET, length);
        }
        loggedTables[count] = table;
        loggedIds[count] = id;
        count++;
        // the entry is complete before the count that covers it
        buffer.putIntOrdered(COUNT_OFFSET, count);
    }

    /**
     * Puts back, in place, the records the current update changed, for an update whose handler threw: call
     * after its changes were closed and before it is marked applied, so a failed handler leaves no half of
     * its work (a transfer debited but not credited). Each record put back is a new change (version up), so
     * the journal writes it again; records the update only read are left alone, and records it created keep
     * their defaults. Engine thread.
     *
     * @return the records put back.
     */
    public int rollback()
    {
        return putBack(false);
    }

    /**
     * Puts back every record the current update changed, as {@link #rollback()} does, and removes the records
     * it created: for an update refused (a record it needed did not fit the store), which must leave nothing
     * behind, since its redelivery is applied from the start. Call after its changes were closed (the created
     * records not reported to the journal) and before {@link #clear()}; the update is not marked applied.
     * Engine thread.
     *
     * @return the records put back or removed.
     */
    public int discard()
    {
        return putBack(true);
    }

    private int putBack(final boolean removeCreated)
    {
        int restored = 0;
        for (int i = count - 1; i >= 0; i--)
        {
            final int offset = HEADER_BYTES + i * slotBytes;
            final int length = buffer.getInt(offset + ENTRY_LENGTH_OFFSET);
            if (length == ABSENT)
            {
                if (removeCreated && tables[loggedTables[i]].contains(loggedIds[i]))
                {
                    tables[loggedTables[i]].remove(loggedIds[i]);
                    restored++;
                }
                continue;
            }
            final Record record = tables[loggedTables[i]].find(loggedIds[i]);
            if (record == null ||
                record.version() == buffer.getLong(offset + ENTRY_HEADER_BYTES + Record.VERSION_OFFSET))
            {
                continue;
            }
            record.beginWrite();
            // the id, times, flags and fields as they were; seq, version and synced version stay the live ones
            record.buffer().putBytes(Record.ID_OFFSET, buffer, offset + ENTRY_HEADER_BYTES + Record.ID_OFFSET,
                length - Record.ID_OFFSET);
            record.endWrite();
            restored++;
        }
        return restored;
    }

    /**
     * Ends an update: call once it is marked applied in the {@link UpdateIdWindow}.
     */
    public void clear()
    {
        open = false;
        if (count > 0)
        {
            clearLog();
        }
    }

    /**
     * @return true while an update's records are logged (the file's count is not zero).
     */
    public boolean isSet()
    {
        return buffer.getIntVolatile(COUNT_OFFSET) != 0;
    }

    /**
     * @return records logged for the current update.
     */
    public int count()
    {
        return count;
    }

    public int capacity()
    {
        return capacity;
    }

    /**
     * @return updates failed because they used more records than {@link #capacity()}.
     */
    public long overflows()
    {
        return overflows;
    }

    public void close()
    {
        for (int i = 0; i < tables.length; i++)
        {
            tables[i].undoLog(null, 0);
        }
        IoUtil.unmap(mapped);
    }

    private void clearLog()
    {
        count = 0;
        buffer.putIntOrdered(COUNT_OFFSET, 0);
    }

    private void check(final int index)
    {
        final int offset = HEADER_BYTES + index * slotBytes;
        final int table = buffer.getInt(offset + ENTRY_TABLE_OFFSET);
        final int length = buffer.getInt(offset + ENTRY_LENGTH_OFFSET);
        if (table < 0 || table >= tables.length)
        {
            throw damaged(file, "entry " + index + " names table " + table + " of " + tables.length);
        }
        final int size = tables[table].schema().size();
        if (buffer.getLong(offset + ENTRY_LAYOUT_OFFSET) != layouts[table] || (length != ABSENT && length != size))
        {
            throw new IllegalStateException("the undo log " + file + " holds a " + tables[table].schema().name() +
                " record (" + length + " bytes) from an update a crash interrupted, in a layout other than the " +
                "store's (" + size + " bytes): the layout changed without the migration putting it back first. " +
                "Delete the file to start, accepting that that one update may be applied twice when Telegram " +
                "redelivers it");
        }
        if (length != ABSENT && length > slotBytes - ENTRY_HEADER_BYTES)
        {
            throw damaged(file, "entry " + index + " is longer than its slot");
        }
    }

    private void restore(final int index)
    {
        final int offset = HEADER_BYTES + index * slotBytes;
        final RecordTable table = tables[buffer.getInt(offset + ENTRY_TABLE_OFFSET)];
        final long id = buffer.getLong(offset + ENTRY_ID_OFFSET);
        final int length = buffer.getInt(offset + ENTRY_LENGTH_OFFSET);
        if (length == ABSENT)
        {
            final Record record = table.find(id);
            if (record == null)
            {
                return;
            }
            if ((record.seq() & 1) != 0 || record.version() == 0)
            {
                // never closed: no reader, the journal included, saw it
                table.remove(id);
                return;
            }
            final long version = Math.max(record.version(), record.syncedVersion()) + 1;
            final long seq = record.seq();
            record.buffer().setMemory(0, record.schema().size(), (byte)0);
            record.writeDefaults();
            restoreHeader(record, seq, version, record.syncedVersion());
            return;
        }
        final Record record = table.acquire(id);
        final long seq = record.seq();
        final long synced = record.syncedVersion();
        final long version = Math.max(record.version(), synced) + 1;
        record.buffer().putBytes(0, buffer, offset + ENTRY_HEADER_BYTES, length);
        restoreHeader(record, seq, version, synced);
    }

    private static void restoreHeader(final Record record, final long seq, final long version, final long synced)
    {
        record.orderedSyncedVersion(synced);
        record.orderedVersion(version);
        // even, and past any value a reader saw before the crash
        record.orderedSeq((seq | 1) + 1);
    }

    private static UndoLog create(final File file, final RecordTable[] tables, final int capacity, final int slotBytes)
    {
        IoUtil.deleteIfExists(file);
        final MappedByteBuffer mapped = IoUtil.mapNewFile(file, HEADER_BYTES + (long)capacity * slotBytes, true);
        final UndoLog log = new UndoLog(file, mapped, tables, capacity, slotBytes);
        log.buffer.putInt(CAPACITY_OFFSET, capacity);
        log.buffer.putInt(SLOT_BYTES_OFFSET, slotBytes);
        log.buffer.putInt(COUNT_OFFSET, 0);
        // the magic last: a creation cut short leaves a zero header, which is made again
        log.buffer.putIntOrdered(MAGIC_OFFSET, MAGIC);
        return log;
    }

    /**
     * Whether a log file holds an update's records (a crash interrupted it), without opening it for writing.
     *
     * @param path the file.
     * @return true when it exists, has the magic and a count other than zero.
     */
    public static boolean isSet(final Path path)
    {
        final File file = path.toFile();
        if (!file.exists() || file.length() < HEADER_BYTES)
        {
            return false;
        }
        final byte[] head = readHead(file);
        final UnsafeBuffer header = new UnsafeBuffer(head);
        return header.getInt(MAGIC_OFFSET) == MAGIC && header.getInt(COUNT_OFFSET) != 0;
    }

    private static long layout(final RecordTable table)
    {
        // FNV-1a over the layout as the data folder records it
        final String json = table.schema().toJson();
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < json.length(); i++)
        {
            hash ^= json.charAt(i);
            hash *= 0x100000001b3L;
        }
        return hash;
    }

    private static boolean isZeroHeader(final File file)
    {
        for (final byte b : readHead(file))
        {
            if (b != 0)
            {
                return false;
            }
        }
        return true;
    }

    private static byte[] readHead(final File file)
    {
        final byte[] head = new byte[(int)Math.min(HEADER_BYTES, file.length())];
        try (FileInputStream in = new FileInputStream(file))
        {
            int read = 0;
            while (read < head.length)
            {
                final int n = in.read(head, read, head.length - read);
                if (n < 0)
                {
                    break;
                }
                read += n;
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read the undo log " + file + ": " + ex.getMessage(), ex);
        }
        return head;
    }

    private static IllegalStateException damaged(final File file, final String problem)
    {
        return new IllegalStateException("the undo log " + file + " is damaged: " + problem + ". It holds the records " +
            "of an update a crash interrupted; ringbot cannot tell whether they need restoring. Delete the file to " +
            "start anyway, accepting that that one update may be applied twice when Telegram redelivers it");
    }

    private static int align8(final int value)
    {
        return (value + 7) & ~7;
    }
}

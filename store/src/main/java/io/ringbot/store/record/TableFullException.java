package io.ringbot.store.record;

/**
 * The one signal that a record table cannot take a new record: it holds its capacity ({@code USERS_CAPACITY}
 * for users and chats, the further types' capacity for the others; at most what the folder's layout holds).
 * Thrown by {@link RecordTable#acquire(long)} for an id it does not hold, before anything is written; records it
 * holds are still acquired and changed, and {@link RecordTable#remove(long)} makes room at once.
 * An {@link IllegalStateException}, as Chronicle's own "map full" was, so code that caught that still does.
 * <p>
 * One instance per table, made when the table opens, without a stack trace: a full table refuses every new
 * record, and refusing allocates nothing ({@link RecordTable#full()} asks beforehand without a throw).
 */
public final class TableFullException extends IllegalStateException
{
    private static final long serialVersionUID = 1L;

    private final transient RecordTable table;

    TableFullException(final RecordTable table)
    {
        super(table.schema().name() + ": the table holds its capacity of " + table.capacity() + " records and " +
            "takes no new one (USERS_CAPACITY / --users-capacity when the data folder was made: a folder keeps the " +
            "layout it was made with)");
        this.table = table;
    }

    /** No stack trace: the instance is made once and thrown for every refused record. */
    @Override
    public synchronized Throwable fillInStackTrace()
    {
        return this;
    }

    /**
     * @return the table that is full.
     */
    public RecordTable table()
    {
        return table;
    }
}

package io.ringbot.engine.load;

import io.ringbot.store.journal.RecordType;

import java.util.Map;

/**
 * The outcome of a read-through, created by the loader thread and carried to the engine as a ring
 * event's payload: the document's fields, or none (not found, failed or timed out).
 */
public final class LoadedRecord
{
    final RecordType type;
    final long id;
    final Map<String, Object> fields;
    final boolean failed;

    public LoadedRecord(final RecordType type, final long id, final Map<String, Object> fields, final boolean failed)
    {
        this.type = type;
        this.id = id;
        this.fields = fields;
        this.failed = failed;
    }

    public RecordType type()
    {
        return type;
    }

    public long id()
    {
        return id;
    }

    /**
     * @return the document's fields, or null when there is no document to apply.
     */
    public Map<String, Object> fields()
    {
        return fields;
    }

    public boolean failed()
    {
        return failed;
    }
}

package io.ringbot.store.journal;

import java.util.Map;
import java.util.Objects;

/**
 * One whole-document {@code set} in a commit: the document {@code <prefix><type.collection()>/<id>} gets
 * exactly these fields.
 *
 * @param type    the record's type, naming the collection.
 * @param id      the record's id, the document's name (in decimal).
 * @param version the record's version the fields were taken at: acknowledged once committed.
 * @param fields  the document's fields (see {@link DocumentEncoder}); not copied.
 */
public record DocumentWrite(RecordType type, long id, long version, Map<String, Object> fields)
{
    public DocumentWrite
    {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(fields, "fields");
    }

    /**
     * @return the document's name in its collection.
     */
    public String documentId()
    {
        return Long.toString(id);
    }
}

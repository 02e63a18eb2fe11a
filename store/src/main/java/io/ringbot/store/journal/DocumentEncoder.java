package io.ringbot.store.journal;

import io.ringbot.store.record.Record;
import io.ringbot.store.record.RecordField;
import io.ringbot.store.record.RecordSchema;
import io.ringbot.store.record.TimestampField;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns a record of any {@link RecordSchema} into Firestore document fields and back: the engine's
 * header as {@code id}, {@code version}, {@code firstSeen}, {@code lastSeen} (timestamps, null when unset)
 * and {@code flags}, then each of the schema's fields under its document name with its Firestore type
 * ({@link io.ringbot.store.record.FieldType}). Writes are merges of exactly these fields, so fields
 * other systems keep in the same documents survive.
 * <p>
 * Decoding adopts documents another backend wrote: a missing field takes its default; a field of the
 * wrong type or out of range (a string too long for its field, a number that is not whole for an
 * integer) takes its default too, is counted, and is logged once per record type and field.
 */
public final class DocumentEncoder
{
    public static final String ID = "id";
    public static final String VERSION = "version";
    public static final String FIRST_SEEN = "firstSeen";
    public static final String LAST_SEEN = "lastSeen";
    public static final String FLAGS = "flags";

    private static final Logger LOG = LoggerFactory.getLogger(DocumentEncoder.class);
    private static final Set<String> LOGGED = ConcurrentHashMap.newKeySet();

    private long rejected;

    /**
     * @param record a consistent copy (see {@link RecordSnapshot}).
     * @return a new mutable map of the document's fields.
     */
    public Map<String, Object> encode(final Record record)
    {
        final List<RecordField> fields = record.schema().fields();
        final Map<String, Object> document = new HashMap<>((fields.size() + 5) * 4 / 3 + 1);
        document.put(ID, record.id());
        document.put(VERSION, record.version());
        document.put(FIRST_SEEN, TimestampField.timestamp(record.firstSeenMillis()));
        document.put(LAST_SEEN, TimestampField.timestamp(record.lastSeenMillis()));
        document.put(FLAGS, record.flags());
        for (int i = 0, size = fields.size(); i < size; i++)
        {
            final RecordField field = fields.get(i);
            document.put(field.documentName(), field.toDocument(record));
        }
        return document;
    }

    /**
     * Writes a document's fields into a record. The record then counts as in sync with the document:
     * {@code version} and {@code syncedVersion} both take the document's version. Leaves {@code seq}
     * alone (the caller brackets this with the record's seqlock), and {@code id} when the document has
     * none (the document's name is the id).
     *
     * @param document the document's fields.
     * @param into     the record to fill (heap copy or in place).
     * @return how many fields were rejected (wrong type or out of range) and took their default.
     */
    public int decode(final Map<String, ?> document, final Record into)
    {
        int rejectedNow = 0;
        final long id = header(document, ID, into);
        if (id != Long.MIN_VALUE)
        {
            into.id(id);
        }
        into.firstSeenMillis(time(document, FIRST_SEEN, into));
        into.lastSeenMillis(time(document, LAST_SEEN, into));
        final long flags = header(document, FLAGS, into);
        into.flags(flags == Long.MIN_VALUE ? 0 : flags);
        final List<RecordField> fields = into.schema().fields();
        for (int i = 0, size = fields.size(); i < size; i++)
        {
            final RecordField field = fields.get(i);
            final Object value = document.get(field.documentName());
            if (field.fromDocument(value, into) == RecordField.REJECTED)
            {
                rejectedNow++;
                reject(into.schema(), field.documentName(), field.type().firestoreType() +
                    (field.maxBytes() > 0 ? " of at most " + field.maxBytes() + " bytes" : ""), value);
            }
        }
        final long version = Math.max(0, header(document, VERSION, into));
        into.orderedVersion(version);
        into.orderedSyncedVersion(version);
        rejected += rejectedNow;
        return rejectedNow;
    }

    /**
     * @return fields rejected by this encoder's decodes so far.
     */
    public long rejected()
    {
        return rejected;
    }

    private long header(final Map<String, ?> document, final String name, final Record into)
    {
        final Object value = document.get(name);
        if (value instanceof Long || value instanceof Integer)
        {
            return ((Number)value).longValue();
        }
        if (value != null)
        {
            rejected++;
            reject(into.schema(), name, "integer", value);
        }
        return Long.MIN_VALUE;
    }

    private long time(final Map<String, ?> document, final String name, final Record into)
    {
        final Object value = document.get(name);
        if (value == null)
        {
            return 0;
        }
        if (value instanceof com.google.cloud.Timestamp)
        {
            final com.google.cloud.Timestamp ts = (com.google.cloud.Timestamp)value;
            return ts.getSeconds() * 1000L + ts.getNanos() / 1_000_000;
        }
        if (value instanceof Long)
        {
            return (Long)value;
        }
        rejected++;
        reject(into.schema(), name, "timestamp", value);
        return 0;
    }

    private static void reject(final RecordSchema schema, final String field, final String expected, final Object value)
    {
        if (LOGGED.add(schema.name() + '.' + field))
        {
            final String shown = String.valueOf(value);
            LOG.warn("{}: document field '{}' should be {}, found {} ({}): it takes its default (logged once per field)",
                schema.name(), field, expected, value == null ? "null" : value.getClass().getSimpleName(),
                shown.length() > 80 ? shown.substring(0, 80) + "..." : shown);
        }
    }
}

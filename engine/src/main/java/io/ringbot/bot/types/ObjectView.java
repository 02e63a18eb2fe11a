package io.ringbot.bot.types;

import io.ringbot.bot.JsonCursor;

/**
 * A view of one JSON object: the base of the generated view of each Bot API type. On the first read it
 * indexes the object's members, as far as the field asked for, recording each known field's value offset;
 * later reads of any field it passed cost one array load, so reading two fields needs no second scan and no
 * second cursor. Values are decoded by {@link JsonCursor} (the project's one JSON reader). As with the cursor,
 * a repeated name answers its first occurrence; a JSON {@code null} reads as absent.
 */
public abstract class ObjectView extends View
{
    /** A view that is never present (the payload of an update kind this version does not know). */
    static final ObjectView ABSENT = new Absent();

    private static final int UNSEEN = -1;
    private static final int NULL_VALUE = -2;
    private static final int DONE = -1;
    /** Read by absent views: it never moves, so every read answers its default. */
    private static final JsonCursor NOWHERE = new JsonCursor();

    private final FieldNames names;
    private final boolean rawVariants;
    private final int[] offsets;
    /** offsets[i] is valid when stamps[i] == stamp: a new object costs one increment, not a fill. */
    private final int[] stamps;
    private int stamp;
    private int indexedStart = -1;
    private long indexedGeneration = -1;
    private int scanPos = DONE;
    /** True when {@link #scanPos} is the value of the member indexed last, not yet skipped. */
    private boolean scanInValue;

    ObjectView(final FieldNames names)
    {
        this(names, false);
    }

    /** @param rawVariants true for a union whose value may also be a string or an array (RichText). */
    ObjectView(final FieldNames names, final boolean rawVariants)
    {
        this.names = names;
        this.rawVariants = rawVariants;
        this.offsets = new int[names.size()];
        this.stamps = new int[names.size()];
    }

    @Override
    final boolean accepts(final byte first)
    {
        return first == '{' || rawVariants && (first == '"' || first == '[');
    }

    /** @return true when the value is present and starts with {@code first} (a raw variant's string or array). */
    final boolean isRaw(final char first)
    {
        return start >= 0 && source.bytes[start] == first;
    }

    /** @return the shared cursor at this value itself. */
    final JsonCursor rawValue()
    {
        return start < 0 ? NOWHERE : source.cursor.wrap(source.bytes, source.length, start);
    }

    /** @return where the field's value starts, or -1 when it is absent or null. */
    final int fieldOffset(final int field)
    {
        if (start < 0 || rawVariants && source.bytes[start] != '{')
        {
            return -1;
        }
        if (indexedStart != start || indexedGeneration != source.generation)
        {
            indexedStart = start;
            indexedGeneration = source.generation;
            if (++stamp == 0)
            {
                java.util.Arrays.fill(stamps, 0); // wrapped around: no stale stamp may match
                stamp = 1;
            }
            scanPos = View.skipSpace(source.bytes, source.length, start + 1);
            scanInValue = false;
        }
        while (stamps[field] != stamp && scanPos != DONE)
        {
            scanMember();
        }
        final int offset = stamps[field] == stamp ? offsets[field] : UNSEEN;
        return offset < 0 ? -1 : offset;
    }

    final boolean hasField(final int field)
    {
        return fieldOffset(field) >= 0;
    }

    /** @return the shared cursor at the field's value ({@link JsonCursor#MISSING} when absent). */
    final JsonCursor fieldValue(final int field)
    {
        final int offset = fieldOffset(field);
        return offset < 0 ? NOWHERE : source.cursor.wrap(source.bytes, source.length, offset);
    }

    final <T extends View> T child(final T view, final int field)
    {
        view.viewAt(source, fieldOffset(field));
        return view;
    }

    /** @return {@code view} (of a union's variant) at this same object. */
    final <T extends View> T same(final T view)
    {
        view.viewAt(source, start);
        return view;
    }

    /**
     * Indexes the next member: skips the value of the one before (left unskipped, so that reading a field
     * costs no scan of its own value), then reads the name. Stops for good at the end or at anything but JSON.
     */
    private void scanMember()
    {
        final byte[] bytes = source.bytes;
        final int limit = source.length;
        int member = scanPos;
        scanPos = DONE;
        if (scanInValue)
        {
            final int end = View.skipSpace(bytes, limit, source.cursor.wrap(bytes, limit, member).valueEnd());
            if (end >= limit || bytes[end] != ',')
            {
                return;
            }
            member = View.skipSpace(bytes, limit, end + 1);
        }
        if (member >= limit || bytes[member] != '"')
        {
            return;
        }
        int pos = member + 1;
        int hash = 0;
        boolean escaped = false;
        while (pos < limit && bytes[pos] != '"')
        {
            if (bytes[pos] == '\\')
            {
                escaped = true;
                pos += 2;
                continue;
            }
            hash = 31 * hash + bytes[pos];
            pos++;
        }
        if (pos >= limit)
        {
            return;
        }
        final int nameEnd = pos;
        pos = View.skipSpace(bytes, limit, pos + 1);
        if (pos >= limit || bytes[pos] != ':')
        {
            return;
        }
        final int value = View.skipSpace(bytes, limit, pos + 1);
        if (value >= limit)
        {
            return;
        }
        final int field = escaped ? escapedName(member) : names.find(bytes, member + 1, nameEnd, hash);
        if (field >= 0 && stamps[field] != stamp)
        {
            offsets[field] = bytes[value] == 'n' ? NULL_VALUE : value;
            stamps[field] = stamp;
        }
        scanPos = value;
        scanInValue = true;
    }

    /** A name written with JSON escapes (Telegram writes none): decoded and compared by the cursor. */
    private int escapedName(final int quote)
    {
        final JsonCursor cursor = source.cursor.wrap(source.bytes, source.length, quote);
        for (int i = 0; i < names.size(); i++)
        {
            if (cursor.textEquals(names.name(i)))
            {
                return i;
            }
        }
        return -1;
    }

    private static final class Absent extends ObjectView
    {
        Absent()
        {
            super(new FieldNames());
        }
    }
}

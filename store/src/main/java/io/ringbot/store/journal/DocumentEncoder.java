package io.ringbot.store.journal;

import com.google.cloud.Timestamp;
import io.ringbot.store.record.ChatRecord;
import io.ringbot.store.record.UserRecord;

import java.util.Date;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns records into Firestore document fields and back, with named, typed fields so that the Firebase
 * console shows something readable: numbers as {@link Long}, times as {@link Timestamp} (an unset time,
 * 0, as null), text as {@link String}, and the record's {@code version}.
 * <pre>
 *   users/{id}: id, firstName, lastName, username, languageCode, firstSeen, lastSeen, messageCount, version
 *   chats/{id}: id, type, title, messageCount, likeCount, lastMessage, version
 * </pre>
 * Decoding is lenient (documents may have been edited by hand): a number of any kind, a missing field
 * (0 or ""), a time as a number of milliseconds, text longer than the record holds (cut at a character).
 * One instance per thread: it reuses a scratch buffer.
 */
public final class DocumentEncoder
{
    public static final String ID = "id";
    public static final String VERSION = "version";
    public static final String FIRST_NAME = "firstName";
    public static final String LAST_NAME = "lastName";
    public static final String USERNAME = "username";
    public static final String LANGUAGE_CODE = "languageCode";
    public static final String FIRST_SEEN = "firstSeen";
    public static final String LAST_SEEN = "lastSeen";
    public static final String MESSAGE_COUNT = "messageCount";
    public static final String TYPE = "type";
    public static final String TITLE = "title";
    public static final String LIKE_COUNT = "likeCount";
    public static final String LAST_MESSAGE = "lastMessage";

    private static final int USER_FIELDS = 9;
    private static final int CHAT_FIELDS = 7;

    private final StringBuilder scratch = new StringBuilder(UserRecord.MAX_NAME_BYTES);

    /**
     * @param user a consistent copy (see {@link RecordSnapshot}).
     * @return a new mutable map of the document's fields.
     */
    public Map<String, Object> encodeUser(final UserRecord user)
    {
        final Map<String, Object> fields = new HashMap<>(capacity(USER_FIELDS));
        fields.put(ID, user.getId());
        fields.put(FIRST_NAME, text(user.getUsingFirstName(clear())));
        fields.put(LAST_NAME, text(user.getUsingLastName(clear())));
        fields.put(USERNAME, text(user.getUsingUsername(clear())));
        fields.put(LANGUAGE_CODE, text(user.getUsingLanguageCode(clear())));
        fields.put(FIRST_SEEN, timestamp(user.getFirstSeenMillis()));
        fields.put(LAST_SEEN, timestamp(user.getLastSeenMillis()));
        fields.put(MESSAGE_COUNT, user.getMessageCount());
        fields.put(VERSION, user.getVersion());
        return fields;
    }

    /**
     * @param chat a consistent copy (see {@link RecordSnapshot}).
     * @return a new mutable map of the document's fields.
     */
    public Map<String, Object> encodeChat(final ChatRecord chat)
    {
        final Map<String, Object> fields = new HashMap<>(capacity(CHAT_FIELDS));
        fields.put(ID, chat.getId());
        fields.put(TYPE, text(chat.getUsingType(clear())));
        fields.put(TITLE, text(chat.getUsingTitle(clear())));
        fields.put(MESSAGE_COUNT, chat.getMessageCount());
        fields.put(LIKE_COUNT, chat.getLikeCount());
        fields.put(LAST_MESSAGE, timestamp(chat.getLastMessageMillis()));
        fields.put(VERSION, chat.getVersion());
        return fields;
    }

    /**
     * Writes a user document's fields into a record. The record then counts as in sync with the
     * document: {@code version} and {@code syncedVersion} both take the document's version. Leaves
     * {@code seq} alone (the engine brackets this call with its seqlock), and {@code id} when the
     * document has none (the document's name is the id). Allocates nothing for text that fits.
     *
     * @param fields the document's fields.
     * @param into   the record to fill (heap instance or the engine's in-place reference).
     */
    public void decodeUser(final Map<String, ?> fields, final UserRecord into)
    {
        final Object id = fields.get(ID);
        if (id != null)
        {
            into.setId(number(id));
        }
        into.setFirstName(text(fields.get(FIRST_NAME), UserRecord.MAX_NAME_BYTES));
        into.setLastName(text(fields.get(LAST_NAME), UserRecord.MAX_NAME_BYTES));
        into.setUsername(text(fields.get(USERNAME), UserRecord.MAX_USERNAME_BYTES));
        into.setLanguageCode(text(fields.get(LANGUAGE_CODE), UserRecord.MAX_LANGUAGE_BYTES));
        into.setFirstSeenMillis(millis(fields.get(FIRST_SEEN)));
        into.setLastSeenMillis(millis(fields.get(LAST_SEEN)));
        into.setMessageCount(number(fields.get(MESSAGE_COUNT)));
        final long version = number(fields.get(VERSION));
        into.setOrderedVersion(version);
        into.setOrderedSyncedVersion(version);
    }

    /**
     * Writes a chat document's fields into a record; see {@link #decodeUser(Map, UserRecord)}.
     *
     * @param fields the document's fields.
     * @param into   the record to fill.
     */
    public void decodeChat(final Map<String, ?> fields, final ChatRecord into)
    {
        final Object id = fields.get(ID);
        if (id != null)
        {
            into.setId(number(id));
        }
        into.setType(text(fields.get(TYPE), ChatRecord.MAX_TYPE_BYTES));
        into.setTitle(text(fields.get(TITLE), ChatRecord.MAX_TITLE_BYTES));
        into.setMessageCount(number(fields.get(MESSAGE_COUNT)));
        into.setLikeCount(number(fields.get(LIKE_COUNT)));
        into.setLastMessageMillis(millis(fields.get(LAST_MESSAGE)));
        final long version = number(fields.get(VERSION));
        into.setOrderedVersion(version);
        into.setOrderedSyncedVersion(version);
    }

    /**
     * @param millis epoch milliseconds, 0 for unset.
     * @return the Firestore timestamp, or null for unset.
     */
    public static Timestamp timestamp(final long millis)
    {
        return millis == 0 ? null : Timestamp.ofTimeMicroseconds(Math.multiplyExact(millis, 1000L));
    }

    static long number(final Object value)
    {
        if (value instanceof Number)
        {
            return ((Number)value).longValue();
        }
        if (value instanceof String)
        {
            try
            {
                return Long.parseLong(((String)value).trim());
            }
            catch (final NumberFormatException ignore)
            {
                return 0;
            }
        }
        return 0;
    }

    static long millis(final Object value)
    {
        if (value instanceof Timestamp)
        {
            final Timestamp ts = (Timestamp)value;
            return Math.addExact(Math.multiplyExact(ts.getSeconds(), 1000L), ts.getNanos() / 1_000_000);
        }
        if (value instanceof Date)
        {
            return ((Date)value).getTime();
        }
        return number(value);
    }

    /**
     * @return the text cut to at most {@code maxBytes} of UTF-8, never inside a character.
     */
    static String text(final Object value, final int maxBytes)
    {
        if (value == null)
        {
            return "";
        }
        final String text = value.toString();
        if (text.length() * 3 <= maxBytes || utf8Length(text) <= maxBytes)
        {
            return text;
        }
        int bytes = 0;
        int i = 0;
        while (i < text.length())
        {
            final int cp = text.codePointAt(i);
            final int cpBytes = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + cpBytes > maxBytes)
            {
                break;
            }
            bytes += cpBytes;
            i += Character.charCount(cp);
        }
        return text.substring(0, i);
    }

    private static int utf8Length(final String text)
    {
        int bytes = 0;
        for (int i = 0, length = text.length(); i < length; i++)
        {
            final char c = text.charAt(i);
            if (c < 0x80)
            {
                bytes++;
            }
            else if (c < 0x800)
            {
                bytes += 2;
            }
            else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1)))
            {
                bytes += 4;
                i++;
            }
            else
            {
                bytes += 3;
            }
        }
        return bytes;
    }

    private static String text(final CharSequence value)
    {
        return value == null ? "" : value.toString();
    }

    private StringBuilder clear()
    {
        scratch.setLength(0);
        return scratch;
    }

    private static int capacity(final int entries)
    {
        return (entries * 4 + 2) / 3;
    }
}

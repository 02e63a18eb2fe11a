package io.ringbot.perf.jmh;

import java.nio.charset.StandardCharsets;

/**
 * Realistic text-message updates for benchmarks, one per user, whose update_id is rewritten in place
 * (fixed width, so the body never changes length and nothing is allocated per operation).
 */
final class TextUpdates
{
    static final long FIRST_UPDATE_ID = 1_000_000_000L;
    private static final int ID_DIGITS = 10;
    private static final String DEFAULT_TEXT =
        "Hello there! How are you doing today? \\u2764\\ufe0f \u00e9\u00e8 \\ud83d\\ude00";

    final byte[][] bodies;
    final int[] idOffsets;
    private long nextUpdateId = FIRST_UPDATE_ID;
    private int next;

    TextUpdates(final int users)
    {
        this(users, null);
    }

    /**
     * @param users how many users, one body each.
     * @param texts each user's message text as JSON string content (escaped), or null for the default.
     */
    TextUpdates(final int users, final String[] texts)
    {
        bodies = new byte[users][];
        idOffsets = new int[users];
        for (int u = 0; u < users; u++)
        {
            final long user = 100_000_000L + u;
            final String json = "{\"update_id\":" + FIRST_UPDATE_ID + ",\"message\":{\"message_id\":4242,\"from\":{\"id\":" + user +
                ",\"is_bot\":false,\"first_name\":\"Rustam\",\"last_name\":\"Ivanov\",\"username\":\"rustam_" + u +
                "\",\"language_code\":\"en\",\"is_premium\":true},\"chat\":{\"id\":" + user + ",\"first_name\":\"Rustam\"," +
                "\"last_name\":\"Ivanov\",\"username\":\"rustam_" + u + "\",\"type\":\"private\"},\"date\":1700000000," +
                "\"text\":\"" + (texts == null ? DEFAULT_TEXT : texts[u]) + "\"}}";
            bodies[u] = json.getBytes(StandardCharsets.UTF_8);
            idOffsets[u] = json.indexOf(Long.toString(FIRST_UPDATE_ID));
        }
    }

    /**
     * @return the index of the next body, its update_id advanced.
     */
    int next()
    {
        final int i = next;
        next = i + 1 == bodies.length ? 0 : i + 1;
        writeId(bodies[i], idOffsets[i], nextUpdateId++);
        return i;
    }

    private static void writeId(final byte[] body, final int offset, final long id)
    {
        long v = id;
        for (int d = ID_DIGITS - 1; d >= 0; d--)
        {
            body[offset + d] = (byte)('0' + v % 10);
            v /= 10;
        }
    }
}

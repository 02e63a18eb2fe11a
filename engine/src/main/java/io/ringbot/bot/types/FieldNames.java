package io.ringbot.bot.types;

import java.nio.charset.StandardCharsets;

/**
 * The field names of one Bot API type and a hash table from a name's raw bytes to its position, so that
 * indexing an object costs one lookup per member (names are ASCII and Telegram writes them unescaped).
 */
final class FieldNames
{
    private final String[] names;
    private final byte[][] bytes;
    private final int[] table;
    private final int mask;

    FieldNames(final String... names)
    {
        this.names = names;
        this.bytes = new byte[names.length][];
        int size = 2;
        while (size < names.length * 2)
        {
            size <<= 1;
        }
        this.table = new int[size];
        this.mask = size - 1;
        for (int i = 0; i < names.length; i++)
        {
            bytes[i] = names[i].getBytes(StandardCharsets.US_ASCII);
            int hash = 0;
            for (final byte b : bytes[i])
            {
                hash = 31 * hash + b;
            }
            int slot = spread(hash) & mask;
            while (table[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }
            table[slot] = i + 1;
        }
    }

    int size()
    {
        return names.length;
    }

    String name(final int field)
    {
        return names[field];
    }

    /**
     * @param hash {@code 31 * h + b} over the name's bytes.
     * @return the field's position, or -1 when the type has no such field.
     */
    int find(final byte[] source, final int from, final int to, final int hash)
    {
        int slot = spread(hash) & mask;
        final int length = to - from;
        while (true)
        {
            final int entry = table[slot];
            if (entry == 0)
            {
                return -1;
            }
            if (equals(bytes[entry - 1], source, from, length))
            {
                return entry - 1;
            }
            slot = (slot + 1) & mask;
        }
    }

    /** A plain loop: names are a few bytes, shorter than a call into Arrays.equals pays off. */
    private static boolean equals(final byte[] name, final byte[] source, final int from, final int length)
    {
        if (name.length != length)
        {
            return false;
        }
        for (int i = 0; i < length; i++)
        {
            if (name[i] != source[from + i])
            {
                return false;
            }
        }
        return true;
    }

    private static int spread(final int hash)
    {
        return hash ^ (hash >>> 16);
    }
}

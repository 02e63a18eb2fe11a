package io.ringbot.perf.load;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One Telegram update pre-rendered to JSON bytes with numeric holes for the values that change per
 * request, so that a request costs a few buffer copies instead of a JSON serialization.
 * <p>
 * Built from a JSON document in which each hole holds a {@link Slot}'s sentinel number; Jackson rendered it,
 * so the fixed text (unicode, emoji, quotes) is already escaped correctly.
 */
public final class UpdateTemplate
{
    /** The values filled in per request; each is a non-negative number written as decimal digits. */
    public enum Slot
    {
        UPDATE_ID, USER_ID, MESSAGE_ID, DATE, CALLBACK_ID;

        /** Sentinel digits that cannot occur in real template text; the slot's ordinal is the last digit. */
        private static final String PREFIX = "7919000000000000";

        /**
         * @return the number that marks this slot in a template's source document.
         */
        public long sentinel()
        {
            return Long.parseLong(PREFIX + ordinal());
        }
    }

    private static final Slot[] SLOTS = Slot.values();

    private final String name;
    private final UpdateKind kind;
    private final Expectation expectation;
    private final byte[][] literals;
    private final Slot[] holes;
    private final int fixedLength;

    private UpdateTemplate(
        final String name,
        final UpdateKind kind,
        final Expectation expectation,
        final byte[][] literals,
        final Slot[] holes)
    {
        this.name = name;
        this.kind = kind;
        this.expectation = expectation;
        this.literals = literals;
        this.holes = holes;
        int length = 0;
        for (final byte[] literal : literals)
        {
            length += literal.length;
        }
        this.fixedLength = length;
    }

    /**
     * @param name        a label for reports and test failures.
     * @param kind        the update kind.
     * @param expectation what the answer must carry.
     * @param json        the rendered document holding {@link Slot#sentinel()} numbers where values go.
     * @return the template.
     */
    public static UpdateTemplate of(
        final String name, final UpdateKind kind, final Expectation expectation, final byte[] json)
    {
        final String text = new String(json, StandardCharsets.ISO_8859_1); // byte-for-byte, any encoding
        final List<byte[]> literals = new ArrayList<>();
        final List<Slot> holes = new ArrayList<>();
        int from = 0;
        int at;
        while ((at = text.indexOf(Slot.PREFIX, from)) >= 0)
        {
            final int digit = text.charAt(at + Slot.PREFIX.length()) - '0';
            if (digit < 0 || digit >= SLOTS.length)
            {
                throw new IllegalArgumentException("template " + name + " has an unknown sentinel at " + at);
            }
            literals.add(text.substring(from, at).getBytes(StandardCharsets.ISO_8859_1));
            holes.add(SLOTS[digit]);
            from = at + Slot.PREFIX.length() + 1;
        }
        literals.add(text.substring(from).getBytes(StandardCharsets.ISO_8859_1));
        return new UpdateTemplate(name, kind, expectation, literals.toArray(new byte[0][]), holes.toArray(new Slot[0]));
    }

    /**
     * @return the template's label.
     */
    public String name()
    {
        return name;
    }

    /**
     * @return the update kind.
     */
    public UpdateKind kind()
    {
        return kind;
    }

    /**
     * @return what the answer must carry.
     */
    public Expectation expectation()
    {
        return expectation;
    }

    /**
     * @return an upper bound of the rendered size in bytes.
     */
    public int maxLength()
    {
        return fixedLength + holes.length * 20;
    }

    /**
     * Writes the update with the given values.
     *
     * @param out    where the JSON goes.
     * @param values one value per {@link Slot}, indexed by ordinal.
     */
    public void render(final ByteBuf out, final long[] values)
    {
        for (int i = 0; i < holes.length; i++)
        {
            out.writeBytes(literals[i]);
            writeDigits(out, values[holes[i].ordinal()]);
        }
        out.writeBytes(literals[holes.length]);
    }

    private static void writeDigits(final ByteBuf out, final long value)
    {
        if (value < 0)
        {
            throw new IllegalArgumentException("template values are non-negative: " + value);
        }
        long divisor = 1;
        while (divisor <= value / 10)
        {
            divisor *= 10;
        }
        for (long rest = value; divisor > 0; divisor /= 10)
        {
            out.writeByte((int)('0' + rest / divisor));
            rest %= divisor;
        }
    }

    @Override
    public String toString()
    {
        return name;
    }
}

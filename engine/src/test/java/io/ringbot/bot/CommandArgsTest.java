package io.ringbot.bot;

import io.ringbot.bot.CommandArgs.Failure;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The command-argument tokenizer: numbers, words, the rest, and the failures a handler answers.
 */
class CommandArgsTest
{
    private final CommandArgs args = new CommandArgs();
    private final StringBuilder sb = new StringBuilder();

    @Test
    void shouldReadNumbersWordsAndTheRest()
    {
        args.wrap("  42 -7\t3.5 \n bob   and  alice  ");
        assertTrue(args.hasNext());
        assertEquals(42, args.nextLong(0));
        assertEquals(-7, args.nextInt(0));
        assertEquals(3.5, args.nextDouble(0));
        assertTrue(args.nextWord(sb));
        assertEquals("bob", sb.toString());
        sb.append('|');
        assertTrue(args.rest(sb));
        assertEquals("bob|and  alice", sb.toString(), "appended; inner spaces kept, trimmed at the end");
        assertFalse(args.hasNext());
        assertTrue(args.ok());
        assertEquals(Failure.NONE, args.error());
        assertFalse(args.nextWord(sb));
        assertFalse(args.rest(sb));
        assertEquals("bob|and  alice", sb.toString());
    }

    @Test
    void shouldTellTheFirstFailureAndWhichArgument()
    {
        args.wrap("5 x7 99999999999 ");
        assertEquals(5, args.nextLong(1, 10, -1));
        assertTrue(args.lastOk());
        assertEquals(-1, args.nextLong(-1), "not a number: the default");
        assertFalse(args.lastOk());
        assertEquals(-2, args.nextInt(-2), "beyond the int range");
        assertEquals(-3, args.nextLong(-3));
        assertFalse(args.ok());
        assertEquals(Failure.NOT_A_NUMBER, args.error(), "the first failure is kept");
        assertEquals(2, args.errorArgument());
        assertEquals("is not a number", args.error().describe());

        args.rewind();
        assertTrue(args.ok(), "rewind forgets the failures");
        args.skip();
        args.skip();
        assertEquals(0, args.nextInt(0));
        assertEquals(Failure.OUT_OF_RANGE, args.error());
        assertEquals(3, args.errorArgument());
        assertEquals(0, args.nextLong(0));
        assertFalse(args.lastOk());
        assertEquals(Failure.OUT_OF_RANGE, args.error(), "still the first");

        args.wrap("5");
        assertEquals(9, args.nextLong(6, 10, 9), "below the range asked for");
        assertEquals(Failure.OUT_OF_RANGE, args.error());
        args.wrap("   ");
        assertFalse(args.hasNext());
        assertEquals(4, args.nextLong(4));
        assertEquals(Failure.MISSING, args.error());
        assertEquals(1, args.errorArgument());
    }

    @Test
    void shouldReadTheLongRangeExactly()
    {
        args.wrap("9223372036854775807 -9223372036854775808 9223372036854775808 +12 - + 1_000 007");
        assertEquals(Long.MAX_VALUE, args.nextLong(0));
        assertEquals(Long.MIN_VALUE, args.nextLong(0));
        assertTrue(args.ok());
        assertEquals(1, args.nextLong(1));
        assertEquals(Failure.OUT_OF_RANGE, args.error());
        assertEquals(12, args.nextLong(0));
        assertEquals(0, args.nextLong(0));
        assertFalse(args.lastOk());
        assertEquals(0, args.nextLong(0));
        assertFalse(args.lastOk());
        assertEquals(0, args.nextLong(0));
        assertFalse(args.lastOk());
        assertEquals(7, args.nextLong(0));
        assertTrue(args.lastOk());
    }

    @Test
    void shouldReadDoublesAsTheJdkDoes()
    {
        final String[] numbers = {"0", "-0", "3", "-0.25", "1e3", "1.5E-7", "+2.", ".5", "0.1", "123456789.123456789",
            "1e308", "4.9e-324", "1e-400", "0.30000000000000004", "12345678901234567890123", "007.5", "1e+22",
            "9007199254740993"};
        for (final String number : numbers)
        {
            args.wrap(number);
            assertEquals(Double.parseDouble(number), args.nextDouble(Double.NaN), number);
            assertTrue(args.ok(), number);
        }
        final String[] notNumbers = {"NaN", "Infinity", "1e", "1e+", "1.2.3", "e5", ".", "-", "1d", "0x10", "1,5"};
        for (final String text : notNumbers)
        {
            args.wrap(text);
            assertEquals(-1, args.nextDouble(-1), text);
            assertEquals(Failure.NOT_A_NUMBER, args.error(), text);
        }
        args.wrap("1e999");
        assertEquals(-1, args.nextDouble(-1));
        assertEquals(Failure.OUT_OF_RANGE, args.error());
    }

    @Test
    void shouldReadTheArgumentsOfACommandOnly()
    {
        assertEquals(3, args.wrapCommand(update("/done@mybot   3  ", false)).nextLong(0));
        assertTrue(args.wrapCommand(update("/done@mybot", false)).isEmpty());
        assertTrue(args.wrapCommand(update("/list\nmilk eggs", false)).nextWord(sb));
        assertEquals("milk", sb.toString());
        assertTrue(args.wrapCommand(update("done 3", false)).isEmpty(), "not a command");
        assertTrue(args.wrapCommand(update("/done 3", true)).isEmpty(), "a caption is not a command");
    }

    private static Update update(final String text, final boolean caption)
    {
        return new TextUpdate(text, caption);
    }

    private static final class TextUpdate extends Update
    {
        private final String text;
        private final boolean caption;

        TextUpdate(final String text, final boolean caption)
        {
            this.text = text;
            this.caption = caption;
        }

        @Override
        public long updateId()
        {
            return 1;
        }

        @Override
        public UpdateKind kind()
        {
            return UpdateKind.MESSAGE;
        }

        @Override
        public boolean hasExtraPayloads()
        {
            return false;
        }

        @Override
        public boolean hasFrom()
        {
            return false;
        }

        @Override
        public long fromId()
        {
            return NONE;
        }

        @Override
        public boolean fromIsBot()
        {
            return false;
        }

        @Override
        public CharSequence firstName()
        {
            return "";
        }

        @Override
        public CharSequence lastName()
        {
            return "";
        }

        @Override
        public CharSequence username()
        {
            return "";
        }

        @Override
        public CharSequence languageCode()
        {
            return "";
        }

        @Override
        public boolean hasChat()
        {
            return false;
        }

        @Override
        public long chatId()
        {
            return NONE;
        }

        @Override
        public CharSequence chatType()
        {
            return "";
        }

        @Override
        public CharSequence chatTitle()
        {
            return "";
        }

        @Override
        public long replyToFromId()
        {
            return NONE;
        }

        @Override
        public long messageId()
        {
            return NONE;
        }

        @Override
        public long date()
        {
            return 0;
        }

        @Override
        public boolean hasText()
        {
            return true;
        }

        @Override
        public boolean textIsCaption()
        {
            return caption;
        }

        @Override
        public CharSequence text()
        {
            return text;
        }

        @Override
        public CharSequence queryId()
        {
            return "";
        }

        @Override
        public CharSequence data()
        {
            return "";
        }

        @Override
        public CharSequence query()
        {
            return "";
        }

        @Override
        public byte[] body()
        {
            return new byte[0];
        }

        @Override
        public int bodyLength()
        {
            return 0;
        }
    }
}

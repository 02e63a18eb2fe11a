package io.ringbot.engine.bot;

import io.ringbot.store.StateStore;
import io.ringbot.store.StoreContext;
import io.ringbot.store.record.ChatRecord;
import io.ringbot.store.record.UserRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Truncation measured against the real store: what it keeps is accepted, and one code point more is not. */
class TruncationTest
{
    private static final String[] UNITS = {"a", "\u00e9", "\u4e2d", "\uD83D\uDE00", "\u0000", "\uFFFD", "\u07FF", "\u0800"};

    @TempDir
    Path dir;
    private StateStore store;
    private UserRecord user;
    private ChatRecord chat;

    @BeforeEach
    void open()
    {
        store = StateStore.open(new StoreContext().dataDir(dir).usersCapacity(100).chatsCapacity(100));
        user = store.users().acquire(7);
        chat = store.chats().acquire(7);
    }

    @AfterEach
    void close()
    {
        store.close();
    }

    @Test
    void shouldKeepTheLongestPrefixTheStoreAcceptsForEveryKindOfCharacter()
    {
        final StringBuilder scratch = new StringBuilder();
        for (final String first : UNITS)
        {
            for (final String unit : UNITS)
            {
                for (int n = 1; n <= 300; n += n < 90 ? 1 : 7)
                {
                    final String text = first + unit.repeat(n);
                    check(text, UserRecord.MAX_NAME_BYTES, scratch, true);
                    check(text, UserRecord.MAX_USERNAME_BYTES, scratch, false);
                    check(text, ChatRecord.MAX_TITLE_BYTES, scratch, null);
                }
            }
        }
    }

    @Test
    void shouldStoreAnEmojiNameOfSeventyCharacters()
    {
        final String name = "\uD83D\uDE00".repeat(35) + "x".repeat(50);
        final CharSequence fitted = Truncation.utf8(name, UserRecord.MAX_NAME_BYTES, new StringBuilder());
        user.setFirstName(fitted);
        assertEquals(fitted.toString(), user.getFirstName().toString());
        assertThrows(IllegalArgumentException.class, () -> user.setFirstName(name), "the store measures a pair as 6 bytes");
    }

    @Test
    void shouldNeverEndInsideASurrogatePair()
    {
        final StringBuilder scratch = new StringBuilder();
        for (int max = 1; max <= 20; max++)
        {
            final String cut = Truncation.utf8("ab\uD83D\uDE00\uD83D\uDE00cd".repeat(3), max, scratch).toString();
            assertTrue(cut.isEmpty() || !Character.isHighSurrogate(cut.charAt(cut.length() - 1)), max + ": " + cut);
        }
        assertEquals(4095, Truncation.prefixOfChars("a".repeat(4095) + "\uD83D\uDE00", 4096));
        assertEquals(4096, Truncation.prefixOfChars("a".repeat(4096) + "\uD83D\uDE00", 4096));
        assertEquals(3, Truncation.prefixOfChars("abc", 4096));
    }

    /** @param field true: first name, false: username, null: chat title. */
    private void check(final String text, final int maxBytes, final StringBuilder scratch, final Boolean field)
    {
        final String kept = Truncation.utf8(text, maxBytes, scratch).toString();
        assertTrue(text.startsWith(kept));
        set(field, kept);
        assertEquals(kept, get(field), "stored as given");
        if (kept.length() < text.length())
        {
            final int next = kept.length() + Character.charCount(text.codePointAt(kept.length()));
            assertThrows(IllegalArgumentException.class, () -> set(field, text.substring(0, next)),
                "one code point more than " + kept.length() + " chars of " + text.length() + " would not fit " + maxBytes);
        }
    }

    private void set(final Boolean field, final String value)
    {
        if (field == null)
        {
            chat.setTitle(value);
        }
        else if (field)
        {
            user.setFirstName(value);
        }
        else
        {
            user.setUsername(value);
        }
    }

    private String get(final Boolean field)
    {
        return (field == null ? chat.getTitle() : field ? user.getFirstName() : user.getUsername()).toString();
    }
}

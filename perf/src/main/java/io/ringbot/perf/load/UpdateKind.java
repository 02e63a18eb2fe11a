package io.ringbot.perf.load;

import java.util.Locale;

/**
 * The kinds of Telegram update the generator sends; the lower-case names are the keys of {@code --mix}.
 */
public enum UpdateKind
{
    /** A plain-text private message: the counted path. */
    TEXT,
    /** A bot command such as {@code /start} or {@code /help}. */
    COMMAND,
    /** A callback query from an inline keyboard button with data {@code like}. */
    CALLBACK,
    /** An edited text message. */
    EDIT,
    /** A photo or document with a caption. */
    MEDIA;

    /**
     * @return the key used in {@code --mix} and reports.
     */
    public String key()
    {
        return name().toLowerCase(Locale.ROOT);
    }
}

package io.ringbot.bot;

/**
 * The one Bot API call a handler answers an update with, carried in the webhook's HTTP 200 body
 * (Telegram executes it). A reused builder: {@link BotContext} resets it for every update.
 */
public final class Reply
{
    /** The Bot API methods a reply can carry. */
    public enum Method
    {
        NONE(""),
        SEND_MESSAGE("sendMessage"),
        ANSWER_CALLBACK_QUERY("answerCallbackQuery"),
        EDIT_MESSAGE_TEXT("editMessageText");

        private final String apiName;

        Method(final String apiName)
        {
            this.apiName = apiName;
        }

        public String apiName()
        {
            return apiName;
        }
    }

    /** Telegram allows 100 buttons in an inline keyboard. */
    public static final int MAX_BUTTONS = 100;
    /** sendMessage and editMessageText: 1-4096 characters (UTF-16 code units); a longer text is cut. */
    public static final int MAX_TEXT_CHARS = 4096;
    /** answerCallbackQuery: 0-200 characters; a longer text is cut. */
    public static final int MAX_CALLBACK_TEXT_CHARS = 200;
    /** A button's label is cut here: Telegram documents no limit, but a label is a word or two. */
    public static final int MAX_BUTTON_LABEL_CHARS = 256;
    /** A button's callback data: 1-64 bytes of UTF-8; longer data is cut. */
    public static final int MAX_CALLBACK_DATA_BYTES = 64;

    public Method method = Method.NONE;
    public long chatId;
    public long messageId;
    public boolean showAlert;
    public final StringBuilder callbackQueryId = new StringBuilder(32);
    public final StringBuilder text = new StringBuilder(512);
    public final StringBuilder[] buttonLabels = new StringBuilder[MAX_BUTTONS];
    public final StringBuilder[] buttonData = new StringBuilder[MAX_BUTTONS];
    public final int[] buttonRow = new int[MAX_BUTTONS];
    public int buttons;
    public int row;

    public Reply()
    {
        for (int i = 0; i < MAX_BUTTONS; i++)
        {
            buttonLabels[i] = new StringBuilder(32);
            buttonData[i] = new StringBuilder(64);
        }
    }

    public void reset(final Method method)
    {
        this.method = method;
        chatId = 0;
        messageId = 0;
        showAlert = false;
        callbackQueryId.setLength(0);
        text.setLength(0);
        buttons = 0;
        row = 0;
    }

    public Method method()
    {
        return method;
    }

    /**
     * @return the text being built; append to it (no allocation for numbers and char sequences).
     */
    public StringBuilder text()
    {
        return text;
    }

    public Reply text(final CharSequence text)
    {
        this.text.setLength(0);
        this.text.append(text);
        return this;
    }

    /**
     * Adds an inline keyboard button to the current row.
     *
     * @param label        what the button shows.
     * @param callbackData what a press sends back as a callback query's data (1-64 bytes of UTF-8; cut there).
     * @return this.
     */
    public Reply button(final CharSequence label, final CharSequence callbackData)
    {
        if (buttons == MAX_BUTTONS)
        {
            throw new IllegalStateException("an inline keyboard holds at most " + MAX_BUTTONS + " buttons");
        }
        buttonLabels[buttons].setLength(0);
        buttonLabels[buttons].append(label);
        buttonData[buttons].setLength(0);
        buttonData[buttons].append(callbackData);
        buttonRow[buttons] = row;
        buttons++;
        return this;
    }

    /**
     * Starts a new keyboard row.
     *
     * @return this.
     */
    public Reply row()
    {
        if (buttons > 0 && buttonRow[buttons - 1] == row)
        {
            row++;
        }
        return this;
    }

    /**
     * For answerCallbackQuery: show the text as an alert rather than a notification.
     *
     * @param showAlert whether to.
     * @return this.
     */
    public Reply showAlert(final boolean showAlert)
    {
        this.showAlert = showAlert;
        return this;
    }
}

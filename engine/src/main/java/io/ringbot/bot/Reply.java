package io.ringbot.bot;

import io.ringbot.bot.types.BotMethod;

/**
 * The one Bot API call a handler answers an update with, carried in the webhook's HTTP 200 body
 * (Telegram executes it): {@link BotContext#sendMessage()}, {@link BotContext#answerCallbackQuery()} or
 * {@link BotContext#editMessageText()} starts it, these methods fill it. A reused builder: the engine resets
 * it for every update, and cuts what a handler wrote to Telegram's limits when it encodes the call.
 */
public abstract class Reply
{
    /** The Bot API methods a reply can carry (named by the generated {@link BotMethod}). */
    public enum Method
    {
        NONE(null),
        SEND_MESSAGE(BotMethod.SEND_MESSAGE),
        ANSWER_CALLBACK_QUERY(BotMethod.ANSWER_CALLBACK_QUERY),
        EDIT_MESSAGE_TEXT(BotMethod.EDIT_MESSAGE_TEXT);

        private final BotMethod method;
        private final String apiName;

        Method(final BotMethod method)
        {
            this.method = method;
            this.apiName = method == null ? "" : method.apiName();
        }

        /**
         * @return the generated method, null for {@link #NONE}.
         */
        public BotMethod botMethod()
        {
            return method;
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

    /**
     * The engine provides the one implementation; a test may subclass it.
     */
    protected Reply()
    {
    }

    /**
     * @return the method the reply calls, {@link Method#NONE} until a handler starts one.
     */
    public abstract Method method();

    /**
     * @return the text being built; append to it (no allocation for numbers and char sequences).
     */
    public abstract StringBuilder text();

    /**
     * @param text replaces the text.
     * @return this.
     */
    public abstract Reply text(CharSequence text);

    /**
     * Adds an inline keyboard button to the current row.
     *
     * @param label        what the button shows.
     * @param callbackData what a press sends back as a callback query's data (1-64 bytes of UTF-8; cut there).
     * @return this.
     * @throws IllegalStateException past {@link #MAX_BUTTONS}.
     */
    public abstract Reply button(CharSequence label, CharSequence callbackData);

    /**
     * Starts a new keyboard row.
     *
     * @return this.
     */
    public abstract Reply row();

    /**
     * For answerCallbackQuery: show the text as an alert rather than a notification.
     *
     * @param showAlert whether to.
     * @return this.
     */
    public abstract Reply showAlert(boolean showAlert);
}

package io.ringbot.bot;

/**
 * The Bot API methods a handler calls through {@link OutboundCalls}; {@link #GENERIC} names any other.
 * The queue file stores a call's method by its position here: new methods are appended.
 */
public enum OutboundMethod
{
    SEND_MESSAGE("sendMessage"),
    EDIT_MESSAGE_TEXT("editMessageText"),
    ANSWER_CALLBACK_QUERY("answerCallbackQuery"),
    DELETE_MESSAGE("deleteMessage"),
    SEND_PHOTO("sendPhoto"),
    SEND_DOCUMENT("sendDocument"),
    SEND_CHAT_ACTION("sendChatAction"),
    GENERIC("");

    private static final OutboundMethod[] VALUES = values();

    private final String apiName;

    OutboundMethod(final String apiName)
    {
        this.apiName = apiName;
    }

    /**
     * @return the Bot API's name of the method ("" for {@link #GENERIC}: the call names it).
     */
    public String apiName()
    {
        return apiName;
    }

    /**
     * @param ordinal a method's position.
     * @return the method, or {@link #GENERIC} for a position out of range.
     */
    public static OutboundMethod of(final int ordinal)
    {
        return ordinal >= 0 && ordinal < VALUES.length ? VALUES[ordinal] : GENERIC;
    }
}

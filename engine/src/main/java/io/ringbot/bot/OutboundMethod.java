package io.ringbot.bot;

import io.ringbot.bot.types.BotMethod;

/**
 * The Bot API methods a handler calls through {@link OutboundCalls}; {@link #GENERIC} names any other.
 * The queue file stores a call's method by its position here: new methods are appended. The names come
 * from the generated {@link BotMethod} (every method of the spec).
 */
public enum OutboundMethod
{
    SEND_MESSAGE(BotMethod.SEND_MESSAGE),
    EDIT_MESSAGE_TEXT(BotMethod.EDIT_MESSAGE_TEXT),
    ANSWER_CALLBACK_QUERY(BotMethod.ANSWER_CALLBACK_QUERY),
    DELETE_MESSAGE(BotMethod.DELETE_MESSAGE),
    SEND_PHOTO(BotMethod.SEND_PHOTO),
    SEND_DOCUMENT(BotMethod.SEND_DOCUMENT),
    SEND_CHAT_ACTION(BotMethod.SEND_CHAT_ACTION),
    GENERIC(null);

    private static final OutboundMethod[] VALUES = values();

    private final BotMethod method;
    private final String apiName;

    OutboundMethod(final BotMethod method)
    {
        this.method = method;
        this.apiName = method == null ? "" : method.apiName();
    }

    /**
     * @return the generated method, null for {@link #GENERIC}.
     */
    public BotMethod botMethod()
    {
        return method;
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

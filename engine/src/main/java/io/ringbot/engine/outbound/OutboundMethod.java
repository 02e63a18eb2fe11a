package io.ringbot.engine.outbound;

import java.nio.charset.StandardCharsets;

/**
 * The Bot API methods a handler calls through {@link OutboundCalls}; {@link #GENERIC} names any other.
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

    private final String apiName;
    private final byte[] apiNameBytes;

    OutboundMethod(final String apiName)
    {
        this.apiName = apiName;
        this.apiNameBytes = apiName.getBytes(StandardCharsets.US_ASCII);
    }

    public String apiName()
    {
        return apiName;
    }

    byte[] apiNameBytes()
    {
        return apiNameBytes;
    }
}

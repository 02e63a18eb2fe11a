package io.ringbot.bot;

/**
 * The kinds of Telegram update (Bot API 10.1), named by the Update field that carries the payload.
 * {@link #UNKNOWN} stands for any payload field this version does not know.
 */
public enum UpdateKind
{
    MESSAGE("message", true),
    EDITED_MESSAGE("edited_message", true),
    CHANNEL_POST("channel_post", true),
    EDITED_CHANNEL_POST("edited_channel_post", true),
    BUSINESS_CONNECTION("business_connection", false),
    BUSINESS_MESSAGE("business_message", true),
    EDITED_BUSINESS_MESSAGE("edited_business_message", true),
    DELETED_BUSINESS_MESSAGES("deleted_business_messages", false),
    GUEST_MESSAGE("guest_message", true),
    MESSAGE_REACTION("message_reaction", false),
    MESSAGE_REACTION_COUNT("message_reaction_count", false),
    INLINE_QUERY("inline_query", false),
    CHOSEN_INLINE_RESULT("chosen_inline_result", false),
    CALLBACK_QUERY("callback_query", false),
    SHIPPING_QUERY("shipping_query", false),
    PRE_CHECKOUT_QUERY("pre_checkout_query", false),
    PURCHASED_PAID_MEDIA("purchased_paid_media", false),
    POLL("poll", false),
    POLL_ANSWER("poll_answer", false),
    MY_CHAT_MEMBER("my_chat_member", false),
    CHAT_MEMBER("chat_member", false),
    CHAT_JOIN_REQUEST("chat_join_request", false),
    CHAT_BOOST("chat_boost", false),
    REMOVED_CHAT_BOOST("removed_chat_boost", false),
    MANAGED_BOT("managed_bot", false),
    UNKNOWN("unknown", false);

    private static final UpdateKind[] VALUES = values();

    private final String fieldName;
    private final boolean message;

    UpdateKind(final String fieldName, final boolean message)
    {
        this.fieldName = fieldName;
        this.message = message;
    }

    /**
     * @return the Update field that carries this kind, e.g. {@code edited_message}.
     */
    public String fieldName()
    {
        return fieldName;
    }

    /**
     * @return true when the payload is a Message object.
     */
    public boolean isMessage()
    {
        return message;
    }

    /**
     * @param ordinal an ordinal.
     * @return the kind, without the array copy of {@code values()}.
     */
    public static UpdateKind of(final int ordinal)
    {
        return VALUES[ordinal];
    }

    public static int count()
    {
        return VALUES.length;
    }
}

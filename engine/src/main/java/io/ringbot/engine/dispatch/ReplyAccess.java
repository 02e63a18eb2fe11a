package io.ringbot.engine.dispatch;

import io.ringbot.bot.Reply;

/**
 * Lets the outbound calls ({@code io.ringbot.engine.outbound}) build their sendMessage, editMessageText
 * and answerCallbackQuery bodies with the webhook reply's own {@link Reply} and {@link ReplyEncoder}: one
 * encoding of those methods, whichever way they travel.
 */
public final class ReplyAccess
{
    private ReplyAccess()
    {
    }

    /**
     * @return a reply builder of one's own (the context's is for the webhook answer).
     */
    public static Reply newReply()
    {
        return new ReplyDraft();
    }

    /**
     * Starts a reply from scratch.
     *
     * @param reply           the builder.
     * @param method          the Bot API method.
     * @param chatId          the target chat (0 for answerCallbackQuery).
     * @param messageId       the message to edit (editMessageText), else 0.
     * @param callbackQueryId the query to answer (answerCallbackQuery), else empty.
     */
    public static void begin(
        final Reply reply,
        final Reply.Method method,
        final long chatId,
        final long messageId,
        final CharSequence callbackQueryId)
    {
        final ReplyDraft draft = (ReplyDraft)reply;
        draft.reset(method);
        draft.chatId = chatId;
        draft.messageId = messageId;
        draft.callbackQueryId.append(callbackQueryId);
    }
}

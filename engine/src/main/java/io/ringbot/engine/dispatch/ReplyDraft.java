package io.ringbot.engine.dispatch;

import io.ringbot.bot.Reply;

/**
 * The engine's {@link Reply}: the parts a handler wrote, reused for every update, read by
 * {@link ReplyEncoder} (which cuts them to Telegram's limits). The outbound sender has one of its own
 * ({@link #begin}), so sendMessage, editMessageText and answerCallbackQuery have one encoding whichever
 * way they travel.
 */
public final class ReplyDraft extends Reply
{
    Method method = Method.NONE;
    long chatId;
    long messageId;
    boolean showAlert;
    final StringBuilder callbackQueryId = new StringBuilder(32);
    final StringBuilder text = new StringBuilder(512);
    final StringBuilder[] buttonLabels = new StringBuilder[MAX_BUTTONS];
    final StringBuilder[] buttonData = new StringBuilder[MAX_BUTTONS];
    final int[] buttonRow = new int[MAX_BUTTONS];
    int buttons;
    int row;

    public ReplyDraft()
    {
        for (int i = 0; i < MAX_BUTTONS; i++)
        {
            buttonLabels[i] = new StringBuilder(32);
            buttonData[i] = new StringBuilder(64);
        }
    }

    void reset(final Method method)
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

    /**
     * Starts a reply from scratch (the outbound sender's, for a handler's call of one of these methods).
     *
     * @param method          the Bot API method.
     * @param chatId          the target chat (0 for answerCallbackQuery).
     * @param messageId       the message to edit (editMessageText), else 0.
     * @param callbackQueryId the query to answer (answerCallbackQuery), else empty.
     */
    public void begin(final Method method, final long chatId, final long messageId, final CharSequence callbackQueryId)
    {
        reset(method);
        this.chatId = chatId;
        this.messageId = messageId;
        this.callbackQueryId.append(callbackQueryId);
    }

    @Override
    public Method method()
    {
        return method;
    }

    @Override
    public StringBuilder text()
    {
        return text;
    }

    @Override
    public Reply text(final CharSequence text)
    {
        this.text.setLength(0);
        this.text.append(text);
        return this;
    }

    @Override
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

    @Override
    public Reply row()
    {
        if (buttons > 0 && buttonRow[buttons - 1] == row)
        {
            row++;
        }
        return this;
    }

    @Override
    public Reply showAlert(final boolean showAlert)
    {
        this.showAlert = showAlert;
        return this;
    }
}

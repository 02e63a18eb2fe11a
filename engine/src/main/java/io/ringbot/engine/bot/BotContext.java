package io.ringbot.engine.bot;

import io.ringbot.engine.decode.Update;

/**
 * Everything a handler sees of one update: the update itself, its user's and chat's records (read and
 * changed in place), the parsed command, and the reply to write. One instance, reused for every update
 * on the engine thread.
 */
public final class BotContext
{
    private static final String PRIVATE = "private";

    private final UserState user = new UserState();
    private final ChatState chat = new ChatState();
    private final Reply reply = new Reply();
    private final StringBuilder command = new StringBuilder(32);
    private final StringBuilder commandTarget = new StringBuilder(32);
    private final StringBuilder commandArgs = new StringBuilder(256);
    private final StringBuilder scratch = new StringBuilder(256);
    private Update update;
    private long nowMillis;
    private boolean admin;
    private boolean isCommand;

    /**
     * Prepares for an update; the engine binds the records next.
     *
     * @param update    the decoded update.
     * @param nowMillis the engine's clock, read once per batch.
     * @param admin     whether the sender is in ADMIN_IDS.
     */
    public void begin(final Update update, final long nowMillis, final boolean admin)
    {
        this.update = update;
        this.nowMillis = nowMillis;
        this.admin = admin;
        reply.reset(Reply.Method.NONE);
        parseCommand(update);
        user.bind(null);
        chat.bind(null);
    }

    public Update update()
    {
        return update;
    }

    /**
     * @return true when the update has a sender whose record is bound.
     */
    public boolean hasUser()
    {
        return user.isBound();
    }

    /**
     * @return the sender's record; its setters throw when {@link #hasUser()} is false.
     */
    public UserState user()
    {
        return user;
    }

    public boolean hasChat()
    {
        return chat.isBound();
    }

    public ChatState chat()
    {
        return chat;
    }

    /**
     * @return the engine's current time (epoch ms), read once per batch.
     */
    public long nowMillis()
    {
        return nowMillis;
    }

    /**
     * @return true when the sender is one of ADMIN_IDS.
     */
    public boolean isAdmin()
    {
        return admin;
    }

    /**
     * @return true when the update comes from the sender's private chat with the bot (chat type
     * "private", chat id = sender id), where answers are seen by the sender alone.
     */
    public boolean isPrivateChat()
    {
        return update.hasFrom() && update.hasChat() && update.chatId() == update.fromId() &&
            PRIVATE.contentEquals(update.chatType());
    }

    /**
     * @return true when the text is a bot command ("/name").
     */
    public boolean isCommand()
    {
        return isCommand;
    }

    /**
     * @return the command's name without the slash and bot tag ("start" for "/start@mybot now").
     */
    public CharSequence command()
    {
        return command;
    }

    /**
     * @return the bot username a command was addressed to ("mybot" for "/start@mybot"), or empty.
     */
    public CharSequence commandTarget()
    {
        return commandTarget;
    }

    /**
     * @return the text after the command ("now" for "/start now").
     */
    public CharSequence commandArgs()
    {
        return commandArgs;
    }

    /**
     * @return a builder to use for a moment within a handler (cleared).
     */
    public StringBuilder scratch()
    {
        scratch.setLength(0);
        return scratch;
    }

    /**
     * Answers with sendMessage to the update's chat.
     *
     * @return the reply to fill: {@code ctx.sendMessage().text().append("count=").append(n)}.
     */
    public Reply sendMessage()
    {
        reply.reset(Reply.Method.SEND_MESSAGE);
        reply.chatId = update.chatId();
        return reply;
    }

    /**
     * Answers a callback query (the button's spinner stops; an optional text shows).
     *
     * @return the reply to fill.
     */
    public Reply answerCallbackQuery()
    {
        reply.reset(Reply.Method.ANSWER_CALLBACK_QUERY);
        reply.callbackQueryId.append(update.queryId());
        return reply;
    }

    /**
     * Answers by editing the text of the message the update refers to (a callback's message).
     *
     * @return the reply to fill.
     */
    public Reply editMessageText()
    {
        reply.reset(Reply.Method.EDIT_MESSAGE_TEXT);
        reply.chatId = update.chatId();
        reply.messageId = update.messageId();
        return reply;
    }

    /**
     * @return the reply as it stands.
     */
    public Reply reply()
    {
        return reply;
    }

    UserState userState()
    {
        return user;
    }

    ChatState chatState()
    {
        return chat;
    }

    private void parseCommand(final Update update)
    {
        command.setLength(0);
        commandTarget.setLength(0);
        commandArgs.setLength(0);
        final CharSequence text = update.text();
        final int length = text.length();
        isCommand = update.hasText() && !update.textIsCaption() && length > 1 && text.charAt(0) == '/';
        if (!isCommand)
        {
            return;
        }
        int i = 1;
        while (i < length && !isSpace(text.charAt(i)) && text.charAt(i) != '@')
        {
            command.append(text.charAt(i++));
        }
        if (i < length && text.charAt(i) == '@')
        {
            i++;
            while (i < length && !isSpace(text.charAt(i)))
            {
                commandTarget.append(text.charAt(i++));
            }
        }
        while (i < length && isSpace(text.charAt(i)))
        {
            i++;
        }
        commandArgs.append(text, i, length);
    }

    private static boolean isSpace(final char c)
    {
        return c == ' ' || c == '\n' || c == '\t';
    }
}

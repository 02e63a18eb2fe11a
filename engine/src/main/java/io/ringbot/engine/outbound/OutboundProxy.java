package io.ringbot.engine.outbound;

import com.dslplatform.json.DslJson;
import com.dslplatform.json.JsonWriter;
import io.ringbot.bot.OutboundCall;
import io.ringbot.bot.OutboundCalls;
import io.ringbot.bot.OutboundMethod;
import io.ringbot.engine.dispatch.JsonText;

/**
 * The engine's {@link OutboundCalls} ({@code ctx.outbound()}): each call is written in place into a record
 * claimed in the outbound queue, in the compact FIELDS layout, and stays invisible to the sender until the
 * engine commits the update ({@link #commitUpdate()}), or is dropped with it ({@link #abortUpdate()}). The
 * engine-only parts live here: the queue, calls encoded already ({@link #sendEncoded}) and broadcasts.
 * Engine thread only; allocates nothing.
 */
public final class OutboundProxy implements OutboundCalls
{
    private final OutboundCallBuilder call = new OutboundCallBuilder(this);
    private final JsonWriter writer = new DslJson<>().newWriter(16 * 1024);
    private final JsonText json = new JsonText(4096);
    private OutboundRing ring;
    private long originUserId;

    /**
     * @param ring the queue calls go to; null: every send is refused (no BOT_TOKEN).
     */
    public void ring(final OutboundRing ring)
    {
        this.ring = ring;
    }

    public boolean enabled()
    {
        return ring != null;
    }

    /**
     * @param originUserId the sender of the update being handled (0 for none); results come back with it bound.
     */
    public void originUser(final long originUserId)
    {
        this.originUserId = originUserId;
    }

    public OutboundCall sendMessage(final long chatId)
    {
        return call.begin(OutboundMethod.SEND_MESSAGE, chatId, 0);
    }

    public OutboundCall editMessageText(final long chatId, final long messageId)
    {
        return call.begin(OutboundMethod.EDIT_MESSAGE_TEXT, chatId, messageId);
    }

    public OutboundCall answerCallbackQuery(final CharSequence callbackQueryId)
    {
        return begin(OutboundMethod.ANSWER_CALLBACK_QUERY, 0, callbackQueryId);
    }

    public OutboundCall deleteMessage(final long chatId, final long messageId)
    {
        return call.begin(OutboundMethod.DELETE_MESSAGE, chatId, messageId);
    }

    public OutboundCall sendPhoto(final long chatId, final CharSequence photo)
    {
        return begin(OutboundMethod.SEND_PHOTO, chatId, photo);
    }

    public OutboundCall sendDocument(final long chatId, final CharSequence document)
    {
        return begin(OutboundMethod.SEND_DOCUMENT, chatId, document);
    }

    public OutboundCall sendChatAction(final long chatId, final CharSequence action)
    {
        return begin(OutboundMethod.SEND_CHAT_ACTION, chatId, action);
    }

    public OutboundCall call(final CharSequence method, final long chatId)
    {
        call.begin(OutboundMethod.GENERIC, chatId, 0).genericName.append(method);
        return call;
    }

    public OutboundCall call()
    {
        return call;
    }

    /** Starts a call whose subject (callback query id, file, action) is given with the method. */
    private OutboundCall begin(final OutboundMethod method, final long chatId, final CharSequence subject)
    {
        call.begin(method, chatId, 0).subject.append(subject);
        return call;
    }

    boolean send(final OutboundCallBuilder call, final long correlation)
    {
        final OutboundRing ring = this.ring;
        if (ring == null)
        {
            return false;
        }
        final int index = ring.claim(OutboundDescriptor.FIELDS_TYPE, call.encodedLength());
        if (index < 0)
        {
            return false;
        }
        call.writeTo(ring.buffer(), index, correlation, originUserId);
        return true;
    }

    /**
     * Queues a call encoded already, such as the webhook reply of an update that came by long polling
     * (its JSON carries a "method" field, which the Bot API ignores in a body). Published at once: it is
     * not part of an update's calls.
     *
     * @param method      the method name.
     * @param chatId      the target chat (flood control's key).
     * @param json        the JSON body.
     * @param length      its length.
     * @param correlation given back with the result.
     * @return true when accepted.
     */
    public boolean sendEncoded(final CharSequence method, final long chatId, final byte[] json, final int length,
        final long correlation)
    {
        if (ring == null)
        {
            return false;
        }
        return ring.offer(OutboundDescriptor.CALL_TYPE, correlation, chatId, originUserId, method, json, length);
    }

    /**
     * Queues, with the current update, a broadcast of a text to every user who has not blocked the bot;
     * the sender answers {@code adminChatId} with the number of recipients.
     *
     * @param adminChatId where the confirmation goes.
     * @param text        the text.
     * @return true when accepted.
     */
    @Override
    public boolean broadcast(final long adminChatId, final CharSequence text)
    {
        if (ring == null)
        {
            return false;
        }
        final JsonWriter w = writer;
        w.reset();
        json.write(w, text);
        return ring.offerWithUpdate(OutboundDescriptor.BROADCAST_TYPE, 0, adminChatId, originUserId, "broadcast",
            w.getByteBuffer(), w.size());
    }

    /**
     * Publishes the current update's calls to the sender (the engine, once the update is applied).
     */
    public void commitUpdate()
    {
        if (ring != null)
        {
            ring.commitUpdate();
        }
    }

    /**
     * Drops the current update's calls (the engine, when the handler failed), counted as dropped.
     */
    public void abortUpdate()
    {
        if (ring != null)
        {
            ring.abortUpdate();
        }
    }
}

package io.ringbot.perf.baseline;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

/**
 * Answers one webhook request of the bare baseline. Rejections: 404 wrong path, 405 not POST, 401 wrong
 * secret, 400 not an update (not JSON, or no numeric {@code update_id}); 413 comes from the aggregator.
 * A plain-text message (not starting with '/') counts for its sender and gets
 * {@code {"method":"sendMessage","chat_id":C,"text":"count=N"}}; every other update gets an empty 200.
 */
final class BaselineHandler extends SimpleChannelInboundHandler<FullHttpRequest>
{
    static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";
    private static final JsonFactory JSON = new JsonFactory();

    private final byte[] secret;
    private final String path;
    private final Map<Long, Long> counts;

    /** The fields of the update being answered; reused, as the handler runs on one thread. */
    private boolean hasUpdateId;
    private String text;
    private long fromId;
    private long chatId;
    private boolean hasFrom;
    private boolean hasChat;

    BaselineHandler(final byte[] secret, final String path, final Map<Long, Long> counts)
    {
        this.secret = secret;
        this.path = path;
        this.counts = counts;
    }

    @Override
    protected void channelRead0(final ChannelHandlerContext ctx, final FullHttpRequest request)
    {
        final boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (!request.decoderResult().isSuccess())
        {
            answer(ctx, HttpResponseStatus.BAD_REQUEST, Unpooled.EMPTY_BUFFER, false);
            return;
        }
        final String uri = request.uri();
        final int query = uri.indexOf('?');
        if (!path.equals(query < 0 ? uri : uri.substring(0, query)))
        {
            answer(ctx, HttpResponseStatus.NOT_FOUND, Unpooled.EMPTY_BUFFER, keepAlive);
            return;
        }
        if (!HttpMethod.POST.equals(request.method()))
        {
            answer(ctx, HttpResponseStatus.METHOD_NOT_ALLOWED, Unpooled.EMPTY_BUFFER, keepAlive);
            return;
        }
        final String given = request.headers().get(SECRET_HEADER);
        if (given == null || !MessageDigest.isEqual(secret, given.getBytes(StandardCharsets.UTF_8)))
        {
            answer(ctx, HttpResponseStatus.UNAUTHORIZED, Unpooled.EMPTY_BUFFER, keepAlive);
            return;
        }
        try
        {
            parse(request.content());
        }
        catch (final IOException ex)
        {
            hasUpdateId = false;
        }
        if (!hasUpdateId)
        {
            answer(ctx, HttpResponseStatus.BAD_REQUEST, Unpooled.EMPTY_BUFFER, keepAlive);
            return;
        }
        if (text == null || text.startsWith("/") || !hasFrom || !hasChat)
        {
            answer(ctx, HttpResponseStatus.OK, Unpooled.EMPTY_BUFFER, keepAlive);
            return;
        }
        final long count = counts.merge(fromId, 1L, Long::sum);
        answer(ctx, HttpResponseStatus.OK, reply(ctx, chatId, count), keepAlive);
    }

    private void parse(final ByteBuf body) throws IOException
    {
        hasUpdateId = false;
        text = null;
        hasFrom = false;
        hasChat = false;
        try (InputStream in = new ByteBufInputStream(body.duplicate());
            JsonParser parser = JSON.createParser(in))
        {
            if (parser.nextToken() != JsonToken.START_OBJECT)
            {
                return;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME)
            {
                final String field = parser.currentName();
                final JsonToken value = parser.nextToken();
                if ("update_id".equals(field))
                {
                    hasUpdateId = value == JsonToken.VALUE_NUMBER_INT;
                }
                else if ("message".equals(field) && value == JsonToken.START_OBJECT)
                {
                    parseMessage(parser);
                }
                else
                {
                    parser.skipChildren();
                }
            }
            if (parser.nextToken() != null)
            {
                hasUpdateId = false; // content after the object
            }
        }
    }

    private void parseMessage(final JsonParser parser) throws IOException
    {
        while (parser.nextToken() == JsonToken.FIELD_NAME)
        {
            final String field = parser.currentName();
            final JsonToken value = parser.nextToken();
            if ("text".equals(field) && value == JsonToken.VALUE_STRING)
            {
                text = parser.getText();
            }
            else if ("from".equals(field) && value == JsonToken.START_OBJECT)
            {
                hasFrom = true;
                fromId = idOf(parser);
            }
            else if ("chat".equals(field) && value == JsonToken.START_OBJECT)
            {
                hasChat = true;
                chatId = idOf(parser);
            }
            else
            {
                parser.skipChildren();
            }
        }
    }

    private static long idOf(final JsonParser parser) throws IOException
    {
        long id = 0;
        while (parser.nextToken() == JsonToken.FIELD_NAME)
        {
            final String field = parser.currentName();
            final JsonToken value = parser.nextToken();
            if ("id".equals(field) && value == JsonToken.VALUE_NUMBER_INT)
            {
                id = parser.getLongValue();
            }
            else
            {
                parser.skipChildren();
            }
        }
        return id;
    }

    private static ByteBuf reply(final ChannelHandlerContext ctx, final long chatId, final long count)
    {
        final ByteBuf body = ctx.alloc().buffer(80);
        try (OutputStream out = new ByteBufOutputStream(body);
            JsonGenerator json = JSON.createGenerator(out))
        {
            json.writeStartObject();
            json.writeStringField("method", "sendMessage");
            json.writeNumberField("chat_id", chatId);
            json.writeStringField("text", "count=" + count);
            json.writeEndObject();
        }
        catch (final IOException ex)
        {
            body.release();
            throw new IllegalStateException("cannot write a reply into memory", ex);
        }
        return body;
    }

    private static void answer(
        final ChannelHandlerContext ctx, final HttpResponseStatus status, final ByteBuf body, final boolean keepAlive)
    {
        final FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
        if (body.isReadable())
        {
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
        }
        HttpUtil.setKeepAlive(response, keepAlive);
        if (keepAlive)
        {
            ctx.writeAndFlush(response, ctx.voidPromise());
        }
        else
        {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
    {
        ctx.close();
    }
}

package io.ringbot.perf.jmh;

import io.ringbot.engine.dispatch.HandlerContext;
import io.ringbot.engine.dispatch.ReplyEncoder;
import io.ringbot.engine.decode.DecodedUpdate;
import io.ringbot.engine.decode.UpdateDecoder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;


/**
 * The reply encoder (DSL-JSON writer, reused) through the public bot API: a {@link BotContext} begun on a
 * decoded text update, the reply filled as a handler would, then encoded. Three shapes: the reference
 * bot's {@code count=N}, a greeting with an inline keyboard, and a text that needs escaping (quotes,
 * a newline, non-ASCII and an emoji).
 */
@State(Scope.Thread)
public class ReplyEncoderBenchmark extends OffHeapBenchmark
{
    private static final String ESCAPED = "He said \"hi\"\n\tcaf\u00e9 \u2764\ufe0f \ud83d\ude00 <b>&</b> \\ back";

    private final HandlerContext ctx = new HandlerContext();
    private final ReplyEncoder encoder = new ReplyEncoder();
    private final DecodedUpdate update = new DecodedUpdate();
    private long count;

    @Setup
    public void setUp()
    {
        final byte[] body = new TextUpdates(1).bodies[0];
        new UpdateDecoder().decode(body, body.length, update);
        ctx.begin(update, 1_700_000_000_000L, false);
    }

    /** The reference bot's answer to a text: sendMessage "count=N". */
    @Benchmark
    public int countReply()
    {
        ctx.sendMessage().text().append("count=").append(++count);
        return encoder.encode(ctx.reply());
    }

    /** /start: a greeting with the first name and a one-button inline keyboard. */
    @Benchmark
    public int greetingWithKeyboard()
    {
        ctx.sendMessage().text().append("Hello, ").append(update.firstName()).append('!');
        ctx.reply().button("\ud83d\udc4d", "like").row().button("help", "help");
        return encoder.encode(ctx.reply());
    }

    /** A text with quotes, control characters, non-ASCII and a surrogate pair. */
    @Benchmark
    public int escapedText()
    {
        ctx.sendMessage().text(ESCAPED);
        return encoder.encode(ctx.reply());
    }
}

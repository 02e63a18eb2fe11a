package io.ringbot.perf.jmh;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.ringbot.engine.decode.DecodedUpdate;
import io.ringbot.engine.decode.UpdateDecoder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * The update decoder (DSL-JSON, reused reader) against the same walk with Jackson's streaming parser
 * (a parser per document): the measurement behind the choice of JSON library.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class DecoderBenchmark
{
    private final TextUpdates updates = new TextUpdates(1);
    private final byte[] body = updates.bodies[0];
    private final UpdateDecoder decoder = new UpdateDecoder();
    private final DecodedUpdate update = new DecodedUpdate();
    private final JsonFactory jackson = new JsonFactory();
    private final StringBuilder text = new StringBuilder(256);

    @Benchmark
    public long dslJsonDecoder()
    {
        decoder.decode(body, body.length, update);
        return update.fromId();
    }

    /** Jackson streaming: same fields kept (ids, names, text), the rest skipped. */
    @Benchmark
    public long jacksonStreaming() throws IOException
    {
        long from = 0;
        try (JsonParser p = jackson.createParser(body, 0, body.length))
        {
            JsonToken t;
            int depth = 0;
            String field = null;
            while ((t = p.nextToken()) != null)
            {
                switch (t)
                {
                    case START_OBJECT:
                        depth++;
                        break;
                    case END_OBJECT:
                        depth--;
                        break;
                    case FIELD_NAME:
                        field = p.currentName();
                        break;
                    case VALUE_NUMBER_INT:
                        if ("id".equals(field) && depth == 3)
                        {
                            from = p.getLongValue();
                        }
                        break;
                    case VALUE_STRING:
                        if ("text".equals(field))
                        {
                            text.setLength(0);
                            text.append(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
                        }
                        break;
                    default:
                        break;
                }
            }
        }
        return from;
    }
}

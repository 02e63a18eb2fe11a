package io.ringbot.io.ops;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.agrona.concurrent.EpochClock;

import java.util.List;
import java.util.Map;

/**
 * {@code GET /stats.json[?after=SEQ]}: the dashboard's data. The samples newer than {@code after} (all
 * kept ones without it), the sample period, and the update counts by kind now.
 * <pre>
 * {"periodMillis":1000,"now":1763900000000,"lastSeq":41,"kinds":{"message":120,...},
 *  "samples":[{"seq":40,"t":...,"updatesPerSec":...,"latency":{"webhook":{"p50":...}},...},...]}
 * </pre>
 */
final class StatsHandler implements OpsEndpoint
{
    private final StatsSampler sampler;
    private final CountersView counters;
    private final long periodMillis;
    private final EpochClock clock;
    private final OpsJsonEncoder json = new OpsJsonEncoder(4096);

    StatsHandler(final OpsContext ctx, final StatsSampler sampler, final CountersView counters)
    {
        this.clock = ctx.clock();
        this.sampler = sampler;
        this.counters = counters;
        this.periodMillis = ctx.samplePeriodMillis();
    }

    public FullHttpResponse respond(final QueryStringDecoder uri, final ByteBufAllocator alloc)
    {
        final long after = after(uri);
        if (after == Long.MIN_VALUE)
        {
            return OpsResponses.text(HttpResponseStatus.BAD_REQUEST, "after must be a sample number", alloc);
        }
        final List<String> samples = sampler.since(after);
        final OpsJsonEncoder w = json.begin().startObject()
            .field("periodMillis", periodMillis)
            .field("now", clock.time())
            .field("lastSeq", sampler.lastSeq())
            .name("kinds").startObject();
        for (final Map.Entry<String, Long> kind : counters.kinds().entrySet())
        {
            w.field(kind.getKey(), kind.getValue());
        }
        w.endObject().name("samples").startArray();
        for (final String sample : samples)
        {
            w.raw(sample);
        }
        final StringBuilder body = w.endArray().endObject().finish().append('\n');
        return OpsResponses.of(HttpResponseStatus.OK, OpsResponses.JSON, body, alloc);
    }

    private static long after(final QueryStringDecoder uri)
    {
        try
        {
            final List<String> values = uri.parameters().get("after");
            return values == null || values.isEmpty() ? -1 : Long.parseLong(values.get(0));
        }
        catch (final IllegalArgumentException ex)
        {
            // A malformed query (bad escape) or a non-number: both are the caller's mistake.
            return Long.MIN_VALUE;
        }
    }
}

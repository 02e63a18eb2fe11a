package io.ringbot.io.ops;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;

/**
 * {@code GET /healthz}: the checks evaluated now, as JSON; 200 while ok or degraded (the server still
 * answers updates, so a load balancer should keep sending them), 503 when down.
 */
final class HealthHandler implements OpsEndpoint
{
    private final HealthCheck check;

    HealthHandler(final HealthCheck check)
    {
        this.check = check;
    }

    public FullHttpResponse respond(final QueryStringDecoder uri, final ByteBufAllocator alloc)
    {
        final HealthReport report = check.evaluate();
        final HttpResponseStatus status = report.status() == HealthStatus.DOWN ?
            HttpResponseStatus.SERVICE_UNAVAILABLE : HttpResponseStatus.OK;
        return OpsResponses.of(status, OpsResponses.JSON, report.json() + '\n', alloc);
    }
}

package io.ringbot.io.ops;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.QueryStringDecoder;

/**
 * One GET resource of the ops server. Runs on the ops event loop: it may read counters and sources,
 * never block.
 */
interface OpsEndpoint
{
    /**
     * @param uri   the request's path and query.
     * @param alloc where to allocate the response body.
     * @return the complete response (status, headers, body).
     * @throws Exception anything unexpected, answered with a 500.
     */
    FullHttpResponse respond(QueryStringDecoder uri, ByteBufAllocator alloc) throws Exception;
}

package io.ringbot.io.ops;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /dashboard}: one self-contained page (inline script and style, nothing from the internet)
 * that polls {@code /stats.json} every second and draws its charts itself. The page is read from the
 * classpath once; its content security policy forbids it to load or reach anything but this server.
 */
final class DashboardHandler implements OpsEndpoint
{
    static final String RESOURCE = "/ops/dashboard.html";
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'unsafe-inline'; " +
        "style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'";

    private final byte[] page;

    DashboardHandler()
    {
        try (InputStream in = DashboardHandler.class.getResourceAsStream(RESOURCE))
        {
            if (in == null)
            {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath: rebuild the io module");
            }
            page = in.readAllBytes();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read " + RESOURCE, ex);
        }
    }

    public FullHttpResponse respond(final QueryStringDecoder uri, final ByteBufAllocator alloc)
    {
        final FullHttpResponse response = OpsResponses.of(HttpResponseStatus.OK, OpsResponses.HTML, Unpooled.wrappedBuffer(page));
        response.headers().set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        return response;
    }
}

package io.ringbot.perf.load;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * A webhook endpoint to load: where to connect, what to put in the request line and headers.
 *
 * @param name   a label for reports, e.g. {@code ringbot} or {@code baseline}.
 * @param url    the URL as given.
 * @param host   the host to connect to.
 * @param port   the port.
 * @param path   the request target (path and query).
 * @param secret the secret header's value, or null to send none.
 */
public record Target(String name, String url, String host, int port, String path, String secret)
{
    /**
     * @param name   a label for reports.
     * @param url    an {@code http://host:port/path} URL.
     * @param secret the secret, or null.
     * @return the target.
     * @throws IllegalArgumentException when the URL is not plain http with a host.
     */
    public static Target parse(final String name, final String url, final String secret)
    {
        final URI uri;
        try
        {
            uri = new URI(url);
        }
        catch (final URISyntaxException ex)
        {
            throw new IllegalArgumentException("target '" + url + "' is not a URL: " + ex.getMessage(), ex);
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null)
        {
            throw new IllegalArgumentException("target '" + url + "' must look like http://127.0.0.1:8080/webhook");
        }
        final String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
            + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        final String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1)
            : uri.getHost();
        return new Target(name, url, host, uri.getPort() < 0 ? 80 : uri.getPort(), path,
            secret == null || secret.isEmpty() ? null : secret);
    }

    /**
     * @return the Host header's value.
     */
    public String hostHeader()
    {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    public String toString()
    {
        return name + " (" + url + ")";
    }
}

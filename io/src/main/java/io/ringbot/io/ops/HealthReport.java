package io.ringbot.io.ops;

/**
 * One evaluation of the health checks: the verdict and the {@code /healthz} document that explains it.
 */
final class HealthReport
{
    private final HealthStatus status;
    private final String json;

    HealthReport(final HealthStatus status, final String json)
    {
        this.status = status;
        this.json = json;
    }

    HealthStatus status()
    {
        return status;
    }

    String json()
    {
        return json;
    }
}

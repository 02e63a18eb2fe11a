package io.ringbot.io.ops;

/**
 * The verdict of {@code /healthz}, in order of severity.
 */
enum HealthStatus
{
    OK("ok"),
    DEGRADED("degraded"),
    DOWN("down");

    private final String text;

    HealthStatus(final String text)
    {
        this.text = text;
    }

    String text()
    {
        return text;
    }

    HealthStatus worst(final HealthStatus other)
    {
        return other.ordinal() > ordinal() ? other : this;
    }
}

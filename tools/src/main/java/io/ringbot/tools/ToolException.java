package io.ringbot.tools;

/**
 * A failure the tool explains in one line and ends with a given exit code, without a stack trace.
 */
final class ToolException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    ToolException(final int exitCode, final String message)
    {
        super(message);
        this.exitCode = exitCode;
    }

    int exitCode()
    {
        return exitCode;
    }
}

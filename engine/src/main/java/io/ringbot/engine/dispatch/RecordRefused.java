package io.ringbot.engine.dispatch;

/**
 * Thrown into a handler when a record it asked for is new and its table has no room: it unwinds the handler,
 * and the engine refuses the update (503, nothing of it kept). One instance per record type, made at start
 * and without a stack trace: refusing allocates nothing. A handler that catches it changes nothing: the
 * context remembers the refusal.
 */
final class RecordRefused extends IllegalStateException
{
    private static final long serialVersionUID = 1L;

    RecordRefused(final String typeName)
    {
        super("the store has no room for a new " + typeName + " record: the update is refused (503) and " +
            "Telegram delivers it again");
    }

    @Override
    public synchronized Throwable fillInStackTrace()
    {
        return this; // made once at start: its trace would name the start, not the refusal
    }
}

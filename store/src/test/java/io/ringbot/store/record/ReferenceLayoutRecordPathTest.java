package io.ringbot.store.record;

/**
 * The record path with the reference bot's user layout (strings and a count).
 */
class ReferenceLayoutRecordPathTest extends RecordPathConformance
{
    RecordSchema schema()
    {
        return TestSchemas.USERS;
    }
}

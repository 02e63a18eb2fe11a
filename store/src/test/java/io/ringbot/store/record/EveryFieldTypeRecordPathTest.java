package io.ringbot.store.record;

/**
 * The record path with a layout holding every field type, a renamed field and defaults.
 */
class EveryFieldTypeRecordPathTest extends RecordPathConformance
{
    RecordSchema schema()
    {
        return TestSchemas.ALL;
    }
}

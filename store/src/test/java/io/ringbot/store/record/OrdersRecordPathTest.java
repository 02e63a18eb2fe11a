package io.ringbot.store.record;

import io.ringbot.store.StoreContext;

import java.util.List;

/**
 * The record path with a third record type (orders), held besides the users and chats: the same table,
 * snapshot, document, restart, crash and layout path, reached through its record type descriptor.
 */
class OrdersRecordPathTest extends RecordPathConformance
{
    RecordSchema schema()
    {
        return TestSchemas.ORDERS;
    }

    StoreContext context(final RecordSchema schema)
    {
        return new StoreContext().dataDir(dir).usersCapacity(1_000).userSchema(TestSchemas.USERS)
            .furtherSchemas(List.of(schema));
    }
}

package io.ringbot.store.record;

import io.ringbot.store.StateStore;
import io.ringbot.store.StoreContext;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

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

    @Test
    void shouldMigrateAFurtherRecordTypeWhenAFieldIsAdded() throws Exception
    {
        try (StateStore store = StateStore.open(context(schema())))
        {
            for (int id = 1; id <= 20; id++)
            {
                write(store.table(store.type(schema())).acquire(id), id);
            }
        }
        final RecordSchema v2 = RecordSchema.named("orders");
        v2.longField("buyer");
        v2.longField("amountCents");
        v2.enumField("step", TestSchemas.Step.class);
        v2.stringField("item", 32).storedAs("itemName");
        v2.timestampField("placedAt");
        final LongField discount = v2.longField("discount").defaultValue(5);
        try (StateStore store = StateStore.open(context(v2)))
        {
            final RecordTable orders = store.table(store.type(v2));
            assertEquals(20, orders.size());
            for (int id = 1; id <= 20; id++)
            {
                final Record r = orders.find(id);
                for (final RecordField field : schema().fields())
                {
                    final Object expected = sample(field, id);
                    assertEquals(expected instanceof Integer ? Long.valueOf((Integer)expected) : expected,
                        v2.field(field.name()).value(r), field.name() + " of " + id);
                }
                assertEquals(5, discount.get(r), "an added field takes its default");
                assertEquals(1, r.version());
            }
        }
        assertEquals(v2.toJson(), Files.readString(StateStore.schemaFile(dir, "orders")), "the new layout is recorded");
    }
}

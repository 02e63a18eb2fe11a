package io.ringbot.store;

import java.nio.file.Path;

/**
 * Run in a child JVM by {@link SchemaMigrationTest}: opens a V1 folder with the V2 schema, with
 * {@code ringbot.migration.crashAt} set, so the migration halts at that step as a kill -9 would. With a
 * second argument ({@link TableResizeTest}), opens it with the V1 schema and that users capacity: a resize.
 */
public final class MigrationCrashChild
{
    private MigrationCrashChild()
    {
    }

    public static void main(final String[] args)
    {
        final StoreContext ctx = args.length > 1 ?
            MigrationSchemas.context(Path.of(args[0]), MigrationSchemas.V1).usersCapacity(Long.parseLong(args[1])) :
            MigrationSchemas.context(Path.of(args[0]), MigrationSchemas.V2);
        try (StateStore store = StateStore.open(ctx))
        {
            System.out.println("migrated without a crash: " + store.users().size());
        }
    }
}

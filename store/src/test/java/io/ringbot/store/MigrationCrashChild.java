package io.ringbot.store;

import java.nio.file.Path;

/**
 * Run in a child JVM by {@link SchemaMigrationTest}: opens a V1 folder with the V2 schema, with
 * {@code ringbot.migration.crashAt} set, so the migration halts at that step as a kill -9 would.
 */
public final class MigrationCrashChild
{
    private MigrationCrashChild()
    {
    }

    public static void main(final String[] args)
    {
        try (StateStore store = StateStore.open(MigrationSchemas.context(Path.of(args[0]), MigrationSchemas.V2)))
        {
            System.out.println("migrated without a crash: " + store.users().size());
        }
    }
}

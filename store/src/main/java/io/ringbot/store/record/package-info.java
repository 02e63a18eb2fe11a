/**
 * Records: a schema's typed fields ({@link io.ringbot.store.record.RecordSchema}), the fixed byte layout every
 * record shares ({@link io.ringbot.store.record.Record}) and the Chronicle Maps that hold them ({@link
 * io.ringbot.store.record.RecordTable}, {@link io.ringbot.store.record.RecordMaps}).
 * <p>
 * Threads: one writer per table, the engine; any other thread reads a record through its seqlock
 * ({@link io.ringbot.store.record.SeqlockCopy}). Files: the {@code <type>.cm3} maps, opened here for the
 * server, the migration and the tools.
 */
package io.ringbot.store.record;

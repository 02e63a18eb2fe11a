package io.ringbot.store;

import io.ringbot.store.record.BooleanField;
import io.ringbot.store.record.EnumField;
import io.ringbot.store.record.IntField;
import io.ringbot.store.record.LongField;
import io.ringbot.store.record.RecordSchema;
import io.ringbot.store.record.StringField;

/**
 * A user layout before (V1) and after (V2) a bot's change: a field added with a default, one removed, a
 * string widened, an int widened to a long, an enum gaining a constant at the end, a field renamed in
 * Firestore; and a narrowing (NARROW) the store must refuse unless DROP_FIELDS names it.
 */
final class MigrationSchemas
{
    enum Step1
    {
        NONE, ASKED
    }

    enum Step2
    {
        NONE, ASKED, ANSWERED
    }

    static final RecordSchema V1 = RecordSchema.named("users");
    static final LongField V1_BALANCE = V1.longField("balance").defaultValue(100);
    static final IntField V1_LEVEL = V1.intField("level");
    static final StringField V1_NICK = V1.stringField("nick", 8);
    static final EnumField<Step1> V1_STEP = V1.enumField("step", Step1.class);
    static final LongField V1_OLD = V1.longField("old");

    static final RecordSchema V2 = RecordSchema.named("users");
    static final BooleanField V2_VIP = V2.booleanField("vip").defaultValue(true);
    static final LongField V2_BALANCE = V2.longField("balance").defaultValue(100);
    static final LongField V2_LEVEL = V2.longField("level");
    static final StringField V2_NICK = V2.stringField("nick", 64).storedAs("nickname");
    static final EnumField<Step2> V2_STEP = V2.enumField("step", Step2.class);

    static final RecordSchema NARROW = RecordSchema.named("users");
    static final LongField NARROW_BALANCE = NARROW.longField("balance");
    static final IntField NARROW_LEVEL = NARROW.intField("level");
    static final StringField NARROW_NICK = NARROW.stringField("nick", 4);

    private MigrationSchemas()
    {
    }

    /** V1 to V2 drops the field 'old': allowed. */
    static StoreContext context(final java.nio.file.Path dir, final RecordSchema users)
    {
        return new StoreContext().dataDir(dir).usersCapacity(1_000).userSchema(users).dropFields("users.old");
    }
}

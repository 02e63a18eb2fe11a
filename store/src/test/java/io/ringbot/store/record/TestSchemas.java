package io.ringbot.store.record;

/**
 * Schemas the store's tests use: the reference bot's layout (the store module cannot see the engine's
 * ReferenceBot) and one with every field type.
 */
public final class TestSchemas
{
    public static final RecordSchema USERS = RecordSchema.named("users");
    public static final StringField FIRST_NAME = USERS.stringField("firstName", 256);
    public static final StringField LAST_NAME = USERS.stringField("lastName", 256);
    public static final StringField USERNAME = USERS.stringField("username", 64);
    public static final StringField LANGUAGE_CODE = USERS.stringField("languageCode", 40);
    public static final LongField MESSAGE_COUNT = USERS.longField("messageCount");

    public static final RecordSchema CHATS = RecordSchema.named("chats");
    public static final StringField TYPE = CHATS.stringField("type", 16);
    public static final StringField TITLE = CHATS.stringField("title", 512);
    public static final LongField CHAT_MESSAGES = CHATS.longField("messageCount");
    public static final LongField LIKES = CHATS.longField("likeCount");

    /** A conversation step, for the enum field. */
    public enum Step
    {
        NONE, AWAITING_NICKNAME, DONE
    }

    /** Every field type. */
    public static final RecordSchema ALL = RecordSchema.named("users");
    public static final LongField BALANCE = ALL.longField("balance").defaultValue(100);
    public static final IntField LEVEL = ALL.intField("level").defaultValue(1);
    public static final BooleanField VIP = ALL.booleanField("vip");
    public static final DoubleField SCORE = ALL.doubleField("score").defaultValue(0.5);
    public static final TimestampField JOINED = ALL.timestampField("joined");
    public static final EnumField<Step> STEP = ALL.enumField("step", Step.class);
    public static final StringField NICKNAME = ALL.stringField("nickname", 64).storedAs("nick").defaultValue("anon");

    /** A further record type keyed by its own id, as a shop bot's orders. */
    public static final RecordSchema ORDERS = RecordSchema.named("orders");
    public static final LongField ORDER_BUYER = ORDERS.longField("buyer");
    public static final LongField ORDER_AMOUNT = ORDERS.longField("amountCents").defaultValue(0);
    public static final EnumField<Step> ORDER_STEP = ORDERS.enumField("step", Step.class);
    public static final StringField ORDER_ITEM = ORDERS.stringField("item", 32).storedAs("itemName");
    public static final TimestampField ORDER_PLACED = ORDERS.timestampField("placedAt");

    private TestSchemas()
    {
    }
}

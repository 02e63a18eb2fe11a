package io.ringbot.store;

import io.ringbot.store.record.RecordSchema;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Configuration of a {@link StateStore}: fluent same-name accessors, validated once by {@link #conclude()}.
 */
public final class StoreContext
{
    public static final long USERS_CAPACITY_DEFAULT = 1_000_000;
    public static final String DATA_DIR_DEFAULT = "data";
    public static final int CACHE_SLOTS_DEFAULT = 4096;
    /** No field or record type may be dropped: a start that would drop one is refused. */
    public static final String DROP_FIELDS_DEFAULT = "";

    private Path dataDir = Path.of(DATA_DIR_DEFAULT);
    private long usersCapacity = USERS_CAPACITY_DEFAULT;
    private long chatsCapacity = -1;
    private int cacheSlots = CACHE_SLOTS_DEFAULT;
    private RecordSchema userSchema;
    private RecordSchema chatSchema;
    private final List<RecordSchema> furtherSchemas = new ArrayList<>();
    private long recordsCapacity = -1;
    private String botName;
    private String dropFields = DROP_FIELDS_DEFAULT;
    private Set<String> dropSet = Set.of();
    private boolean firestoreJournal;

    public Path dataDir()
    {
        return dataDir;
    }

    public StoreContext dataDir(final Path dataDir)
    {
        this.dataDir = dataDir;
        return this;
    }

    public long usersCapacity()
    {
        return usersCapacity;
    }

    public StoreContext usersCapacity(final long usersCapacity)
    {
        this.usersCapacity = usersCapacity;
        return this;
    }

    /**
     * @return the chats map's capacity; defaults to the users' (private chats are one per user).
     */
    public long chatsCapacity()
    {
        return chatsCapacity;
    }

    public StoreContext chatsCapacity(final long chatsCapacity)
    {
        this.chatsCapacity = chatsCapacity;
        return this;
    }

    public int cacheSlots()
    {
        return cacheSlots;
    }

    public StoreContext cacheSlots(final int cacheSlots)
    {
        this.cacheSlots = cacheSlots;
        return this;
    }

    /**
     * @return the users' record type (the bot's); without one, the engine's header only.
     */
    public RecordSchema userSchema()
    {
        return userSchema;
    }

    /**
     * @param userSchema the bot's user record type (its name is the collection, usually "users").
     * @return this.
     */
    public StoreContext userSchema(final RecordSchema userSchema)
    {
        this.userSchema = userSchema;
        return this;
    }

    public RecordSchema chatSchema()
    {
        return chatSchema;
    }

    /**
     * @param chatSchema the bot's chat record type (usually "chats").
     * @return this.
     */
    public StoreContext chatSchema(final RecordSchema chatSchema)
    {
        this.chatSchema = chatSchema;
        return this;
    }

    /**
     * @return the record types the bot declares besides users and chats, in declaration order.
     */
    public List<RecordSchema> furtherSchemas()
    {
        return List.copyOf(furtherSchemas);
    }

    /**
     * Declares record types besides users and chats ({@code orders}, ...), keyed by a long id: each gets
     * its own map ({@code <name>.cm3}), layout file and Firestore collection ({@code <prefix><name>}).
     *
     * @param schemas the record types, in the order that gives their indexes (2, 3, ...).
     * @return this.
     */
    public StoreContext furtherSchemas(final List<RecordSchema> schemas)
    {
        furtherSchemas.clear();
        furtherSchemas.addAll(schemas);
        return this;
    }

    /**
     * @return how many records each further record type holds at most; defaults to the users' capacity.
     */
    public long recordsCapacity()
    {
        return recordsCapacity;
    }

    public StoreContext recordsCapacity(final long recordsCapacity)
    {
        this.recordsCapacity = recordsCapacity;
        return this;
    }

    /**
     * @return the name of the bot that opens the folder, or null when the folder's bot is neither checked nor
     * recorded (tests, benchmarks).
     */
    public String botName()
    {
        return botName;
    }

    /**
     * @param botName the bot's name ({@code Bot.name()}): the folder records it the first time and refuses
     *                any other bot afterwards (see {@link FolderOwner}).
     * @return this.
     */
    public StoreContext botName(final String botName)
    {
        this.botName = botName;
        return this;
    }

    /**
     * @return DROP_FIELDS as given: comma-separated {@code type.field} or {@code type} entries.
     */
    public String dropFields()
    {
        return dropFields;
    }

    /**
     * @param dropFields the fields ({@code users.firstName}) and record types ({@code orders}) a start may
     *                   drop from the folder, comma-separated; a change that drops anything else is refused.
     * @return this.
     */
    public StoreContext dropFields(final String dropFields)
    {
        this.dropFields = dropFields == null ? DROP_FIELDS_DEFAULT : dropFields;
        return this;
    }

    /**
     * @return the entries of {@link #dropFields()}, after {@link #conclude()}.
     */
    public Set<String> dropSet()
    {
        return dropSet;
    }

    public boolean firestoreJournal()
    {
        return firestoreJournal;
    }

    /**
     * @param firestoreJournal whether the Firestore journal runs: a refusal to drop fields then says the
     *                         documents still hold them.
     * @return this.
     */
    public StoreContext firestoreJournal(final boolean firestoreJournal)
    {
        this.firestoreJournal = firestoreJournal;
        return this;
    }

    /**
     * @param list DROP_FIELDS as given.
     * @return its entries, each a record type ({@code orders}) or a type and a field ({@code users.firstName}).
     * @throws IllegalArgumentException naming DROP_FIELDS when an entry is neither.
     */
    public static Set<String> parseDropFields(final String list)
    {
        final Set<String> entries = new LinkedHashSet<>();
        for (final String raw : (list == null ? "" : list).split(","))
        {
            final String entry = raw.trim();
            if (entry.isEmpty())
            {
                continue;
            }
            final int dot = entry.indexOf('.');
            final String type = dot < 0 ? entry : entry.substring(0, dot);
            final String field = dot < 0 ? null : entry.substring(dot + 1);
            if (!RecordSchema.isWellFormedName(type) || (field != null && !field.matches("[A-Za-z_][A-Za-z0-9_]{0,127}")))
            {
                throw new IllegalArgumentException("DROP_FIELDS takes comma-separated record types and fields, e.g. " +
                    "DROP_FIELDS=users.firstName,orders; \"" + entry + "\" is neither");
            }
            entries.add(entry);
        }
        return java.util.Collections.unmodifiableSet(entries);
    }

    /**
     * Validates once and fills derived defaults.
     *
     * @return this.
     * @throws IllegalArgumentException with a message that says what to change.
     */
    public StoreContext conclude()
    {
        concludeSettings();
        if (chatsCapacity < 0)
        {
            chatsCapacity = usersCapacity;
        }
        if (userSchema == null)
        {
            userSchema = RecordSchema.named("users");
        }
        if (chatSchema == null)
        {
            chatSchema = RecordSchema.named("chats");
        }
        // the journal writes users to the users collection and chats to chats (after the prefix)
        if (!"users".equals(userSchema.name()) || !"chats".equals(chatSchema.name()))
        {
            throw new IllegalArgumentException("the user record type must be named \"users\" and the chat record " +
                "type \"chats\" (their Firestore collections), were '" + userSchema.name() + "' and '" +
                chatSchema.name() + "'");
        }
        if (recordsCapacity < 0)
        {
            recordsCapacity = usersCapacity;
        }
        if (recordsCapacity < 1 || recordsCapacity > 1_000_000_000L)
        {
            throw new IllegalArgumentException("the further record types' capacity must be between 1 and " +
                "1000000000, was " + recordsCapacity);
        }
        for (int i = 0; i < furtherSchemas.size(); i++)
        {
            final String name = furtherSchemas.get(i).name();
            if ("users".equals(name) || "chats".equals(name))
            {
                throw new IllegalArgumentException("'" + name + "' is the " + ("users".equals(name) ? "user" : "chat") +
                    " record type: declare it as such, and further record types under other names");
            }
            for (int j = 0; j < i; j++)
            {
                if (furtherSchemas.get(j).name().equals(name))
                {
                    throw new IllegalArgumentException("the record type '" + name + "' is declared twice: " +
                        "each record type needs its own name (its Firestore collection and its store file)");
                }
            }
        }
        if (botName != null && botName.isBlank())
        {
            throw new IllegalArgumentException("a bot's name must not be blank");
        }
        if (Integer.bitCount(cacheSlots) != 1)
        {
            throw new IllegalArgumentException("cache slots must be a power of two, was " + cacheSlots);
        }
        return this;
    }

    /**
     * Validates what a user sets (DATA_DIR, USERS_CAPACITY, DROP_FIELDS) before the bot's schemas are known; {@link #conclude()}
     * does too.
     *
     * @return this.
     * @throws IllegalArgumentException with a message naming the variable and what to change.
     */
    public StoreContext concludeSettings()
    {
        if (dataDir == null)
        {
            throw new IllegalArgumentException("DATA_DIR must name a folder");
        }
        if (usersCapacity < 1 || usersCapacity > 1_000_000_000L)
        {
            throw new IllegalArgumentException("USERS_CAPACITY must be between 1 and 1000000000, was " + usersCapacity);
        }
        dropSet = parseDropFields(dropFields);
        return this;
    }
}

package io.ringbot.store.record;

import net.openhft.chronicle.values.MaxUtf8Length;

/**
 * One Telegram chat's state: a fixed-layout value stored off-heap in the chats map (Chronicle Values).
 * <pre>
 *  +---------------------------------------------------------------+
 *  |  seq (odd while the engine writes: a seqlock for readers)     |
 *  |  version (+1 per change)                                      |
 *  |  syncedVersion (last version Firestore acknowledged)          |
 *  |  id | messageCount | likeCount | lastMessageMillis            |
 *  |  type (UTF-8, 16 B) | title (UTF-8, 512 B)                    |
 *  +---------------------------------------------------------------+
 * </pre>
 */
public interface ChatRecord
{
    int MAX_TYPE_BYTES = 16;
    int MAX_TITLE_BYTES = 512;

    long getVolatileSeq();

    void setOrderedSeq(long seq);

    long getSeq();

    long getVersion();

    void setOrderedVersion(long version);

    long getVolatileVersion();

    long getSyncedVersion();

    void setOrderedSyncedVersion(long syncedVersion);

    long getVolatileSyncedVersion();

    long getId();

    void setId(long id);

    long getMessageCount();

    void setMessageCount(long count);

    long getLikeCount();

    void setLikeCount(long count);

    long getLastMessageMillis();

    void setLastMessageMillis(long millis);

    CharSequence getType();

    void setType(@MaxUtf8Length(MAX_TYPE_BYTES) CharSequence type);

    StringBuilder getUsingType(StringBuilder using);

    CharSequence getTitle();

    void setTitle(@MaxUtf8Length(MAX_TITLE_BYTES) CharSequence title);

    StringBuilder getUsingTitle(StringBuilder using);
}

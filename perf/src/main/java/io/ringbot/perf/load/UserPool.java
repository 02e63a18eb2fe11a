package io.ringbot.perf.load;

import java.util.SplittableRandom;

/**
 * The virtual users of one worker and which of them are idle. A user has at most one request in flight,
 * as Telegram sends a chat's next update only after the previous one was answered.
 * <p>
 * Idle users sit in a dense array so that a random one is taken in constant time (swap with the last).
 */
public final class UserPool
{
    private final long firstUserId;
    private final int[] idle;
    private final boolean[] busy;
    private final SplittableRandom random;
    /** New-users-first: the next user never handed out (ids in order), or {@code idle.length} when all were. */
    private int nextNew;
    private int idleCount;

    /**
     * @param firstUserId the Telegram id of slot 0; slot {@code i} is user {@code firstUserId + i}.
     * @param users       how many users.
     * @param random      the source for picking users.
     */
    public UserPool(final long firstUserId, final int users, final SplittableRandom random)
    {
        this(firstUserId, users, random, false);
    }

    /**
     * @param firstUserId     the first user's Telegram id.
     * @param users           how many users.
     * @param random          the source for picking users.
     * @param newUsersFirst   hand every user out once, in id order, before picking idle ones at random: a
     *                        run of at least {@code users} requests creates every user (a store grows to them).
     */
    public UserPool(final long firstUserId, final int users, final SplittableRandom random, final boolean newUsersFirst)
    {
        if (users < 1)
        {
            throw new IllegalArgumentException("a worker needs at least one user");
        }
        this.firstUserId = firstUserId;
        this.idle = new int[users];
        this.busy = new boolean[users];
        this.random = random;
        if (newUsersFirst)
        {
            this.idleCount = 0; // users join the idle ones after their first request
        }
        else
        {
            for (int i = 0; i < users; i++)
            {
                idle[i] = i;
            }
            this.idleCount = users;
            this.nextNew = users;
        }
    }

    /**
     * @return a random idle user's slot, now busy, or -1 when every user has a request in flight.
     */
    public int acquire()
    {
        if (nextNew < idle.length)
        {
            busy[nextNew] = true;
            return nextNew++;
        }
        if (idleCount == 0)
        {
            return -1;
        }
        final int at = random.nextInt(idleCount);
        final int slot = idle[at];
        idle[at] = idle[--idleCount];
        busy[slot] = true;
        return slot;
    }

    /**
     * Makes a user idle again once its request was answered or failed.
     *
     * @param slot a slot from {@link #acquire()}.
     */
    public void release(final int slot)
    {
        if (!busy[slot])
        {
            throw new IllegalStateException("user slot " + slot + " released twice");
        }
        busy[slot] = false;
        idle[idleCount++] = slot;
    }

    /**
     * @param slot a user slot.
     * @return the user's Telegram id (also its private chat's id).
     */
    public long userId(final int slot)
    {
        return firstUserId + slot;
    }

    /**
     * @return how many users.
     */
    public int size()
    {
        return busy.length;
    }

    /**
     * @return how many users have no request in flight.
     */
    public int idleCount()
    {
        return idleCount;
    }
}

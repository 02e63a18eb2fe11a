package io.ringbot.engine.journal;

/**
 * Acknowledgements from Firestore, gathered on the journal thread and handed to the engine as one
 * ring event's payload: (type ordinal, id, version) triples.
 */
final class JournalAckBatch
{
    final long[] triples;
    int count;

    JournalAckBatch(final int capacity)
    {
        triples = new long[capacity * 3];
    }

    boolean isFull()
    {
        return count * 3 == triples.length;
    }

    void add(final int type, final long id, final long version)
    {
        final int i = count * 3;
        triples[i] = type;
        triples[i + 1] = id;
        triples[i + 2] = version;
        count++;
    }
}

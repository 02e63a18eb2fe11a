package io.ringbot.store.journal;

/**
 * The conformance suite against the in-memory sink the journal's own tests rely on.
 */
class InMemorySinkTest extends JournalSinkConformance
{
    protected JournalSink newSink(final String collectionPrefix)
    {
        return new InMemorySink(collectionPrefix);
    }
}

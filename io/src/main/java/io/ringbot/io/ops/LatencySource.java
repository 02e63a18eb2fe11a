package io.ringbot.io.ops;

import org.HdrHistogram.Histogram;

/**
 * Latency histograms for {@code /metrics} and the dashboard, one per {@link Stage}.
 * <p>
 * A snapshot is cumulative (every value recorded since start), in nanoseconds, and the caller's to keep:
 * Prometheus needs monotonic counts, and the dashboard takes the difference of two snapshots for the
 * percentiles of the last second. {@link LatencyRecorders} makes such snapshots out of HdrHistogram
 * {@code Recorder}s. Called on the ops event loop only.
 */
public interface LatencySource
{
    /**
     * A source that measures nothing: the latency metrics and charts are left out.
     */
    LatencySource NONE = stage -> null;

    /**
     * The measured stages, named as in the metrics ({@code ringbot_<name>_latency_seconds}).
     */
    enum Stage
    {
        /** From the webhook request's arrival to its answer being written. */
        WEBHOOK("webhook"),
        /** The engine's handling of one update. */
        ENGINE("engine"),
        /** One Firestore commit of the journal, from send to acknowledgement. */
        JOURNAL_COMMIT("journal_commit"),
        /** A document's journal lag: from its first pending change to Firestore's acknowledgement. */
        JOURNAL_LAG("journal_lag");

        private final String metricName;

        Stage(final String metricName)
        {
            this.metricName = metricName;
        }

        public String metricName()
        {
            return metricName;
        }
    }

    /**
     * @param stage which one.
     * @return every value recorded since start, in nanoseconds, as a copy; null when the stage is not measured.
     */
    Histogram snapshot(Stage stage);
}
